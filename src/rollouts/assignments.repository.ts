import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
} from "kysely";
import type { PeopleCondition } from "../audiences/people-condition.js";
import { peopleScopeCondition } from "../directory/people.repository.js";
import type { PeopleScope } from "../platform/auth/roles.js";
import type { AssignmentExceptionsTable, Database } from "../platform/database/schema.js";

type Db = Kysely<Database>;

/** Statuses of an assignment that is still open (work to do). */
export const openStatuses = ["assigned", "notified", "started", "overdue"] as const;
export const assignmentStatuses = [
  "assigned",
  "notified",
  "started",
  "completed",
  "exempt",
  "overdue",
  "withdrawn",
] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

/** One group of people who get the same due date: same zone, region and division. */
export interface AssignmentGroup {
  timeZone: string;
  region: string;
  division: string;
  count: number;
}

/** How a group is assigned: its due instant, feasibility flag and starting status. */
export interface PlannedGroup extends AssignmentGroup {
  dueAt: string;
  feasibility: string;
  status: AssignmentStatus;
}

function peopleEb(): ExpressionBuilder<Database, "people"> {
  return expressionBuilder<Database, "people">();
}

/**
 * People of a wave who have no assignment yet: active, matching the wave's condition, without an
 * assignment in this wave (any status) or an unwithdrawn one in another wave of the rollout.
 */
function unassignedMembers(
  condition: PeopleCondition,
  rolloutId: string,
  waveId: string,
): Expression<SqlBool> {
  const eb = peopleEb();
  return eb.and([
    eb("people.status", "=", "active"),
    condition(eb),
    eb.not(
      eb.exists(
        eb
          .selectFrom("assignments as a")
          .select(sql`1`.as("one"))
          .whereRef("a.person_id", "=", "people.id")
          .where("a.rollout_id", "=", rolloutId)
          .where((w) => w.or([w("a.status", "!=", "withdrawn"), w("a.wave_id", "=", waveId)])),
      ),
    ),
  ]);
}

/** Unassigned members of a wave, grouped by time zone, region and division (null as ""). */
export async function groupUnassignedMembers(
  db: Db,
  options: { condition: PeopleCondition; rolloutId: string; waveId: string },
): Promise<AssignmentGroup[]> {
  const rows = await db
    .selectFrom("people")
    .select([
      "people.time_zone",
      sql<string>`coalesce(people.region, '')`.as("region"),
      sql<string>`coalesce(people.division, '')`.as("division"),
      (eb) => eb.fn.countAll<number>().as("count"),
    ])
    .where(() => unassignedMembers(options.condition, options.rolloutId, options.waveId))
    .groupBy(["people.time_zone", "people.region", "people.division"])
    .execute();
  return rows.map((r) => ({
    timeZone: r.time_zone,
    region: r.region,
    division: r.division,
    count: Number(r.count),
  }));
}

/** A withdrawn assignment of a wave whose person is back in its audience, with their group. */
export interface ReturningAssignment {
  id: number;
  timeZone: string;
  region: string;
  division: string;
}

/**
 * Withdrawn assignments of a wave (not the ones refused for too little time) whose person is
 * active and matches the wave again, without an open or completed assignment elsewhere in the
 * rollout: a rejoiner, a mover back in. Read from the wave's few withdrawn rows, not the directory.
 */
export async function findReturningAssignments(
  db: Db,
  options: { condition: PeopleCondition; rolloutId: string; waveId: string },
): Promise<ReturningAssignment[]> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("people", "people.id", "a.person_id")
    .select([
      "a.id",
      "people.time_zone",
      sql<string>`coalesce(people.region, '')`.as("region"),
      sql<string>`coalesce(people.division, '')`.as("division"),
    ])
    .where("a.wave_id", "=", options.waveId)
    .where("a.status", "=", "withdrawn")
    .where("a.feasibility", "!=", "flagged")
    .where("people.status", "=", "active")
    .where((eb) => options.condition(eb as unknown as ExpressionBuilder<Database, "people">))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("assignments as b")
            .select(sql`1`.as("one"))
            .whereRef("b.person_id", "=", "a.person_id")
            .where("b.rollout_id", "=", options.rolloutId)
            .where("b.status", "!=", "withdrawn"),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    timeZone: r.time_zone,
    region: r.region,
    division: r.division,
  }));
}

/**
 * Creates one assignment per unassigned member of a wave in set-based statements, each group with
 * its own due instant. A person who already has one is skipped, so running it twice adds nothing.
 */
export async function insertWaveAssignments(
  db: Db,
  options: {
    condition: PeopleCondition;
    rolloutId: string;
    waveId: string;
    programVersionId: string;
    enrollmentMode: string;
    cause: string;
    at: string;
    groups: readonly PlannedGroup[];
  },
): Promise<number> {
  let inserted = 0;
  // Each group is 6 parameters; 1,000 groups per statement stays far below every limit.
  for (let i = 0; i < options.groups.length; i += 1000) {
    const chunk = options.groups.slice(i, i + 1000);
    const plan = sql.join(
      chunk.map(
        (g) =>
          sql`(${g.timeZone}, ${g.region}, ${g.division}, ${g.dueAt}, ${g.feasibility}, ${g.status})`,
      ),
    );
    const result = await sql`
      with plan(time_zone, region, division, due_at, feasibility, status) as (values ${plan})
      insert into assignments (rollout_id, wave_id, person_id, program_version_id, enrollment_mode,
        status, due_at, time_zone, feasibility, assigned_at, assigned_cause, closed_at, updated_at)
      select ${options.rolloutId}, ${options.waveId}, people.id, ${options.programVersionId},
        ${options.enrollmentMode}, plan.status, plan.due_at, people.time_zone, plan.feasibility,
        ${options.at}, ${options.cause},
        case when plan.status = 'withdrawn' then ${options.at} end, ${options.at}
      from people
      inner join plan on plan.time_zone = people.time_zone
        and plan.region = coalesce(people.region, '')
        and plan.division = coalesce(people.division, '')
      where ${unassignedMembers(options.condition, options.rolloutId, options.waveId)}
      on conflict (wave_id, person_id) do nothing`.execute(db);
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return inserted;
}

/**
 * Moves a set of assignments to a status, logging each change with its cause first.
 * `ids` is a subquery selecting assignment ids; it is read twice inside the caller's transaction.
 */
export async function changeAssignmentStatus(
  db: Db,
  options: {
    ids: (eb: ExpressionBuilder<Database, "assignments">) => Expression<SqlBool>;
    to: AssignmentStatus;
    cause: string;
    actor: string;
    at: string;
    details?: Record<string, unknown>;
    set?: {
      due_at?: string;
      closed_at?: string | null;
      started_at?: string | null;
      completed_at?: string | null;
      score?: number | null;
      completion_source?: string | null;
    };
  },
): Promise<number> {
  await db
    .insertInto("assignment_changes")
    .columns(["assignment_id", "from_status", "to_status", "cause", "actor", "details", "at"])
    .expression(
      db
        .selectFrom("assignments")
        .select([
          "assignments.id",
          "assignments.status",
          sql.val(options.to).as("to_status"),
          sql.val(options.cause).as("cause"),
          sql.val(options.actor).as("actor"),
          sql.val(JSON.stringify(options.details ?? {})).as("details"),
          sql.val(options.at).as("at"),
        ])
        .where((eb) => options.ids(eb)),
    )
    .execute();
  const closing =
    options.to === "withdrawn" || options.to === "exempt" || options.to === "completed";
  const result = await db
    .updateTable("assignments")
    .set({
      status: options.to,
      updated_at: options.at,
      closed_at: closing ? options.at : null,
      ...options.set,
    })
    .where((eb) => options.ids(eb))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Open assignments of a wave whose person has left the organisation or no longer matches the
 * wave's condition, found in one pass: the ids of each, for `changeStatusOfIds`.
 */
export async function findOpenLeavingWave(
  db: Db,
  waveId: string,
  condition: PeopleCondition,
): Promise<{ leavers: number[]; movers: number[] }> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("people", "people.id", "a.person_id")
    .select(["a.id", "people.status"])
    .where("a.wave_id", "=", waveId)
    .where("a.status", "in", openStatuses)
    .where((eb) =>
      eb.not(
        eb.and([
          eb("people.status", "=", "active"),
          condition(eb as unknown as ExpressionBuilder<Database, "people">),
        ]),
      ),
    )
    .execute();
  const leavers: number[] = [];
  const movers: number[] = [];
  for (const r of rows) (r.status === "active" ? movers : leavers).push(Number(r.id));
  return { leavers, movers };
}

/** Moves assignments given by id to a status, in chunks, logging each change with its cause. */
export async function changeStatusOfIds(
  db: Db,
  ids: readonly number[],
  options: Omit<Parameters<typeof changeAssignmentStatus>[1], "ids">,
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < ids.length; i += 5000)
    changed += await changeAssignmentStatus(db, {
      ...options,
      ids: withIds(ids.slice(i, i + 5000)),
    });
  return changed;
}

/** Open assignments of a wave (for rollback). */
export function openOfWave(waveId: string) {
  return (eb: ExpressionBuilder<Database, "assignments">): Expression<SqlBool> =>
    eb.and([eb("assignments.wave_id", "=", waveId), eb("assignments.status", "in", openStatuses)]);
}

/** Assignments by status for these waves, counting only people the scope may see. */
export async function countAssignmentsByWave(
  db: Db,
  waveIds: readonly string[],
  scope: PeopleScope = { kind: "all" },
): Promise<Map<string, Record<string, number>>> {
  const result = new Map<string, Record<string, number>>();
  if (waveIds.length === 0) return result;
  let q = db
    .selectFrom("assignments as a")
    .select(["a.wave_id", "a.status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("a.wave_id", "in", waveIds)
    .groupBy(["a.wave_id", "a.status"]);
  if (scope.kind !== "all")
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("people")
          .select(sql`1`.as("one"))
          .whereRef("people.id", "=", "a.person_id")
          .where((p) => peopleScopeCondition(p as never, scope)),
      ),
    );
  const rows = await q.execute();
  for (const r of rows) {
    const counts = result.get(r.wave_id) ?? {};
    counts[r.status] = Number(r.count);
    result.set(r.wave_id, counts);
  }
  return result;
}

export interface AssignmentFilter {
  rolloutId?: string;
  waveId?: string;
  status?: AssignmentStatus | "open";
  feasibility?: string;
  region?: string;
  division?: string;
  country?: string;
  q?: string;
  personExternalId?: string;
}

const assignmentColumns = [
  "a.id",
  "a.rollout_id",
  "a.wave_id",
  "a.program_version_id",
  "a.enrollment_mode",
  "a.status",
  "a.due_at",
  "a.time_zone",
  "a.feasibility",
  "a.assigned_at",
  "a.assigned_cause",
  "a.started_at",
  "a.completed_at",
  "a.score",
  "a.completion_source",
  "a.closed_at",
  "a.updated_at",
  "people.external_id",
  "people.name",
  "people.division",
  "people.region",
  "people.country",
  "people.manager_external_id",
] as const;

function filteredAssignments(db: Db, scope: PeopleScope, filter: AssignmentFilter) {
  let q = db
    .selectFrom("assignments as a")
    .innerJoin("people", "people.id", "a.person_id")
    .where((eb) => peopleScopeCondition(eb as never, scope));
  if (filter.rolloutId) q = q.where("a.rollout_id", "=", filter.rolloutId);
  if (filter.waveId) q = q.where("a.wave_id", "=", filter.waveId);
  if (filter.status === "open") q = q.where("a.status", "in", openStatuses);
  else if (filter.status) q = q.where("a.status", "=", filter.status);
  if (filter.feasibility) q = q.where("a.feasibility", "=", filter.feasibility);
  if (filter.region) q = q.where("people.region", "=", filter.region);
  if (filter.division) q = q.where("people.division", "=", filter.division);
  if (filter.country) q = q.where("people.country", "=", filter.country);
  if (filter.personExternalId) q = q.where("people.external_id", "=", filter.personExternalId);
  if (filter.q) {
    const prefix = filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.or([
        eb("people.external_id", "=", filter.q!),
        sql<SqlBool>`people.name_key like ${`${prefix}%`} escape '\\'`,
        sql<SqlBool>`people.family_key like ${`${prefix}%`} escape '\\'`,
      ]),
    );
  }
  return q;
}

/** A page of assignments the scope may see, with their people, and the total (counted up to 100,000). */
export async function listAssignments(
  db: Db,
  options: { scope: PeopleScope; filter: AssignmentFilter; offset: number; limit: number },
) {
  const items = await filteredAssignments(db, options.scope, options.filter)
    .select([...assignmentColumns])
    .orderBy("people.name_key")
    .orderBy("a.id")
    .offset(options.offset)
    .limit(options.limit)
    .execute();
  const counted = await db
    .selectFrom(
      filteredAssignments(db, options.scope, options.filter)
        .select("a.id")
        .limit(100_000)
        .as("matches"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { items, total: Number(counted.n) };
}

/** One assignment with its person, if the scope may see it. */
export async function findAssignment(db: Db, id: number, scope: PeopleScope) {
  return filteredAssignments(db, scope, {})
    .select([...assignmentColumns])
    .where("a.id", "=", id)
    .executeTakeFirst();
}

/** The status changes of one assignment, oldest first. */
export async function listAssignmentChanges(db: Db, assignmentId: number) {
  return db
    .selectFrom("assignment_changes")
    .select(["from_status", "to_status", "cause", "actor", "details", "at"])
    .where("assignment_id", "=", assignmentId)
    .orderBy("id")
    .execute();
}

/** Completion measures of the assignments in some waves, for gate criteria. */
export async function measureWaves(
  db: Db,
  waveIds: readonly string[],
): Promise<{ counted: number; completed: number; overdue: number; averageScore: number | null }> {
  if (waveIds.length === 0) return { counted: 0, completed: 0, overdue: 0, averageScore: null };
  const row = await db
    .selectFrom("assignments")
    .select([
      sql<number>`sum(case when status not in ('withdrawn', 'exempt') then 1 else 0 end)`.as(
        "counted",
      ),
      sql<number>`sum(case when status = 'completed' then 1 else 0 end)`.as("completed"),
      sql<number>`sum(case when status = 'overdue' then 1 else 0 end)`.as("overdue"),
      sql<number | null>`avg(case when status = 'completed' then score end)`.as("average_score"),
    ])
    .where("wave_id", "in", waveIds)
    .executeTakeFirstOrThrow();
  return {
    counted: Number(row.counted ?? 0),
    completed: Number(row.completed ?? 0),
    overdue: Number(row.overdue ?? 0),
    averageScore: row.average_score === null ? null : Number(row.average_score),
  };
}

/** Open assignments of a rollout for these people or assignment ids, within a scope. */
export async function findOpenAssignments(
  db: Db,
  options: {
    rolloutId: string;
    scope: PeopleScope;
    personExternalIds: readonly string[];
    assignmentIds: readonly number[];
  },
): Promise<
  { id: number; status: string; due_at: string | null; time_zone: string; external_id: string }[]
> {
  const rows = await filteredAssignments(db, options.scope, { rolloutId: options.rolloutId })
    .select(["a.id", "a.status", "a.due_at", "a.time_zone", "people.external_id"])
    .where("a.status", "in", openStatuses)
    .where((eb) =>
      eb.or([
        ...(options.personExternalIds.length > 0
          ? [eb("people.external_id", "in", options.personExternalIds)]
          : []),
        ...(options.assignmentIds.length > 0 ? [eb("a.id", "in", options.assignmentIds)] : []),
        ...(options.personExternalIds.length + options.assignmentIds.length === 0
          ? [sql<SqlBool>`1 = 0`]
          : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Records an exception and the state of each assignment it touches, before it changes them. */
export async function insertException(
  db: Db,
  row: Insertable<AssignmentExceptionsTable>,
  items: readonly { assignmentId: number; previousStatus: string; previousDueAt: string | null }[],
): Promise<void> {
  await db.insertInto("assignment_exceptions").values(row).execute();
  for (let i = 0; i < items.length; i += 1000) {
    await db
      .insertInto("assignment_exception_items")
      .values(
        items.slice(i, i + 1000).map((it) => ({
          exception_id: row.id,
          assignment_id: it.assignmentId,
          previous_status: it.previousStatus,
          previous_due_at: it.previousDueAt,
        })),
      )
      .execute();
  }
}

/**
 * Moves the due date of some assignments (all in one time zone) to a new instant, logging each
 * change; an overdue assignment becomes assigned again.
 */
export async function extendAssignments(
  db: Db,
  options: {
    ids: readonly number[];
    dueAt: string;
    cause: string;
    actor: string;
    at: string;
    details: Record<string, unknown>;
  },
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < options.ids.length; i += 1000) {
    const ids = options.ids.slice(i, i + 1000);
    await db
      .insertInto("assignment_changes")
      .columns(["assignment_id", "from_status", "to_status", "cause", "actor", "details", "at"])
      .expression(
        db
          .selectFrom("assignments")
          .select([
            "id",
            "status",
            sql<string>`case when status = 'overdue' then 'assigned' else status end`.as(
              "to_status",
            ),
            sql.val(options.cause).as("cause"),
            sql.val(options.actor).as("actor"),
            sql.val(JSON.stringify({ ...options.details, dueAt: options.dueAt })).as("details"),
            sql.val(options.at).as("at"),
          ])
          .where("id", "in", ids),
      )
      .execute();
    const r = await db
      .updateTable("assignments")
      .set({
        due_at: options.dueAt,
        status: sql<string>`case when status = 'overdue' then 'assigned' else status end`,
        updated_at: options.at,
      })
      .where("id", "in", ids)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}

/**
 * Exceptions of a rollout (or all), newest first, that cover at least one person the scope may
 * see, with the number of those people's assignments they cover.
 */
export async function listExceptionRows(
  db: Db,
  options: { rolloutId: string | null; scope: PeopleScope; limit: number },
) {
  const inScope = (eb: ExpressionBuilder<Database & { e: AssignmentExceptionsTable }, "e">) =>
    eb
      .selectFrom("assignment_exception_items as i")
      .innerJoin("assignments as a", "a.id", "i.assignment_id")
      .innerJoin("people", "people.id", "a.person_id")
      .whereRef("i.exception_id", "=", "e.id")
      .where((p) => peopleScopeCondition(p as never, options.scope));
  let q = db
    .selectFrom("assignment_exceptions as e")
    .innerJoin("rollouts as r", "r.id", "e.rollout_id")
    .selectAll("e")
    .select("r.name as rollout_name")
    .select((eb) =>
      inScope(eb as never)
        .select((c) => c.fn.countAll<number>().as("n"))
        .as("visible_count"),
    )
    .where((eb) => eb.exists(inScope(eb as never).select(sql`1`.as("one"))))
    .orderBy("e.created_at", "desc")
    .limit(options.limit);
  if (options.rolloutId) q = q.where("e.rollout_id", "=", options.rolloutId);
  return q.execute();
}

/** The people an exception covers, that the scope may see. */
export async function listExceptionPeople(
  db: Db,
  exceptionIds: readonly string[],
  scope: PeopleScope,
) {
  if (exceptionIds.length === 0) return [];
  return db
    .selectFrom("assignment_exception_items as i")
    .innerJoin("assignments as a", "a.id", "i.assignment_id")
    .innerJoin("people", "people.id", "a.person_id")
    .select(["i.exception_id", "people.external_id", "people.name"])
    .where("i.exception_id", "in", exceptionIds)
    .where((eb) => peopleScopeCondition(eb as never, scope))
    .orderBy("people.name_key")
    .execute();
}

/** Exemptions whose expiry date has passed and that have not lapsed yet. */
export async function listExpiredExemptions(db: Db, today: string) {
  return db
    .selectFrom("assignment_exceptions")
    .select(["id", "expires_on", "rollout_id"])
    .where("kind", "=", "exemption")
    .where("lapsed_at", "is", null)
    .where("expires_on", "<", today)
    .execute();
}

export async function markExceptionLapsed(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable("assignment_exceptions")
    .set({ lapsed_at: at })
    .where("id", "=", id)
    .execute();
}

/** Mandatory open assignments past their due date, in waves that are not paused. */
export function overdueCandidates(now: string) {
  return (eb: ExpressionBuilder<Database, "assignments">): Expression<SqlBool> =>
    eb.and([
      eb("assignments.status", "in", ["assigned", "notified", "started"]),
      eb("assignments.due_at", "<", now),
      eb("assignments.enrollment_mode", "=", "mandatory"),
      eb.exists(
        eb
          .selectFrom("rollout_waves as w")
          .select(sql`1`.as("one"))
          .whereRef("w.id", "=", "assignments.wave_id")
          .where("w.status", "=", "launched"),
      ),
    ]);
}

/**
 * Assignments an exemption still covers, in waves that are launched or paused (not rolled back),
 * of people still here: the ones that go back to work when it lapses.
 */
export async function listStillExempt(
  db: Db,
  exceptionId: string,
): Promise<{ id: number; time_zone: string }[]> {
  const rows = await db
    .selectFrom("assignment_exception_items as i")
    .innerJoin("assignments as a", "a.id", "i.assignment_id")
    .innerJoin("rollout_waves as w", "w.id", "a.wave_id")
    .innerJoin("people", "people.id", "a.person_id")
    .select(["a.id", "a.time_zone"])
    .where("i.exception_id", "=", exceptionId)
    .where("a.status", "=", "exempt")
    .where("w.status", "in", ["launched", "paused"])
    .where("people.status", "=", "active")
    .execute();
  return rows.map((r) => ({ id: Number(r.id), time_zone: r.time_zone }));
}

/** Assignments with these ids. */
export function withIds(ids: readonly number[]) {
  return (eb: ExpressionBuilder<Database, "assignments">): Expression<SqlBool> =>
    ids.length === 0 ? sql<SqlBool>`1 = 0` : eb("assignments.id", "in", ids);
}
