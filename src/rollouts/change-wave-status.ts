import type { Kysely } from "kysely";
import type { Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { changeAssignmentStatus, openOfWave } from "./assignments.repository.js";
import type { WaveStatus } from "./rollout.js";
import { findWaveRow, insertWaveEvent, updateWaveRow } from "./rollouts.repository.js";
import { syncWaveAssignments } from "./sync-wave-assignments.js";

export type WaveAction = "pause" | "resume" | "rollback";

const allowed: Record<WaveAction, { from: WaveStatus[]; to: WaveStatus }> = {
  pause: { from: ["launched"], to: "paused" },
  resume: { from: ["paused"], to: "launched" },
  rollback: { from: ["launched", "paused"], to: "rolled_back" },
};

/**
 * Pauses a launched wave (the directory no longer changes its assignments, nothing becomes
 * overdue), resumes it (catching up with the directory), or rolls it back: every open assignment
 * is withdrawn with the reason; completed and exempt ones, and all history, stay.
 */
export async function changeWaveStatus(
  db: Kysely<Database>,
  options: { waveId: string; action: WaveAction; actor: Actor; reason: string },
): Promise<{ status: WaveStatus; withdrawn: number }> {
  const wave = await findWaveRow(db, options.waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${options.waveId}.`);
  const rule = allowed[options.action];
  if (!rule.from.includes(wave.status as WaveStatus))
    throw new AppError(
      "conflict",
      `Wave "${wave.name}" is ${wave.status.replace("_", " ")}; it cannot ${options.action}.`,
    );
  const actorName = options.actor.email ?? options.actor.name;
  const at = clock.nowIso();
  let withdrawn = 0;
  if (options.action === "rollback")
    withdrawn = await changeAssignmentStatus(db, {
      ids: openOfWave(wave.id),
      to: "withdrawn",
      cause: `wave rolled back: ${options.reason}`,
      actor: actorName,
      at,
    });
  await updateWaveRow(db, wave.id, { status: rule.to, updated_at: at });
  await insertWaveEvent(db, {
    waveId: wave.id,
    kind: { pause: "paused", resume: "resumed", rollback: "rolled_back" }[options.action],
    actor: actorName,
    reason: options.reason,
    details: { withdrawn },
    at,
  });
  if (options.action === "resume")
    await syncWaveAssignments(db, { waveId: wave.id, cause: `resumed by ${actorName}` });
  return { status: rule.to, withdrawn };
}
