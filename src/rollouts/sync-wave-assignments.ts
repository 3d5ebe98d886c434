import type { Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import {
  changeStatusOfIds,
  findOpenLeavingWave,
  findReturningAssignments,
  groupUnassignedMembers,
  insertWaveAssignments,
} from "./assignments.repository.js";
import { planAssignments } from "./plan-assignments.js";
import type { FeasibilityChoice } from "./rollout.js";
import { insertWaveEvent, listLiveWaveRows } from "./rollouts.repository.js";
import { loadWaveContext } from "./wave-context.js";

export interface WaveSyncResult {
  waveId: string;
  leavers: number;
  movedOut: number;
  joined: number;
  returned: number;
  deferred: number;
  /** Set when the wave could not be synchronised (e.g. its audience's rule no longer compiles). */
  error?: string;
}

/**
 * Keeps one live wave's assignments in line with the directory, in the caller's transaction:
 * leavers' open assignments are withdrawn, people who no longer match lose their open ones
 * (completions are kept), and members without one (joiners, movers in, people whose division's
 * blackout ended) are assigned with at least the wave's grace period.
 */
export async function syncWaveAssignments(
  db: Kysely<Database>,
  options: { waveId: string; cause: string },
): Promise<WaveSyncResult> {
  const ctx = await loadWaveContext(db, options.waveId);
  const result: WaveSyncResult = {
    waveId: ctx.wave.id,
    leavers: 0,
    movedOut: 0,
    joined: 0,
    returned: 0,
    deferred: 0,
  };
  if (ctx.wave.status !== "launched") return result;
  const at = clock.nowIso();
  const leaving = await findOpenLeavingWave(db, ctx.wave.id, ctx.condition);
  result.leavers = await changeStatusOfIds(db, leaving.leavers, {
    to: "withdrawn",
    cause: "left the organisation",
    actor: options.cause,
    at,
  });
  result.movedOut = await changeStatusOfIds(db, leaving.movers, {
    to: "withdrawn",
    cause: "no longer in the wave's audience",
    actor: options.cause,
    at,
  });
  const groups = await groupUnassignedMembers(db, {
    condition: ctx.condition,
    rolloutId: ctx.rollout.id,
    waveId: ctx.wave.id,
  });
  if (groups.length > 0) {
    const plan = planAssignments({
      input: ctx.planInput,
      groups,
      now: clock.now(),
      joiners: true,
      choice: (ctx.wave.feasibility_choice as FeasibilityChoice | null) ?? "assign_anyway",
    });
    result.deferred = plan.totals.deferred;
    result.joined = await insertWaveAssignments(db, {
      condition: ctx.condition,
      rolloutId: ctx.rollout.id,
      waveId: ctx.wave.id,
      programVersionId: ctx.rollout.program_version_id,
      enrollmentMode: ctx.wave.enrollment_mode,
      cause: "joined the wave's audience",
      at,
      groups: plan.groups,
    });
  }
  // People who come back (a rejoiner, a mover back in) get their withdrawn assignment reopened.
  const returning = await findReturningAssignments(db, {
    condition: ctx.condition,
    rolloutId: ctx.rollout.id,
    waveId: ctx.wave.id,
  });
  if (returning.length > 0) {
    const key = (g: { timeZone: string; region: string; division: string }) =>
      `${g.timeZone}|${g.region}|${g.division}`;
    const groups = new Map<
      string,
      { timeZone: string; region: string; division: string; ids: number[] }
    >();
    for (const r of returning) {
      const group = groups.get(key(r)) ?? { ...r, ids: [] };
      group.ids.push(r.id);
      groups.set(key(r), group);
    }
    const plan = planAssignments({
      input: ctx.planInput,
      groups: [...groups.values()].map((g) => ({ ...g, count: g.ids.length })),
      now: clock.now(),
      joiners: true,
      choice: "assign_anyway",
    });
    for (const planned of plan.groups)
      result.returned += await changeStatusOfIds(db, groups.get(key(planned))!.ids, {
        to: planned.status,
        cause: "back in the wave's audience",
        actor: options.cause,
        at,
        details: { dueAt: planned.dueAt },
        set: { due_at: planned.dueAt },
      });
  }
  if (result.leavers + result.movedOut + result.joined + result.returned > 0)
    await insertWaveEvent(db, {
      waveId: ctx.wave.id,
      kind: "synchronised",
      actor: options.cause,
      details: result,
      at,
    });
  return result;
}

/**
 * Synchronises every live wave, each in its own transaction. A wave that fails (its audience's
 * rule no longer compiles, say) is reported and the others still run.
 */
export async function syncAllWaves(
  db: Kysely<Database>,
  options: { cause: string },
): Promise<WaveSyncResult[]> {
  const results: WaveSyncResult[] = [];
  for (const wave of await listLiveWaveRows(db)) {
    try {
      results.push(
        await db
          .transaction()
          .execute((trx) => syncWaveAssignments(trx, { waveId: wave.id, cause: options.cause })),
      );
    } catch (error) {
      results.push({
        waveId: wave.id,
        leavers: 0,
        movedOut: 0,
        joined: 0,
        returned: 0,
        deferred: 0,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}
