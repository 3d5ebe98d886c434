import { DateTime } from "luxon";
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { findWaveRow, type WaveRow } from "../rollouts/rollouts.repository.js";
import { ruleKey, type CadencePolicy, type CadenceRule } from "./cadence.js";
import { cadenceForWave, teamPurposes, type Cadence } from "./cadences.js";
import { cancelMessages } from "./outbox.repository.js";
import { nextSendInstant } from "./send-window.js";

type Db = Kysely<Database>;

/** How far ahead messages are written to the outbox; the hourly pass moves the horizon on. */
export const planningHorizonHours = 48;
/** A message whose time passed more than this long ago is not sent any more (it would be stale). */
export const stalenessHours = 24;

const open = ["assigned", "notified", "started", "overdue"];

/** When a rule's message is meant to arrive, before send windows: a pure function of its anchor. */
export function plannedInstant(
  rule: Pick<CadenceRule, "anchor" | "days" | "at">,
  base: Date,
  timeZone: string,
): Date {
  const start = DateTime.fromJSDate(base, { zone: timeZone });
  if (rule.anchor === "completed" && rule.days === 0) return base;
  const [hour, minute] = rule.at.split(":").map(Number);
  const local = start
    .startOf("day")
    .plus({ days: rule.days })
    .set({ hour: hour ?? 9, minute: minute ?? 0 });
  // The launch message of the day someone is assigned goes when they are, not before.
  if (rule.anchor === "launch" && local < start) return base;
  return local.toJSDate();
}

/**
 * The instant a message goes out: its planned time (or now, if that has just passed), moved out
 * of quiet hours and rest days in the recipient's zone. Null when the time passed too long ago
 * or lies beyond the planning horizon.
 */
export function sendInstant(
  planned: Date,
  recipient: { timeZone: string; country: string | null },
  policy: CadencePolicy,
  now: Date,
  horizonHours = planningHorizonHours,
): Date | null {
  const age = now.getTime() - planned.getTime();
  if (age > stalenessHours * 3600_000) return null;
  const at = nextSendInstant(age > 0 ? now : planned, recipient, policy);
  if (at.getTime() > now.getTime() + horizonHours * 3600_000) return null;
  return at;
}

interface PlanRow {
  timeZone: string;
  country: string;
  base: string;
  period: number;
  scheduledFor: string;
  sendAfter: string;
  /** Recipients in the group (managers, for team messages). */
  count: number;
}

/** What one rule planned for a wave. */
export interface RulePlan {
  ruleId: string;
  ruleKey: string;
  planned: number;
}

export interface WavePlan {
  waveId: string;
  cadence: { id: string; source: Cadence["source"] };
  rules: RulePlan[];
  cancelled: number;
}

function recipientJoin(rule: CadenceRule): RawBuilder<unknown> {
  switch (rule.to) {
    case "learner":
      return sql`join people r on r.id = a.person_id`;
    case "manager":
      return sql`join people p on p.id = a.person_id
        join people r on r.external_id = p.manager_external_id and r.status = 'active'`;
    case "manager_of_manager":
      return sql`join people p on p.id = a.person_id
        join people m on m.external_id = p.manager_external_id
        join people r on r.external_id = m.manager_external_id and r.status = 'active'`;
    case "channel":
      return sql``;
  }
}

/** Which assignments a rule is for at planning time (checked again when each message is sent). */
function statusFilter(rule: CadenceRule): RawBuilder<unknown> {
  if (rule.anchor === "completed" || rule.condition === "completed")
    return sql`a.status = 'completed'`;
  const openList = sql.join(open.map((s) => sql.lit(s)));
  if (rule.condition === "not_started")
    return sql`a.status in (${openList}) and a.started_at is null`;
  return sql`a.status in (${openList})`;
}

function baseColumn(rule: CadenceRule): RawBuilder<string> {
  if (rule.anchor === "due") return sql<string>`a.due_at`;
  if (rule.anchor === "completed") return sql<string>`a.completed_at`;
  return sql<string>`a.assigned_at`;
}

/** Bounds on a rule's anchor for the messages that fall between stale and the horizon. */
function baseWindow(
  rule: CadenceRule,
  now: Date,
  horizonHours: number,
): { from: string; to: string } {
  const day = 86_400_000;
  const shift = rule.days * day;
  return {
    from: new Date(now.getTime() - shift - stalenessHours * 3600_000 - 2 * day).toISOString(),
    to: new Date(now.getTime() - shift + horizonHours * 3600_000 + 2 * day).toISOString(),
  };
}

const insertColumns = sql`dedupe_key, rollout_id, wave_id, rule_key, template_id, purpose, channel,
  recipient_person_id, recipient_role, assignment_id, condition, base_at, scheduled_for, send_after,
  state, created_at, updated_at`;

function planValues(rows: PlanRow[]): RawBuilder<unknown> {
  return sql.join(
    rows.map(
      (g) =>
        sql`(${g.timeZone}, ${g.country}, ${g.base}, ${g.period}, ${g.scheduledFor}, ${g.sendAfter})`,
    ),
  );
}

/**
 * Plans one rule for a wave: groups the recipients by time zone, country and anchor, works out
 * each group's send instant in TypeScript, then writes the messages of the groups that fall
 * within the horizon in one statement per 1,000 groups. The unique dedupe key makes it
 * idempotent: planning again, or at the same time, writes nothing twice.
 */
/** The earliest and latest value of each anchor among a wave's assignments (ISO instants). */
export interface AnchorRanges {
  launch: [string | null, string | null];
  due: [string | null, string | null];
  completed: [string | null, string | null];
}

/**
 * Reads every anchor's range in one pass over the wave, so that rules whose window holds no
 * assignment (most of them, on most hours) are skipped without a query of their own.
 */
export async function anchorRanges(db: Db, waveId: string): Promise<AnchorRanges> {
  const row = await db
    .selectFrom("assignments")
    .select((eb) => [
      eb.fn.min("assigned_at").as("a0"),
      eb.fn.max("assigned_at").as("a1"),
      eb.fn.min("due_at").as("d0"),
      eb.fn.max("due_at").as("d1"),
      eb.fn.min("completed_at").as("c0"),
      eb.fn.max("completed_at").as("c1"),
    ])
    .where("wave_id", "=", waveId)
    .executeTakeFirst();
  return {
    launch: [row?.a0 ?? null, row?.a1 ?? null],
    due: [row?.d0 ?? null, row?.d1 ?? null],
    completed: [row?.c0 ?? null, row?.c1 ?? null],
  };
}

/** The start of a wave's messages counted from its launch: the day it started. */
function waveStart(wave: WaveRow, timeZone: string): Date {
  return DateTime.fromISO(wave.started_on ?? wave.launch_date, { zone: timeZone }).toJSDate();
}

/**
 * A rule's recipients grouped by time zone, country and anchor, each group with its send instant
 * worked out in TypeScript (Luxon): the groups whose messages fall between stale and the horizon.
 */
async function groupsFor(
  db: Db,
  options: {
    wave: WaveRow;
    cadence: Cadence;
    rule: CadenceRule;
    now: Date;
    horizonHours: number;
    ranges?: AnchorRanges;
  },
): Promise<PlanRow[]> {
  const { wave, cadence, rule, now, horizonHours, ranges } = options;
  const join = recipientJoin(rule);
  const status = statusFilter(rule);
  const plan: PlanRow[] = [];
  const recipient = (g: { time_zone: string; country: string }) => ({
    timeZone: g.time_zone,
    country: g.country || null,
  });

  if (rule.to === "channel") {
    const zone = await db
      .selectFrom("assignments")
      .select(["time_zone", (eb) => eb.fn.countAll().as("n")])
      .where("wave_id", "=", wave.id)
      .groupBy("time_zone")
      .orderBy("n", "desc")
      .executeTakeFirst();
    const tz = zone?.time_zone ?? "UTC";
    const planned = plannedInstant(rule, waveStart(wave, tz), tz);
    const send = sendInstant(
      planned,
      { timeZone: tz, country: null },
      cadence.policy,
      now,
      horizonHours,
    );
    if (send)
      plan.push({
        timeZone: tz,
        country: "",
        base: "",
        period: 0,
        scheduledFor: planned.toISOString(),
        sendAfter: send.toISOString(),
        count: 1,
      });
    return plan;
  }

  if (teamPurposes.has(rule.purpose) && rule.everyDays !== null) {
    // A digest: one per manager per period, counted from the wave's start. First a check in
    // UTC (with a day's slack for zones) that some period falls between stale and the horizon.
    const first = waveStart(wave, "UTC").getTime() + rule.days * 86_400_000;
    const step = rule.everyDays * 86_400_000;
    const earliest = now.getTime() - (stalenessHours + 48) * 3600_000;
    const latest = now.getTime() + (horizonHours + 24) * 3600_000;
    const n0 = Math.max(0, Math.ceil((earliest - first) / step));
    if (first + n0 * step > latest) return plan;
    const groups = await sql<{ time_zone: string; country: string; n: number }>`
      select r.time_zone, coalesce(r.country, '') as country, count(distinct r.id) as n
      from assignments a ${join}
      where a.wave_id = ${wave.id} and ${status}
      group by r.time_zone, coalesce(r.country, '')`.execute(db);
    const lastDue = await db
      .selectFrom("assignments")
      .select((eb) => eb.fn.max("due_at").as("due"))
      .where("wave_id", "=", wave.id)
      .executeTakeFirst();
    const until = lastDue?.due
      ? new Date(Date.parse(lastDue.due) + 7 * 86_400_000)
      : new Date(now.getTime() + 90 * 86_400_000);
    for (const g of groups.rows)
      for (let n = 0; n < 500; n++) {
        const stepped = { ...rule, days: rule.days + n * rule.everyDays };
        // Counted from the start date in the manager's own zone, not from midnight UTC.
        const planned = plannedInstant(stepped, waveStart(wave, g.time_zone), g.time_zone);
        if (planned > until || planned.getTime() > now.getTime() + horizonHours * 3600_000) break;
        const send = sendInstant(planned, recipient(g), cadence.policy, now, horizonHours);
        if (send)
          plan.push({
            timeZone: g.time_zone,
            country: g.country,
            base: "",
            period: n,
            scheduledFor: planned.toISOString(),
            sendAfter: send.toISOString(),
            count: Number(g.n),
          });
      }
    return plan;
  }

  const window = baseWindow(rule, now, horizonHours);
  const range = ranges?.[rule.anchor];
  if (
    range &&
    (range[0] === null || range[1] === null || range[1] < window.from || range[0] > window.to)
  )
    return plan;
  const base = baseColumn(rule);
  const counted = teamPurposes.has(rule.purpose) ? sql`count(distinct r.id)` : sql`count(*)`;
  const groups = await sql<{ time_zone: string; country: string; base: string; n: number }>`
    select r.time_zone, coalesce(r.country, '') as country, ${base} as base, ${counted} as n
    from assignments a ${join}
    where a.wave_id = ${wave.id} and ${status}
      and ${base} >= ${window.from} and ${base} <= ${window.to}
    group by r.time_zone, coalesce(r.country, ''), ${base}`.execute(db);
  for (const g of groups.rows) {
    const planned = plannedInstant(rule, new Date(g.base), g.time_zone);
    const send = sendInstant(planned, recipient(g), cadence.policy, now, horizonHours);
    if (send)
      plan.push({
        timeZone: g.time_zone,
        country: g.country,
        base: g.base,
        period: 0,
        scheduledFor: planned.toISOString(),
        sendAfter: send.toISOString(),
        count: Number(g.n),
      });
  }
  return plan;
}

/**
 * Plans one rule for a wave: its groups within the horizon become messages, written in one
 * statement per 1,000 groups (the plan is a VALUES table joined to the recipients). The unique
 * dedupe key makes it idempotent: planning again, or at the same time, writes nothing twice.
 */
async function planRule(
  db: Db,
  options: { wave: WaveRow; cadence: Cadence; rule: CadenceRule; now: Date; ranges: AnchorRanges },
): Promise<RulePlan> {
  const { wave, cadence, rule, now } = options;
  const key = ruleKey(cadence.id, rule);
  const at = now.toISOString();
  const perManager = teamPurposes.has(rule.purpose);
  const common = sql`${wave.rollout_id}, ${wave.id}, ${key}, ${rule.templateId}, ${rule.purpose},
    ${rule.channel}`;
  const plan = await groupsFor(db, { ...options, horizonHours: planningHorizonHours });

  if (rule.to === "channel") {
    const g = plan[0];
    if (!g) return { ruleId: rule.id, ruleKey: key, planned: 0 };
    const result = await sql`
      insert into outbox_messages (${insertColumns})
      values (${`${rule.id}:w${wave.id}:channel`}, ${common}, null, 'channel', null, ${rule.condition}, null,
        ${g.scheduledFor}, ${g.sendAfter}, 'scheduled', ${at}, ${at})
      on conflict (dedupe_key) do nothing`.execute(db);
    return { ruleId: rule.id, ruleKey: key, planned: Number(result.numAffectedRows ?? 0) };
  }

  const join = recipientJoin(rule);
  const status = statusFilter(rule);

  let planned = 0;
  for (let i = 0; i < plan.length; i += 1000) {
    const chunk = plan.slice(i, i + 1000);
    const values = planValues(chunk);
    const result = perManager
      ? await sql`
          with plan(time_zone, country, base_at, period, scheduled_for, send_after) as (values ${values})
          insert into outbox_messages (${insertColumns})
          select distinct ${`${rule.id}:w${wave.id}:m`} || cast(r.id as text) || ':' || cast(plan.period as text),
            ${common}, r.id, ${rule.to}, cast(null as integer), ${rule.condition},
            cast(null as text), plan.scheduled_for, plan.send_after, 'scheduled', ${at}, ${at}
          from assignments a ${join}
          join plan on plan.time_zone = r.time_zone and plan.country = coalesce(r.country, '')
            ${rule.everyDays === null ? sql`and plan.base_at = a.assigned_at` : sql``}
          where a.wave_id = ${wave.id} and ${status}
          on conflict (dedupe_key) do nothing`.execute(db)
      : await sql`
          with plan(time_zone, country, base_at, period, scheduled_for, send_after) as (values ${values})
          insert into outbox_messages (${insertColumns})
          select ${`${rule.id}:a`} || cast(a.id as text), ${common}, r.id, ${rule.to}, a.id,
            ${rule.condition}, plan.base_at, plan.scheduled_for, plan.send_after, 'scheduled',
            ${at}, ${at}
          from assignments a ${join}
          join plan on plan.time_zone = r.time_zone and plan.country = coalesce(r.country, '')
            and plan.base_at = ${baseColumn(rule)}
          where a.wave_id = ${wave.id} and ${status}
          on conflict (dedupe_key) do nothing`.execute(db);
    planned += Number(result.numAffectedRows ?? 0);
  }
  return { ruleId: rule.id, ruleKey: key, planned };
}

/**
 * Cancels a wave's messages not yet sent whose rule was changed or removed from its cadence,
 * logging each cancellation.
 */
async function cancelRetiredRules(
  db: Db,
  waveId: string,
  keys: string[],
  at: string,
): Promise<number> {
  const retired = (eb: ExpressionBuilder<Database, "outbox_messages">) =>
    eb.and([
      eb("wave_id", "=", waveId),
      eb("state", "=", "scheduled"),
      ...(keys.length > 0 ? [eb("rule_key", "not in", keys)] : []),
    ]);
  // The retired messages give up their dedupe key, so the rule as it now stands can plan the
  // same recipient again; a message already sent keeps its key and is never planned twice.
  return cancelMessages(db, { where: retired, reason: "cadence changed", at, releaseKeys: true });
}

/**
 * Plans a launched wave's messages within the horizon, rule by rule, in the caller's
 * transaction. Safe to run at any time and any number of times.
 */
export async function planWaveMessages(
  db: Db,
  options: { waveId: string; now?: Date },
): Promise<WavePlan> {
  const now = options.now ?? clock.now();
  const wave = await findWaveRow(db, options.waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${options.waveId}.`);
  const cadence = await cadenceForWave(db, wave.id);
  const keys = cadence.rules.map((r) => ruleKey(cadence.id, r));
  const cancelled = await cancelRetiredRules(db, wave.id, keys, now.toISOString());
  const rules: RulePlan[] = [];
  if (wave.status === "launched") {
    const ranges = await anchorRanges(db, wave.id);
    for (const rule of cadence.rules)
      rules.push(await planRule(db, { wave, cadence, rule, now, ranges }));
  }
  return { waveId: wave.id, cadence: { id: cadence.id, source: cadence.source }, rules, cancelled };
}

/** One day of messages a rule will plan later (beyond the horizon), for the calendar. */
export interface ProjectedDay {
  day: string;
  waveId: string;
  ruleId: string;
  purpose: string;
  /** Recipients if nothing changes (conditions are checked when each message is sent). */
  count: number;
}

/**
 * What a launched wave's cadence will send after the planning horizon, by UTC day and rule, from
 * the same groups the planner uses (nothing is written).
 */
export async function projectWaveMessages(
  db: Db,
  options: { waveId: string; now?: Date; days?: number },
): Promise<ProjectedDay[]> {
  const now = options.now ?? clock.now();
  const wave = await findWaveRow(db, options.waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${options.waveId}.`);
  if (wave.status !== "launched") return [];
  const cadence = await cadenceForWave(db, wave.id);
  const horizonEnd = now.getTime() + planningHorizonHours * 3600_000;
  const days = new Map<string, ProjectedDay>();
  const ranges = await anchorRanges(db, wave.id);
  for (const rule of cadence.rules) {
    const groups = await groupsFor(db, {
      wave,
      cadence,
      rule,
      now,
      ranges,
      horizonHours: (options.days ?? 180) * 24,
    });
    for (const g of groups) {
      if (Date.parse(g.sendAfter) <= horizonEnd) continue;
      const day = g.sendAfter.slice(0, 10);
      const key = `${day}|${rule.id}`;
      const entry = days.get(key) ?? {
        day,
        waveId: wave.id,
        ruleId: rule.id,
        purpose: rule.purpose,
        count: 0,
      };
      entry.count += g.count;
      days.set(key, entry);
    }
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
