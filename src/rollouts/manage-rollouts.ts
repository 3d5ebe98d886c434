import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { findAudienceRow } from "../audiences/audiences.repository.js";
import type { PeopleScope } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { countAssignmentsByWave } from "./assignments.repository.js";
import type { GateCriterion } from "./gate.js";
import {
  phaseNames,
  presentPhase,
  presentRollout,
  presentWave,
  type Rollout,
  type RolloutChange,
  type RolloutInput,
  type WaveInput,
} from "./rollout.js";
import {
  deletePlannedWave,
  findPhaseRow,
  findRolloutByName,
  findRolloutRow,
  findVersionInfo,
  findWaveRow,
  insertPhases,
  insertRollout,
  insertWave,
  listGateDecisions,
  listGateEvaluations,
  listPhaseRows,
  listRolloutRows,
  listWaveRows,
  updatePhaseRow,
  updateRolloutRow,
  updateWaveRow,
} from "./rollouts.repository.js";

type Db = Kysely<Database>;

/**
 * One rollout with its phases, waves and the state of each gate; assignment counts include only
 * people the scope may see.
 */
export async function getRollout(
  db: Db,
  id: string,
  scope: PeopleScope = { kind: "all" },
): Promise<Rollout> {
  const row = await findRolloutRow(db, id);
  if (!row) throw new AppError("not_found", `No rollout has the id ${id}.`);
  const [info] = await findVersionInfo(db, [row.program_version_id]);
  const phases = await listPhaseRows(db, id);
  const waves = await listWaveRows(db, id);
  const counts = await countAssignmentsByWave(
    db,
    waves.map((w) => w.id),
    scope,
  );
  const phaseIds = phases.map((p) => p.id);
  const decisions = await listGateDecisions(db, phaseIds);
  const evaluations = await listGateEvaluations(db, phaseIds, 500);
  const audience = row.audience_id ? await findAudienceRow(db, row.audience_id) : undefined;
  return presentRollout(
    row,
    {
      programId: info?.program_id ?? "",
      programName: info?.name ?? "",
      versionNumber: Number(info?.number ?? 0),
    },
    phases.map((p) => {
      const decision = decisions.find((d) => d.phase_id === p.id);
      const evaluation = evaluations.find((e) => e.phase_id === p.id);
      return presentPhase(
        p,
        waves.filter((w) => w.phase_id === p.id).map((w) => presentWave(w, counts.get(w.id))),
        {
          decision: decision?.decision ?? null,
          decidedAt: decision?.decided_at ?? null,
          lastEvaluationPassed: evaluation ? Number(evaluation.passed) === 1 : null,
          lastEvaluatedAt: evaluation?.at ?? null,
        },
      );
    }),
    audience?.name ?? null,
  );
}

/** Every rollout, newest first, with counts within the scope. */
export async function listRollouts(
  db: Db,
  scope: PeopleScope = { kind: "all" },
): Promise<Rollout[]> {
  const rows = await listRolloutRows(db);
  const rollouts: Rollout[] = [];
  for (const r of rows) rollouts.push(await getRollout(db, r.id, scope));
  return rollouts;
}

/** Creates a rollout of a published program version with its phases (pilot and scale by default). */
export async function createRollout(
  db: Db,
  input: RolloutInput & { createdBy: string | null },
): Promise<Rollout> {
  if (await findRolloutByName(db, input.name))
    throw new AppError("conflict", `A rollout named "${input.name}" already exists.`);
  const [version] = await findVersionInfo(db, [input.programVersionId]);
  if (!version)
    throw new AppError(
      "validation_failed",
      `No program version has the id ${input.programVersionId}.`,
    );
  if (version.status !== "published")
    throw new AppError(
      "validation_failed",
      `Version ${version.number} of ${version.name} is a draft; publish it before rolling it out.`,
    );
  if (input.audienceId && !(await findAudienceRow(db, input.audienceId)))
    throw new AppError("validation_failed", `No audience has the id ${input.audienceId}.`);
  const now = clock.nowIso();
  const id = randomUUID();
  await insertRollout(db, {
    id,
    name: input.name,
    description: input.description,
    program_version_id: input.programVersionId,
    audience_id: input.audienceId ?? null,
    daily_learning_minutes: input.dailyLearningMinutes,
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  });
  await insertPhases(
    db,
    input.phases.map((p, index) => ({
      id: randomUUID(),
      rollout_id: id,
      position: index + 1,
      kind: p.kind,
      name: p.name ?? phaseNames[p.kind],
      gate_criteria: JSON.stringify(p.gateCriteria),
      created_at: now,
    })),
  );
  return getRollout(db, id);
}

async function checkWaveInput(db: Db, rolloutId: string, input: Partial<WaveInput>): Promise<void> {
  if (input.phaseId !== undefined) {
    const phase = await findPhaseRow(db, input.phaseId);
    if (!phase || phase.rollout_id !== rolloutId)
      throw new AppError(
        "validation_failed",
        `Phase ${input.phaseId} is not a phase of this rollout.`,
      );
  }
  if (input.audienceId && !(await findAudienceRow(db, input.audienceId)))
    throw new AppError("validation_failed", `No audience has the id ${input.audienceId}.`);
}

/** Adds a planned wave to a phase of a rollout. */
export async function addWave(db: Db, rolloutId: string, input: WaveInput): Promise<Rollout> {
  if (!(await findRolloutRow(db, rolloutId)))
    throw new AppError("not_found", `No rollout has the id ${rolloutId}.`);
  await checkWaveInput(db, rolloutId, input);
  const now = clock.nowIso();
  await insertWave(db, {
    id: randomUUID(),
    rollout_id: rolloutId,
    phase_id: input.phaseId,
    name: input.name,
    audience_id: input.audienceId ?? null,
    slice: JSON.stringify({ ...input.slice, percent: input.slice.percent ?? null }),
    launch_date: input.launchDate,
    enrollment_mode: input.enrollmentMode,
    deadline: JSON.stringify(input.deadline),
    region_deadlines: JSON.stringify(input.regionDeadlines),
    joiner_grace_days: input.joinerGraceDays,
    feasibility_choice: null,
    status: "planned",
    launched_at: null,
    launched_by: null,
    started_on: null,
    created_at: now,
    updated_at: now,
  });
  return getRollout(db, rolloutId);
}

/** Changes a planned wave; a launched wave's plan is fixed (pause or roll it back instead). */
export async function updateWave(
  db: Db,
  waveId: string,
  input: Partial<WaveInput>,
): Promise<Rollout> {
  const wave = await findWaveRow(db, waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${waveId}.`);
  if (wave.status !== "planned")
    throw new AppError(
      "conflict",
      `Wave "${wave.name}" is ${wave.status.replace("_", " ")}; only a planned wave can change.`,
    );
  await checkWaveInput(db, wave.rollout_id, input);
  await updateWaveRow(db, waveId, {
    ...(input.phaseId !== undefined ? { phase_id: input.phaseId } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.audienceId !== undefined ? { audience_id: input.audienceId ?? null } : {}),
    ...(input.slice !== undefined
      ? { slice: JSON.stringify({ ...input.slice, percent: input.slice.percent ?? null }) }
      : {}),
    ...(input.launchDate !== undefined ? { launch_date: input.launchDate } : {}),
    ...(input.enrollmentMode !== undefined ? { enrollment_mode: input.enrollmentMode } : {}),
    ...(input.deadline !== undefined ? { deadline: JSON.stringify(input.deadline) } : {}),
    ...(input.regionDeadlines !== undefined
      ? { region_deadlines: JSON.stringify(input.regionDeadlines) }
      : {}),
    ...(input.joinerGraceDays !== undefined ? { joiner_grace_days: input.joinerGraceDays } : {}),
    updated_at: clock.nowIso(),
  });
  return getRollout(db, wave.rollout_id);
}

/**
 * Renames a rollout, changes its description, its audience or the daily learning time. A new
 * audience applies to launched waves at their next synchronisation.
 */
export async function updateRollout(db: Db, id: string, input: RolloutChange): Promise<Rollout> {
  const row = await findRolloutRow(db, id);
  if (!row) throw new AppError("not_found", `No rollout has the id ${id}.`);
  if (
    input.name !== undefined &&
    input.name !== row.name &&
    (await findRolloutByName(db, input.name))
  )
    throw new AppError("conflict", `A rollout named "${input.name}" already exists.`);
  if (input.audienceId && !(await findAudienceRow(db, input.audienceId)))
    throw new AppError("validation_failed", `No audience has the id ${input.audienceId}.`);
  await updateRolloutRow(db, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.audienceId !== undefined ? { audience_id: input.audienceId ?? null } : {}),
    ...(input.dailyLearningMinutes !== undefined
      ? { daily_learning_minutes: input.dailyLearningMinutes }
      : {}),
    updated_at: clock.nowIso(),
  });
  return getRollout(db, id);
}

/** Deletes a wave that was never launched. */
export async function deleteWave(db: Db, waveId: string): Promise<Rollout> {
  const wave = await findWaveRow(db, waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${waveId}.`);
  if (!(await deletePlannedWave(db, waveId)))
    throw new AppError(
      "conflict",
      `Wave "${wave.name}" is ${wave.status.replace("_", " ")}; only a planned wave can be deleted (roll it back instead).`,
    );
  return getRollout(db, wave.rollout_id);
}

/** Renames a phase or changes the criteria of the gate into it. */
export async function updatePhase(
  db: Db,
  phaseId: string,
  input: { name?: string; gateCriteria?: GateCriterion[] },
): Promise<Rollout> {
  const phase = await findPhaseRow(db, phaseId);
  if (!phase) throw new AppError("not_found", `No phase has the id ${phaseId}.`);
  await updatePhaseRow(db, phaseId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.gateCriteria !== undefined
      ? { gate_criteria: JSON.stringify(input.gateCriteria) }
      : {}),
  });
  return getRollout(db, phase.rollout_id);
}
