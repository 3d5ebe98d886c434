import type { Kysely } from "kysely";
import type { Database } from "../../platform/database/schema.js";
import { defaultCompletionVerbs } from "../../programs/program.js";
import {
  recordModuleProgress,
  type ProgressOutcome,
  type ProgressRecord,
} from "../../rollouts/module-progress.js";
import type { Statement } from "./statement.js";
import { isoInstant } from "./xapi-request.js";

type Db = Kysely<Database>;

interface CountingModule {
  moduleId: string;
  versionId: string;
  verbs: ReadonlySet<string>;
}

let activities: Map<string, CountingModule[]> | null = null;
let loadedFor = "";

/**
 * Which modules each activity IRI (a module's own or a variant's) belongs to. Only published
 * versions can have assignments and they never change, so the index is rebuilt when a version is
 * published (asked for with one small query per batch of statements).
 */
async function moduleActivities(db: Db): Promise<Map<string, CountingModule[]>> {
  const marker = await db
    .selectFrom("program_versions")
    .select((eb) => [eb.fn.max("published_at").as("latest"), eb.fn.count("published_at").as("n")])
    .executeTakeFirstOrThrow();
  const key = `${String(marker.latest)}|${String(marker.n)}`;
  if (activities && key === loadedFor) return activities;
  const rows = await db
    .selectFrom("program_modules")
    .select(["program_modules.id", "version_id", "activity_iri", "variants", "completion_verbs"])
    .innerJoin("program_versions as v", "v.id", "program_modules.version_id")
    .where("v.published_at", "is not", null)
    .execute();
  const index = new Map<string, CountingModule[]>();
  for (const row of rows) {
    const verbs = new Set<string>(
      row.completion_verbs
        ? (JSON.parse(row.completion_verbs) as string[])
        : defaultCompletionVerbs,
    );
    const iris = new Set<string>();
    if (row.activity_iri) iris.add(row.activity_iri);
    for (const variant of JSON.parse(row.variants) as { activityIri?: string }[])
      if (variant.activityIri) iris.add(variant.activityIri);
    for (const iri of iris) {
      let list = index.get(iri);
      if (!list) index.set(iri, (list = []));
      list.push({ moduleId: row.id, versionId: row.version_id, verbs });
    }
  }
  activities = index;
  loadedFor = key;
  return index;
}

/** A statement's score as a percentage: scaled, else raw within min and max, else raw. */
export function scorePercent(statement: Statement): number | null {
  const score = statement.result?.score;
  if (!score) return null;
  if (typeof score.scaled === "number") return round(score.scaled * 100);
  if (typeof score.raw === "number") {
    if (typeof score.min === "number" && typeof score.max === "number" && score.max > score.min)
      return round(((score.raw - score.min) / (score.max - score.min)) * 100);
    if (score.raw >= 0 && score.raw <= 100) return round(score.raw);
  }
  return null;
}

/** Rounded to hundredths, within 0–100 (a negative scaled score is valid xAPI, not a grade). */
function round(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value * 100) / 100));
}

export interface StoredForProgress {
  id: string;
  statement: Statement;
  personId: number | null;
  activityId: string | null;
  clientName: string;
}

const startable = new Set(["assigned", "notified"]);

/**
 * Moves the assignments that stored statements are evidence for: a statement about a module's
 * activity by a person in the directory starts the assignment, and completes the module when
 * its verb is one of the module's completion verbs. Runs in the statements' transaction.
 */
export async function applyStatementProgress(
  db: Db,
  stored: readonly StoredForProgress[],
): Promise<ProgressOutcome | null> {
  const relevant = stored.filter((s) => s.personId !== null && s.activityId !== null);
  if (relevant.length === 0) return null;
  const index = await moduleActivities(db);
  const hits = relevant.flatMap((s) => {
    const modules = index.get(s.activityId ?? "");
    return modules ? [{ s, modules }] : [];
  });
  if (hits.length === 0) return null;
  const people = [...new Set(hits.map((h) => h.s.personId as number))];
  const versions = [...new Set(hits.flatMap((h) => h.modules.map((m) => m.versionId)))];
  const assignments = await db
    .selectFrom("assignments")
    .select(["id", "person_id", "program_version_id", "status", "started_at"])
    .where("person_id", "in", people)
    .where("program_version_id", "in", versions)
    .where("status", "in", ["assigned", "notified", "started", "overdue", "completed"])
    .execute();
  if (assignments.length === 0) return null;
  const records: ProgressRecord[] = [];
  for (const { s, modules } of hits) {
    const verb = s.statement.verb.id;
    const at =
      isoInstant(s.statement.timestamp ?? "") ??
      isoInstant(s.statement.stored ?? "") ??
      new Date().toISOString();
    for (const module of modules) {
      const completes = module.verbs.has(verb);
      for (const a of assignments) {
        if (Number(a.person_id) !== s.personId || a.program_version_id !== module.versionId)
          continue;
        // A plain "experienced" or "launched" only matters once: when nothing has started it yet.
        if (!completes && !(startable.has(a.status) || (a.status === "overdue" && !a.started_at)))
          continue;
        records.push({
          assignmentId: Number(a.id),
          moduleId: module.moduleId,
          outcome: completes ? "completed" : "started",
          score: completes ? scorePercent(s.statement) : null,
          at,
          source: "xapi",
          sourceSystem: s.clientName,
          statementId: s.id,
          importId: null,
          cause: `statement ${s.id} (${verbName(verb)}) from ${s.clientName}`,
        });
      }
    }
  }
  return recordModuleProgress(db, records, "LRS");
}

function verbName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf("/"), iri.lastIndexOf("#")) + 1) || iri;
}
