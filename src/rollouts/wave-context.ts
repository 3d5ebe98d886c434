import type { Kysely } from "kysely";
import type { PeopleCondition } from "../audiences/people-condition.js";
import { findAudienceRow } from "../audiences/audiences.repository.js";
import { getVersion } from "../programs/manage-programs.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import type { DeadlinePolicy } from "./deadline.js";
import type { WavePlanInput } from "./plan-assignments.js";
import type { Slice } from "./rollout.js";
import {
  findPhaseRow,
  findRolloutRow,
  findWaveRow,
  listBlackoutRows,
  toBlackout,
  type PhaseRow,
  type RolloutRow,
  type WaveRow,
} from "./rollouts.repository.js";
import { waveCondition } from "./wave-condition.js";

/**
 * The local date a wave's deadlines count from: the day it started, once launched; before that,
 * its launch date, or today (UTC) when the launch is late, so that "N days after launch" gives
 * people N days. A fixed date does not move: a launch after it flags everyone as short of time.
 */
export function effectiveStart(
  wave: Pick<WaveRow, "launch_date" | "started_on">,
  now: Date,
): string {
  if (wave.started_on) return wave.started_on;
  const today = now.toISOString().slice(0, 10);
  return wave.launch_date > today ? wave.launch_date : today;
}

/** Everything about a wave that launching or synchronising it needs. */
export interface WaveContext {
  wave: WaveRow;
  rollout: RolloutRow;
  phase: PhaseRow;
  versionStatus: string;
  condition: PeopleCondition;
  planInput: WavePlanInput;
}

/** Loads a wave with its rollout, phase, program version, audience condition and blackouts. */
export async function loadWaveContext(db: Kysely<Database>, waveId: string): Promise<WaveContext> {
  const wave = await findWaveRow(db, waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${waveId}.`);
  const rollout = await findRolloutRow(db, wave.rollout_id);
  const phase = await findPhaseRow(db, wave.phase_id);
  if (!rollout || !phase) throw new AppError("internal", `Wave ${waveId} has lost its rollout.`);
  const version = await getVersion(db, rollout.program_version_id);
  const audienceId = wave.audience_id ?? rollout.audience_id;
  const audience = audienceId ? await findAudienceRow(db, audienceId) : undefined;
  const condition = waveCondition(db, {
    rule: audience?.rule ?? null,
    slice: JSON.parse(wave.slice) as Slice,
    rolloutId: rollout.id,
    waveName: wave.name,
  });
  return {
    wave,
    rollout,
    phase,
    versionStatus: version.status,
    condition,
    planInput: {
      launchDate: effectiveStart(wave, clock.now()),
      deadline: JSON.parse(wave.deadline) as DeadlinePolicy,
      regionDeadlines: JSON.parse(wave.region_deadlines) as Record<string, DeadlinePolicy>,
      joinerGraceDays: Number(wave.joiner_grace_days),
      expectedMinutes: version.expectedMinutes,
      dailyMinutes: Number(rollout.daily_learning_minutes),
      blackouts: (await listBlackoutRows(db)).map(toBlackout),
    },
  };
}
