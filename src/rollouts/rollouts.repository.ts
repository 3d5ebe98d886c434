import type { Insertable, Kysely, Selectable } from "kysely";
import type {
  BlackoutPeriodsTable,
  Database,
  GateDecisionsTable,
  GateEvaluationsTable,
  RolloutPhasesTable,
  RolloutWavesTable,
  RolloutsTable,
} from "../platform/database/schema.js";
import type { Blackout } from "./deadline.js";

type Db = Kysely<Database>;
export type RolloutRow = Selectable<RolloutsTable>;
export type PhaseRow = Selectable<RolloutPhasesTable>;
export type WaveRow = Selectable<RolloutWavesTable>;
export type GateDecisionRow = Selectable<GateDecisionsTable>;
export type GateEvaluationRow = Selectable<GateEvaluationsTable>;
export type BlackoutRow = Selectable<BlackoutPeriodsTable>;

export async function insertRollout(db: Db, row: RolloutRow): Promise<void> {
  await db.insertInto("rollouts").values(row).execute();
}

/** Deletes a planned wave (one that never launched, so it has no assignments). */
export async function deletePlannedWave(db: Db, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom("rollout_waves")
    .where("id", "=", id)
    .where("status", "=", "planned")
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function updateRolloutRow(
  db: Db,
  id: string,
  changes: Partial<Omit<RolloutRow, "id">>,
): Promise<void> {
  await db.updateTable("rollouts").set(changes).where("id", "=", id).execute();
}

export async function findRolloutRow(db: Db, id: string): Promise<RolloutRow | undefined> {
  return db.selectFrom("rollouts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findRolloutByName(db: Db, name: string): Promise<RolloutRow | undefined> {
  return db.selectFrom("rollouts").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function listRolloutRows(db: Db): Promise<RolloutRow[]> {
  return db.selectFrom("rollouts").selectAll().orderBy("created_at", "desc").execute();
}

/** Program name and version number of each rollout's version. */
export async function findVersionInfo(
  db: Db,
  versionIds: readonly string[],
): Promise<{ id: string; program_id: string; name: string; number: number; status: string }[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom("program_versions as v")
    .innerJoin("programs as p", "p.id", "v.program_id")
    .select(["v.id", "v.program_id", "p.name", "v.number", "v.status"])
    .where("v.id", "in", versionIds)
    .execute();
}

export async function insertPhases(db: Db, rows: PhaseRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("rollout_phases").values(rows).execute();
}

export async function listPhaseRows(db: Db, rolloutId: string): Promise<PhaseRow[]> {
  return db
    .selectFrom("rollout_phases")
    .selectAll()
    .where("rollout_id", "=", rolloutId)
    .orderBy("position")
    .execute();
}

export async function findPhaseRow(db: Db, id: string): Promise<PhaseRow | undefined> {
  return db.selectFrom("rollout_phases").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updatePhaseRow(
  db: Db,
  id: string,
  changes: Partial<Pick<PhaseRow, "name" | "gate_criteria">>,
): Promise<void> {
  await db.updateTable("rollout_phases").set(changes).where("id", "=", id).execute();
}

export async function insertWave(db: Db, row: WaveRow): Promise<void> {
  await db.insertInto("rollout_waves").values(row).execute();
}

export async function updateWaveRow(
  db: Db,
  id: string,
  changes: Partial<Omit<WaveRow, "id">>,
): Promise<void> {
  await db.updateTable("rollout_waves").set(changes).where("id", "=", id).execute();
}

export async function findWaveRow(db: Db, id: string): Promise<WaveRow | undefined> {
  return db.selectFrom("rollout_waves").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listWaveRows(db: Db, rolloutId: string): Promise<WaveRow[]> {
  return db
    .selectFrom("rollout_waves")
    .selectAll()
    .where("rollout_id", "=", rolloutId)
    .orderBy("launch_date")
    .orderBy("created_at")
    .execute();
}

/** Waves whose assignments follow the directory: launched and not paused. */
export async function listLiveWaveRows(db: Db): Promise<WaveRow[]> {
  return db
    .selectFrom("rollout_waves")
    .selectAll()
    .where("status", "=", "launched")
    .orderBy("launched_at")
    .execute();
}

export async function insertWaveEvent(
  db: Db,
  event: {
    waveId: string;
    kind: string;
    actor: string;
    reason?: string | null;
    details?: unknown;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("wave_events")
    .values({
      wave_id: event.waveId,
      kind: event.kind,
      actor: event.actor,
      reason: event.reason ?? null,
      details: JSON.stringify(event.details ?? {}),
      at: event.at,
    })
    .execute();
}

export async function listWaveEvents(
  db: Db,
  waveId: string,
): Promise<{ kind: string; actor: string; reason: string | null; details: string; at: string }[]> {
  return db
    .selectFrom("wave_events")
    .select(["kind", "actor", "reason", "details", "at"])
    .where("wave_id", "=", waveId)
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

export async function insertBlackout(db: Db, row: BlackoutRow): Promise<void> {
  await db.insertInto("blackout_periods").values(row).execute();
}

export async function deleteBlackout(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom("blackout_periods").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function findBlackoutRow(db: Db, id: string): Promise<BlackoutRow | undefined> {
  return db.selectFrom("blackout_periods").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Blackout periods, optionally only those of some divisions. */
export async function listBlackoutRows(
  db: Db,
  divisions?: readonly string[],
): Promise<BlackoutRow[]> {
  let q = db.selectFrom("blackout_periods").selectAll().orderBy("starts_on");
  if (divisions && divisions.length > 0) q = q.where("division", "in", divisions);
  return q.execute();
}

export function toBlackout(row: BlackoutRow): Blackout {
  return { division: row.division, startsOn: row.starts_on, endsOn: row.ends_on };
}

export async function insertGateEvaluation(db: Db, row: GateEvaluationRow): Promise<void> {
  await db.insertInto("gate_evaluations").values(row).execute();
}

export async function insertGateDecision(db: Db, row: GateDecisionRow): Promise<void> {
  await db.insertInto("gate_decisions").values(row).execute();
}

/** Decisions on the gates into these phases, newest first, with the name of who recorded them. */
export async function listGateDecisions(
  db: Db,
  phaseIds: readonly string[],
): Promise<(GateDecisionRow & { decided_by_name: string | null })[]> {
  if (phaseIds.length === 0) return [];
  return db
    .selectFrom("gate_decisions as d")
    .leftJoin("users as u", "u.id", "d.decided_by")
    .selectAll("d")
    .select("u.name as decided_by_name")
    .where("d.phase_id", "in", phaseIds)
    .orderBy("d.decided_at", "desc")
    .orderBy("d.id")
    .execute();
}

/** Evaluations of the gates into these phases, newest first. */
export async function listGateEvaluations(
  db: Db,
  phaseIds: readonly string[],
  limit = 50,
): Promise<GateEvaluationRow[]> {
  if (phaseIds.length === 0) return [];
  return db
    .selectFrom("gate_evaluations")
    .selectAll()
    .where("phase_id", "in", phaseIds)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
}

/** Records a measured metric value for a rollout (or one of its phases). */
export async function insertMetricValue(
  db: Db,
  row: Omit<Insertable<Database["rollout_metric_values"]>, "id">,
): Promise<void> {
  await db.insertInto("rollout_metric_values").values(row).execute();
}

/** The latest recorded value of each metric, for a phase or the whole rollout. */
export async function latestMetricValues(
  db: Db,
  rolloutId: string,
  phaseId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("rollout_metric_values")
    .select(["metric", "value", "phase_id", "recorded_at"])
    .where("rollout_id", "=", rolloutId)
    .where((eb) => eb.or([eb("phase_id", "=", phaseId), eb("phase_id", "is", null)]))
    .orderBy("recorded_at")
    .execute();
  const values: Record<string, number> = {};
  // Later rows win; a phase's own value wins over a rollout-wide one recorded at the same time.
  for (const r of rows) values[r.metric] = Number(r.value);
  return values;
}

/**
 * Phases after the first whose previous phases have launched waves and whose gate's latest
 * decision is not a go (or an override): the gates the hourly pass evaluates.
 */
export async function listGatesAwaitingDecision(db: Db): Promise<string[]> {
  const phases = await db
    .selectFrom("rollout_phases as p")
    .select(["p.id"])
    .where("p.position", ">", 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("rollout_waves as w")
          .innerJoin("rollout_phases as prev", "prev.id", "w.phase_id")
          .select("w.id")
          .whereRef("prev.rollout_id", "=", "p.rollout_id")
          .whereRef("prev.position", "<", "p.position")
          .where("w.status", "!=", "planned"),
      ),
    )
    .execute();
  const ids = phases.map((p) => p.id);
  const decisions = await listGateDecisions(db, ids);
  const latest = new Map<string, string>();
  for (const d of decisions) if (!latest.has(d.phase_id)) latest.set(d.phase_id, d.decision);
  return ids.filter((id) => !["go", "override"].includes(latest.get(id) ?? ""));
}
