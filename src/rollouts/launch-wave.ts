import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { can, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { recordEvent } from "../platform/events.js";
import type { JobRegistry } from "../platform/jobs/job.js";
import {
  countAssignmentsByWave,
  groupUnassignedMembers,
  insertWaveAssignments,
} from "./assignments.repository.js";
import { gateAllowsLaunch, type GateDecision } from "./gate.js";
import { planAssignments, type AssignmentPlan } from "./plan-assignments.js";
import type { FeasibilityChoice } from "./rollout.js";
import {
  insertGateDecision,
  insertWaveEvent,
  listGateDecisions,
  updateWaveRow,
} from "./rollouts.repository.js";
import { loadWaveContext, type WaveContext } from "./wave-context.js";

type Db = Kysely<Database>;

export interface LaunchPreview {
  waveId: string;
  status: string;
  gate: { required: boolean; open: boolean; latestDecision: GateDecision | null };
  totals: AssignmentPlan["totals"];
  deferred: AssignmentPlan["deferred"];
  flaggedGroups: {
    timeZone: string;
    region: string;
    division: string;
    count: number;
    dueDate: string;
    availableDays: number;
    requiredDays: number;
    realisticDate: string;
  }[];
  earliestDue: string | null;
  latestDue: string | null;
  /** The local date deadlines count from (today when the launch is late). */
  startsOn: string;
}

async function latestDecision(db: Db, phaseId: string): Promise<GateDecision | null> {
  const [latest] = await listGateDecisions(db, [phaseId]);
  return (latest?.decision as GateDecision | undefined) ?? null;
}

async function plan(
  db: Db,
  ctx: WaveContext,
  choice: FeasibilityChoice | null,
): Promise<AssignmentPlan> {
  const groups = await groupUnassignedMembers(db, {
    condition: ctx.condition,
    rolloutId: ctx.rollout.id,
    waveId: ctx.wave.id,
  });
  return planAssignments({
    input: ctx.planInput,
    groups,
    now: clock.now(),
    joiners: false,
    choice,
  });
}

function summarise(
  ctx: WaveContext,
  p: AssignmentPlan,
  decision: GateDecision | null,
): LaunchPreview {
  const dues = p.groups
    .filter((g) => g.status !== "withdrawn")
    .map((g) => g.dueAt)
    .sort();
  return {
    waveId: ctx.wave.id,
    status: ctx.wave.status,
    gate: {
      required: Number(ctx.phase.position) > 1,
      open: gateAllowsLaunch(Number(ctx.phase.position), decision),
      latestDecision: decision,
    },
    totals: p.totals,
    deferred: p.deferred,
    flaggedGroups: p.groups
      .filter((g) => !g.feasible)
      .map((g) => ({
        timeZone: g.timeZone,
        region: g.region,
        division: g.division,
        count: g.count,
        dueDate: g.dueDate,
        availableDays: g.availableDays,
        requiredDays: g.requiredDays,
        realisticDate: g.realisticDate,
      })),
    earliestDue: dues[0] ?? null,
    latestDue: dues.at(-1) ?? null,
    startsOn: ctx.planInput.launchDate,
  };
}

/** What launching a wave would do, without doing it: members, due dates, flags, deferrals, gate. */
export async function previewWaveLaunch(db: Db, waveId: string): Promise<LaunchPreview> {
  const ctx = await loadWaveContext(db, waveId);
  return summarise(ctx, await plan(db, ctx, null), await latestDecision(db, ctx.phase.id));
}

/**
 * Launches a wave: one assignment per member, in the caller's transaction. Launching a launched
 * wave changes nothing. The phase's gate must say go, unless an admin overrides it with a reason;
 * if some due dates leave too little time the caller must say what to do with them.
 */
export async function launchWave(
  db: Db,
  options: {
    waveId: string;
    actor: Actor;
    registry: JobRegistry;
    feasibility?: FeasibilityChoice;
    override?: { reason: string };
    /** Count deadlines from this local date instead (loading history, e.g. the demo). */
    startOn?: string;
  },
): Promise<LaunchPreview & { created: number; alreadyLaunched: boolean }> {
  const ctx = await loadWaveContext(db, options.waveId);
  if (options.startOn) ctx.planInput.launchDate = options.startOn;
  const { wave, phase } = ctx;
  const actorName = options.actor.email ?? options.actor.name;
  if (wave.status === "launched") {
    const decision = await latestDecision(db, phase.id);
    const counts = (await countAssignmentsByWave(db, [wave.id])).get(wave.id) ?? {};
    const assigned = Object.values(counts).reduce((s, n) => s + n, 0);
    return {
      ...summarise(ctx, await plan(db, ctx, null), decision),
      created: 0,
      alreadyLaunched: true,
      totals: { members: assigned, toAssign: 0, flagged: 0, deferred: 0, movedByBlackout: 0 },
    };
  }
  if (wave.status !== "planned")
    throw new AppError(
      "conflict",
      `Wave "${wave.name}" is ${wave.status.replace("_", " ")}; only a planned wave can be launched.`,
    );
  if (ctx.versionStatus !== "published")
    throw new AppError("conflict", "The rollout's program version is a draft; publish it first.");

  let decision = await latestDecision(db, phase.id);
  const now = clock.nowIso();
  if (!gateAllowsLaunch(Number(phase.position), decision)) {
    if (!options.override)
      throw new AppError(
        "conflict",
        `The gate into phase "${phase.name}" has not said go (latest decision: ${decision ?? "none"}). Record a go decision, or an admin can override with a reason.`,
        { gate: phase.id, latestDecision: decision },
      );
    if (!can(options.actor, "gates.override"))
      throw new AppError("forbidden", "Only an admin may launch past a gate that has not said go.");
    await insertGateDecision(db, {
      id: randomUUID(),
      phase_id: phase.id,
      decision: "override",
      reason: options.override.reason,
      approvers: JSON.stringify([actorName]),
      evaluation_id: null,
      extend_until: null,
      decided_by: options.actor.userId,
      decided_at: now,
    });
    decision = "override";
  }

  const p = await plan(db, ctx, options.feasibility ?? null);
  if (p.totals.flagged > 0 && !options.feasibility)
    throw new AppError(
      "conflict",
      `${p.totals.flagged} members would have less time than the program needs before their due date. Choose to assign anyway, extend to a realistic date, or not assign them.`,
      { flagged: p.totals.flagged },
    );
  const created = await insertWaveAssignments(db, {
    condition: ctx.condition,
    rolloutId: ctx.rollout.id,
    waveId: wave.id,
    programVersionId: ctx.rollout.program_version_id,
    enrollmentMode: wave.enrollment_mode,
    cause: "wave launched",
    at: now,
    groups: p.groups,
  });
  await updateWaveRow(db, wave.id, {
    status: "launched",
    launched_at: now,
    launched_by: actorName,
    feasibility_choice: options.feasibility ?? null,
    started_on: ctx.planInput.launchDate,
    updated_at: now,
  });
  await insertWaveEvent(db, {
    waveId: wave.id,
    kind: "launched",
    actor: actorName,
    reason: options.override?.reason ?? null,
    details: {
      ...p.totals,
      created,
      feasibility: options.feasibility ?? null,
      startedOn: ctx.planInput.launchDate,
    },
    at: now,
  });
  await recordEvent(db, options.registry, {
    type: "rollouts.wave_launched",
    payload: { waveId: wave.id, rolloutId: ctx.rollout.id, created },
  });
  return { ...summarise(ctx, p, decision), status: "launched", created, alreadyLaunched: false };
}
