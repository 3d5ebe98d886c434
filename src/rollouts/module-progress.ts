import type { Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { changeAssignmentStatus, withIds } from "./assignments.repository.js";

type Db = Kysely<Database>;

/** Where a piece of evidence came from. */
export type ProgressSource = "xapi" | "import" | "manual";

/** Evidence that a person started or completed a module of an assignment. */
export interface ProgressRecord {
  assignmentId: number;
  /** null: the whole program (every required module of the assignment's version). */
  moduleId: string | null;
  outcome: "started" | "completed";
  /** Percent (0–100) when known. */
  score: number | null;
  at: string;
  source: ProgressSource;
  sourceSystem: string | null;
  statementId: string | null;
  importId: string | null;
  /** Why, for the assignment's history: "statement … from …", "completion import …". */
  cause: string;
}

/** Assignments that evidence can still move: open ones, and completed ones (voiding undoes). */
const movable = ["assigned", "notified", "started", "overdue", "completed"];

/**
 * Stores progress evidence and brings the assignments it concerns up to date, in the caller's
 * transaction. An assignment is completed once every required module (every module, when none is
 * required) has a completion; started once anything is recorded.
 */
export async function recordModuleProgress(
  db: Db,
  records: readonly ProgressRecord[],
  actor: string,
): Promise<ProgressOutcome> {
  if (records.length === 0) return emptyOutcome();
  const now = clock.nowIso();
  const assignmentIds = [...new Set(records.map((r) => r.assignmentId))];
  const modulesByAssignment = await modulesOf(db, assignmentIds);
  const rows = [];
  for (const r of records) {
    const modules = modulesByAssignment.get(r.assignmentId);
    if (!modules) continue;
    const targets = r.moduleId !== null ? [r.moduleId] : requiredOf(modules).map((m) => m.id);
    for (const moduleId of targets)
      rows.push({
        assignment_id: r.assignmentId,
        module_id: moduleId,
        outcome: r.outcome,
        score: r.score,
        at: r.at,
        source: r.source,
        source_system: r.sourceSystem,
        statement_id: r.statementId,
        import_id: r.importId,
        created_at: now,
      });
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("module_progress")
      .values(rows.slice(i, i + 500))
      .execute();
  const causes = new Map(records.map((r) => [r.assignmentId, r.cause]));
  return refreshAssignments(db, assignmentIds, causes, actor, modulesByAssignment);
}

/**
 * Withdraws the evidence that came from these statements (they were voided) and brings the
 * assignments concerned back to what the remaining evidence shows.
 */
export async function undoStatementProgress(
  db: Db,
  statementIds: readonly string[],
  cause: string,
  actor: string,
): Promise<ProgressOutcome> {
  if (statementIds.length === 0) return emptyOutcome();
  const affected = await db
    .selectFrom("module_progress")
    .select("assignment_id")
    .distinct()
    .where("statement_id", "in", statementIds)
    .execute();
  if (affected.length === 0) return emptyOutcome();
  await db.deleteFrom("module_progress").where("statement_id", "in", statementIds).execute();
  const ids = affected.map((a) => Number(a.assignment_id));
  return refreshAssignments(db, ids, new Map(ids.map((id) => [id, cause])), actor);
}

export interface ProgressOutcome {
  started: number;
  completed: number;
  reopened: number;
}

function emptyOutcome(): ProgressOutcome {
  return { started: 0, completed: 0, reopened: 0 };
}

interface ModuleRef {
  id: string;
  required: boolean;
}

function requiredOf(modules: readonly ModuleRef[]): ModuleRef[] {
  const required = modules.filter((m) => m.required);
  return required.length > 0 ? required : [...modules];
}

async function modulesOf(db: Db, assignmentIds: number[]): Promise<Map<number, ModuleRef[]>> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("program_modules as m", "m.version_id", "a.program_version_id")
    .select(["a.id as assignmentId", "m.id", "m.required"])
    .where("a.id", "in", assignmentIds)
    .orderBy("m.position")
    .execute();
  const out = new Map<number, ModuleRef[]>();
  for (const row of rows) {
    const id = Number(row.assignmentId);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ id: row.id, required: Number(row.required) === 1 });
  }
  return out;
}

/**
 * Recomputes each assignment's status from its evidence and applies the changes, each logged in
 * the assignment's history with its cause.
 */
async function refreshAssignments(
  db: Db,
  assignmentIds: number[],
  causes: Map<number, string>,
  actor: string,
  knownModules?: Map<number, ModuleRef[]>,
): Promise<ProgressOutcome> {
  const outcome = emptyOutcome();
  const modulesByAssignment = knownModules ?? (await modulesOf(db, assignmentIds));
  const assignments = await db
    .selectFrom("assignments")
    .select(["id", "status", "due_at", "started_at", "completed_at", "score", "completion_source"])
    .where("id", "in", assignmentIds)
    .where("status", "in", movable)
    .execute();
  if (assignments.length === 0) return outcome;
  const evidence = await db
    .selectFrom("module_progress")
    .select(["assignment_id", "module_id", "outcome", "score", "at", "source"])
    .where(
      "assignment_id",
      "in",
      assignments.map((a) => a.id),
    )
    .orderBy("at")
    .orderBy("id")
    .execute();
  const now = clock.nowIso();
  for (const a of assignments) {
    const id = Number(a.id);
    const rows = evidence.filter((e) => Number(e.assignment_id) === id);
    const modules = requiredOf(modulesByAssignment.get(id) ?? []);
    const cause = causes.get(id) ?? "learning records changed";
    // The first completion of each required module, and the latest score of each.
    const firstCompletion = new Map<string, (typeof rows)[number]>();
    const latestScore = new Map<string, number>();
    for (const row of rows) {
      if (row.outcome !== "completed") continue;
      if (!firstCompletion.has(row.module_id)) firstCompletion.set(row.module_id, row);
      if (row.score !== null) latestScore.set(row.module_id, Number(row.score));
    }
    const done = modules.length > 0 && modules.every((m) => firstCompletion.has(m.id));
    if (done) {
      const decisive = modules
        .map((m) => firstCompletion.get(m.id))
        .filter((row) => row !== undefined)
        .reduce((last, row) => (row.at > last.at ? row : last));
      const scores = modules.flatMap((m) => {
        const score = latestScore.get(m.id);
        return score === undefined ? [] : [score];
      });
      const score =
        scores.length === 0
          ? null
          : Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 100) / 100;
      if (a.status !== "completed") {
        await changeAssignmentStatus(db, {
          ids: withIds([id]),
          to: "completed",
          cause,
          actor,
          at: now,
          details: score === null ? {} : { score },
          set: {
            completed_at: decisive.at,
            score,
            completion_source: decisive.source,
            ...(a.started_at ? {} : { started_at: rows[0]?.at ?? decisive.at }),
          },
        });
        outcome.completed++;
      } else if (score !== null && score !== a.score) {
        await db
          .updateTable("assignments")
          .set({ score, updated_at: now })
          .where("id", "=", id)
          .execute();
      }
      continue;
    }
    const overdue = a.due_at !== null && a.due_at <= now;
    if (a.status === "completed") {
      // Its completion evidence was withdrawn (a voided statement): open again.
      if (a.completion_source === "manual") continue;
      await changeAssignmentStatus(db, {
        ids: withIds([id]),
        to: rows.length > 0 ? (overdue ? "overdue" : "started") : overdue ? "overdue" : "assigned",
        cause,
        actor,
        at: now,
        set: { completed_at: null, score: null, completion_source: null },
      });
      outcome.reopened++;
      continue;
    }
    if (rows.length === 0 && a.status === "started") {
      // Its only evidence was withdrawn: nothing shows it started any more.
      await changeAssignmentStatus(db, {
        ids: withIds([id]),
        to: overdue ? "overdue" : "assigned",
        cause,
        actor,
        at: now,
        set: { started_at: null },
      });
      outcome.reopened++;
      continue;
    }
    if (rows.length > 0 && (a.status === "assigned" || a.status === "notified")) {
      await changeAssignmentStatus(db, {
        ids: withIds([id]),
        to: "started",
        cause,
        actor,
        at: now,
        set: { started_at: rows[0]?.at ?? now },
      });
      outcome.started++;
    } else if (rows.length > 0 && !a.started_at) {
      // Overdue and now started: it stays overdue, with its start kept.
      await db
        .updateTable("assignments")
        .set({ started_at: rows[0]?.at ?? now, updated_at: now })
        .where("id", "=", id)
        .execute();
    }
  }
  return outcome;
}

/**
 * Keeps a progress recorded by hand as evidence on every required module (so that withdrawing
 * other evidence later never undoes it). The caller has already moved the assignment.
 */
export async function recordManualEvidence(
  db: Db,
  options: {
    assignmentId: number;
    outcome: "started" | "completed";
    score: number | null;
    at: string;
  },
): Promise<void> {
  const modules = await modulesOf(db, [options.assignmentId]);
  const targets = requiredOf(modules.get(options.assignmentId) ?? []);
  if (targets.length === 0) return;
  await db
    .insertInto("module_progress")
    .values(
      targets.map((m) => ({
        assignment_id: options.assignmentId,
        module_id: m.id,
        outcome: options.outcome,
        score: options.score,
        at: options.at,
        source: "manual",
        source_system: null,
        statement_id: null,
        import_id: null,
        created_at: options.at,
      })),
    )
    .execute();
}
