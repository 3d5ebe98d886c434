import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import { createAudience } from "../audiences/manage-audiences.js";
import { systemActor, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import type { JobRegistry } from "../platform/jobs/job.js";
import { createProgram, draftVersion, publishVersion } from "../programs/manage-programs.js";
import { changeAssignmentStatus, listAssignments, withIds } from "./assignments.repository.js";
import { evaluateGate } from "./evaluate-gate.js";
import { grantException } from "./grant-exception.js";
import { launchWave } from "./launch-wave.js";
import { addWave, createRollout } from "./manage-rollouts.js";
import { insertBlackout } from "./rollouts.repository.js";
import { sweepAssignments } from "./sweep-assignments.js";

const demoActor: Actor = { ...systemActor, name: "Cascade demo" };

/** A deterministic number in [0, 1) from an id: the demo's "random" progress is repeatable. */
function unit(id: number, salt: number): number {
  const x = Math.sin(id * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * Adds a realistic rollout to a demo organisation: two audiences, two programs (one with a draft
 * second version), the "Code of Conduct 2027" rollout with a launched pilot three weeks old (most
 * done, some overdue, one extension), regional scale waves waiting on their gate, and a blackout.
 */
export async function loadDemoRollouts(options: {
  db: Kysely<Database>;
  registry: JobRegistry;
  /**
   * Called once the pilot is launched, before anyone's progress is recorded: the place to replay
   * what happened in between (e.g. the messages of its first three weeks).
   */
  afterLaunch?: (pilot: { waveId: string; startedOn: string }) => Promise<void>;
}): Promise<void> {
  const { db, registry } = options;
  const today = DateTime.fromJSDate(clock.now(), { zone: "utc" }).startOf("day");
  const date = (days: number) => today.plus({ days }).toISODate()!;

  const launched = await db.transaction().execute(async (trx) => {
    const everyone = await createAudience(trx, {
      name: "All employees (no contractors)",
      description: "Everyone on the payroll; contractors train through their agency.",
      rule: `employment_type = "employee" and not tags has "contractor"`,
      createdBy: null,
    });
    await createAudience(trx, {
      name: "Regulated staff in Europe",
      description: "People in regulated roles under EU supervision.",
      rule: `tags has "regulated" and region = "Europe"`,
      createdBy: null,
    });
    const conduct = await createProgram(trx, {
      name: "Code of Conduct 2027",
      description: "The annual code of conduct: speaking up, conflicts of interest, gifts.",
      createdBy: null,
      modules: [
        {
          kind: "elearning",
          title: "Our code in practice",
          activityIri: "https://learning.example.com/conduct-2027/course",
          expectedMinutes: 45,
          required: true,
          variants: [
            { locale: "de-DE", title: "Unser Kodex in der Praxis" },
            { locale: "fr-FR", title: "Notre code en pratique" },
            { locale: "ja-JP", title: "行動規範の実践" },
          ],
        },
        {
          kind: "assessment",
          title: "Knowledge check",
          activityIri: "https://learning.example.com/conduct-2027/assessment",
          expectedMinutes: 15,
          required: true,
          variants: [],
        },
        {
          kind: "job_aid",
          title: "Speak-up quick guide",
          activityIri: null,
          expectedMinutes: 5,
          required: false,
          variants: [{ region: "North America", title: "Speak-up quick guide (US & Canada)" }],
        },
      ],
    });
    const conductVersion = conduct.versions[0]!.id;
    await publishVersion(trx, { versionId: conductVersion, by: "Cascade demo" });

    const ai = await createProgram(trx, {
      name: "Responsible AI Essentials",
      description: "Using generative AI tools safely at work.",
      createdBy: null,
      modules: [
        {
          kind: "elearning",
          title: "What AI can and cannot do",
          activityIri: "https://learning.example.com/ai-essentials/intro",
          expectedMinutes: 60,
          required: true,
          variants: [],
        },
        {
          kind: "virtual",
          title: "Live clinic: prompts and data",
          activityIri: null,
          expectedMinutes: 90,
          required: true,
          variants: [],
        },
      ],
    });
    await publishVersion(trx, { versionId: ai.versions[0]!.id, by: "Cascade demo" });
    await draftVersion(trx, { programId: ai.id, fromVersionId: ai.versions[0]!.id });

    let rollout = await createRollout(trx, {
      name: "Code of Conduct 2027 — enterprise",
      description: "Pilot in Europe, then every region; regulators expect completion by year end.",
      programVersionId: conductVersion,
      audienceId: everyone.id,
      dailyLearningMinutes: 30,
      createdBy: null,
      phases: [
        { kind: "pilot", gateCriteria: [] },
        {
          kind: "scale",
          gateCriteria: [
            { metric: "completion_rate", operator: ">=", threshold: 80 },
            { metric: "average_score", operator: ">=", threshold: 70 },
          ],
        },
        { kind: "institutionalize", name: "New joiners", gateCriteria: [] },
      ],
    });
    const [pilot, scale, joiners] = rollout.phases;
    const relative = (days: number) => ({ kind: "relative" as const, days, time: "23:59" });
    rollout = await addWave(trx, rollout.id, {
      phaseId: pilot!.id,
      name: "Pilot — Europe 10%",
      audienceId: null,
      slice: { regions: ["Europe"], divisions: [], percent: 10 },
      launchDate: date(-21),
      enrollmentMode: "mandatory",
      deadline: relative(14),
      regionDeadlines: {},
      joinerGraceDays: 14,
    });
    for (const [name, regions, launch] of [
      ["Scale — Europe", ["Europe"], 7],
      ["Scale — North America", ["North America"], 14],
      ["Scale — Asia Pacific", ["Asia Pacific"], 14],
      [
        "Scale — Latin America, Middle East & Africa",
        ["Latin America", "Middle East & Africa"],
        28,
      ],
    ] as const)
      rollout = await addWave(trx, rollout.id, {
        phaseId: scale!.id,
        name,
        audienceId: null,
        slice: { regions: [...regions], divisions: [], percent: null },
        launchDate: date(launch),
        enrollmentMode: "mandatory",
        deadline: relative(30),
        regionDeadlines: { "Middle East & Africa": relative(45) },
        joinerGraceDays: 21,
      });
    rollout = await addWave(trx, rollout.id, {
      phaseId: joiners!.id,
      name: "Joiners from next quarter",
      audienceId: null,
      slice: { regions: [], divisions: [], percent: null },
      launchDate: date(60),
      enrollmentMode: "self_directed",
      deadline: relative(30),
      regionDeadlines: {},
      joinerGraceDays: 30,
    });
    await insertBlackout(trx, {
      id: randomUUID(),
      division: "Finance",
      starts_on: date(25),
      ends_on: date(35),
      reason: "Quarter-end close",
      created_by: "Cascade demo",
      created_at: clock.nowIso(),
    });

    const pilotWave = rollout.phases[0]!.waves[0]!;
    await launchWave(trx, {
      waveId: pilotWave.id,
      actor: demoActor,
      registry,
      feasibility: "assign_anyway",
      startOn: date(-21),
    });
    // The pilot was launched three weeks ago, at 07:00 UTC: its assignments say so.
    const launchedAt = `${date(-21)}T07:00:00.000Z`;
    await trx
      .updateTable("assignments")
      .set({ assigned_at: launchedAt })
      .where("wave_id", "=", pilotWave.id)
      .execute();
    await trx
      .updateTable("rollout_waves")
      .set({ launched_at: launchedAt })
      .where("id", "=", pilotWave.id)
      .execute();
    return { rolloutId: rollout.id, pilotWaveId: pilotWave.id, scalePhaseId: scale!.id };
  });
  await options.afterLaunch?.({ waveId: launched.pilotWaveId, startedOn: date(-21) });

  await db.transaction().execute(async (trx) => {
    const pilotWave = { id: launched.pilotWaveId };
    const { items: assignments } = await listAssignments(trx, {
      scope: { kind: "all" },
      filter: { waveId: pilotWave.id },
      offset: 0,
      limit: 100_000,
    });
    const completed: number[] = [];
    const started: number[] = [];
    for (const a of assignments) {
      const r = unit(Number(a.id), 1);
      if (r < 0.78) completed.push(Number(a.id));
      else if (r < 0.9) started.push(Number(a.id));
    }
    const at = clock.nowIso();
    await changeAssignmentStatus(trx, {
      ids: withIds(started),
      to: "started",
      cause: "learning record",
      actor: "Cascade demo",
      at,
      set: { started_at: at },
    });
    for (const id of completed)
      await changeAssignmentStatus(trx, {
        ids: withIds([id]),
        to: "completed",
        cause: "learning record",
        actor: "Cascade demo",
        at,
        set: {
          completed_at: at,
          score: 55 + Math.round(unit(id, 2) * 45),
          completion_source: "demo",
        },
      });
    await sweepAssignments(trx);
    const { items: overdue } = await listAssignments(trx, {
      scope: { kind: "all" },
      filter: { waveId: pilotWave.id, status: "overdue" },
      offset: 0,
      limit: 2,
    });
    if (overdue.length > 0)
      await grantException(trx, {
        actor: demoActor,
        request: {
          rolloutId: launched.rolloutId,
          kind: "extension",
          personIds: overdue.map((o) => o.external_id),
          assignmentIds: [],
          reason: "Back from parental leave",
          approvedBy: "Head of L&D",
          newDueDate: date(14),
        },
      });
    await evaluateGate(trx, { phaseId: launched.scalePhaseId, trigger: "on_demand" });
  });
}
