import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { measureWaves } from "./assignments.repository.js";
import { evaluateCriteria, type CriterionResult, type GateCriterion } from "./gate.js";
import {
  findPhaseRow,
  insertGateEvaluation,
  latestMetricValues,
  listPhaseRows,
  listWaveRows,
} from "./rollouts.repository.js";

export interface GateEvaluation {
  id: string;
  phaseId: string;
  measuredPhaseId: string | null;
  passed: boolean;
  results: CriterionResult[];
  trigger: string;
  at: string;
}

/** Every metric value a gate can read for the phase before it: measured and recorded ones. */
export async function measurePhase(
  db: Kysely<Database>,
  options: { rolloutId: string; phaseId: string },
): Promise<Record<string, number | null>> {
  const waves = (await listWaveRows(db, options.rolloutId)).filter(
    (w) => w.phase_id === options.phaseId,
  );
  const m = await measureWaves(
    db,
    waves.map((w) => w.id),
  );
  const pct = (n: number) => (m.counted === 0 ? null : Math.round((n / m.counted) * 10000) / 100);
  return {
    ...(await latestMetricValues(db, options.rolloutId, options.phaseId)),
    completion_rate: pct(m.completed),
    overdue_rate: pct(m.overdue),
    average_score: m.averageScore === null ? null : Math.round(m.averageScore * 100) / 100,
  };
}

/**
 * Evaluates the gate into a phase: its criteria against the measured outcomes of the phase before
 * it. The evaluation is stored (on demand or on a schedule); the decision stays with people.
 */
export async function evaluateGate(
  db: Kysely<Database>,
  options: { phaseId: string; trigger: "on_demand" | "schedule" },
): Promise<GateEvaluation> {
  const phase = await findPhaseRow(db, options.phaseId);
  if (!phase) throw new AppError("not_found", `No phase has the id ${options.phaseId}.`);
  const phases = await listPhaseRows(db, phase.rollout_id);
  const previous = phases.filter((p) => p.position < phase.position).at(-1) ?? null;
  const criteria = JSON.parse(phase.gate_criteria) as GateCriterion[];
  const values = previous
    ? await measurePhase(db, { rolloutId: phase.rollout_id, phaseId: previous.id })
    : {};
  const { passed, results } = evaluateCriteria(criteria, values);
  const evaluation: GateEvaluation = {
    id: randomUUID(),
    phaseId: phase.id,
    measuredPhaseId: previous?.id ?? null,
    passed,
    results,
    trigger: options.trigger,
    at: clock.nowIso(),
  };
  await insertGateEvaluation(db, {
    id: evaluation.id,
    phase_id: phase.id,
    passed: passed ? 1 : 0,
    results: JSON.stringify(results),
    trigger: options.trigger,
    at: evaluation.at,
  });
  return evaluation;
}
