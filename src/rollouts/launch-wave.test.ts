import { afterEach, beforeAll, expect, it } from "vitest";
import { systemActor, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import { AppError } from "../platform/errors.js";
import { JobRegistry } from "../platform/jobs/job.js";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, smallOrg, toCsv } from "../test/factories.js";
import { rolloutWithWaves } from "../test/rollouts.js";
import { listAssignments } from "./assignments.repository.js";
import { decideGate } from "./decide-gate.js";
import { launchWave, previewWaveLaunch } from "./launch-wave.js";
import { insertBlackout } from "./rollouts.repository.js";
import { syncAllWaves } from "./sync-wave-assignments.js";
import type { Db } from "../platform/database/connect.js";

const registry = new JobRegistry();
const owner: Actor = {
  ...systemActor,
  kind: "user",
  role: "program_owner",
  name: "Olivia Owner",
  email: "owner@example.com",
};

async function assignmentsOf(db: Db, waveId: string) {
  const { items } = await listAssignments(db.kysely, {
    scope: { kind: "all" },
    filter: { waveId },
    offset: 0,
    limit: 500,
  });
  return new Map(items.map((a) => [a.external_id, a]));
}

function launch(db: Db, waveId: string, extra: Partial<Parameters<typeof launchWave>[1]> = {}) {
  return db.kysely
    .transaction()
    .execute((trx) => launchWave(trx, { waveId, actor: owner, registry, ...extra }));
}

afterEach(() => clock.set(null));

describeEachEngine("launching a wave", (use) => {
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
  });

  it("assigns every member once, due at 23:59 in each person's own zone across a DST change", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    // Launch on 2 March, due 27 days later: 29 March, the day Europe moves to summer time.
    const rollout = await rolloutWithWaves(db, {
      rule: `division in ("Risk", "Technology")`,
      waves: [{ deadline: { kind: "relative", days: 27, time: "23:59" } }],
    });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    const result = await launch(db, waveId);
    expect(result.created).toBe(6);
    const byPerson = await assignmentsOf(db, waveId);
    expect([...byPerson.keys()].sort()).toEqual(["E1", "E2", "E3", "E4", "M1", "M2"]);
    expect(byPerson.get("E1")?.due_at).toBe("2026-03-29T21:59:00Z"); // Berlin, UTC+2 from that morning
    expect(byPerson.get("E3")?.due_at).toBe("2026-03-29T14:59:00Z"); // Tokyo, UTC+9
    expect(byPerson.get("E4")?.due_at).toBe("2026-03-29T15:59:00Z"); // Singapore, UTC+8
    expect(byPerson.get("E2")?.time_zone).toBe("Europe/Oslo");
    expect(byPerson.has("CEO")).toBe(false);
  });

  it("launching twice changes nothing", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    const rollout = await rolloutWithWaves(db, { rule: `region = "APAC"`, waves: [{}] });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    const first = await launch(db, waveId);
    const before = await assignmentsOf(db, waveId);
    const second = await launch(db, waveId);
    expect(first.created).toBe(3);
    expect(second).toMatchObject({ created: 0, alreadyLaunched: true });
    const after = await assignmentsOf(db, waveId);
    expect([...after.values()].map((a) => [a.id, a.due_at])).toEqual(
      [...before.values()].map((a) => [a.id, a.due_at]),
    );
  });

  it("gives each region its own deadline when it has an override", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    const rollout = await rolloutWithWaves(db, {
      rule: `division in ("Risk", "Technology")`,
      waves: [
        {
          deadline: { kind: "fixed", date: "2026-06-30", time: "23:59" },
          regionDeadlines: { APAC: { kind: "fixed", date: "2026-07-15", time: "17:00" } },
        },
      ],
    });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    await launch(db, waveId);
    const byPerson = await assignmentsOf(db, waveId);
    expect(byPerson.get("E1")?.due_at).toBe("2026-06-30T21:59:00Z");
    expect(byPerson.get("E3")?.due_at).toBe("2026-07-15T08:00:00Z");
  });

  it("refuses a later phase until its gate says go, unless an admin overrides with a reason", async () => {
    const db = use();
    const rollout = await rolloutWithWaves(db, {
      rule: `region = "EMEA"`,
      waves: [{ phase: 1 }, { phase: 2 }],
    });
    const scalePhase = rollout.phases[1]!;
    const waveId = scalePhase.waves[0]!.id;
    const refused = await launch(db, waveId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("conflict");
    expect((refused as AppError).message).toContain("has not said go");

    const notAdmin = await launch(db, waveId, { override: { reason: "Board asked" } }).catch(
      (e: unknown) => e,
    );
    expect((notAdmin as AppError).code).toBe("forbidden");

    await db.kysely.transaction().execute((trx) =>
      decideGate(trx, {
        phaseId: scalePhase.id,
        decision: "no_go",
        reason: "Completion too low",
        approvers: ["Steering committee"],
        actor: owner,
      }),
    );
    await expect(launch(db, waveId)).rejects.toThrow(/latest decision: no_go/);
    await db.kysely.transaction().execute((trx) =>
      decideGate(trx, {
        phaseId: scalePhase.id,
        decision: "go",
        reason: "Pilot results accepted",
        approvers: ["Steering committee", "CHRO"],
        actor: owner,
      }),
    );
    const launched = await launch(db, waveId);
    expect(launched.created).toBeGreaterThan(0);
  });

  it("lets an admin override a closed gate, recording the override", async () => {
    const db = use();
    const rollout = await rolloutWithWaves(db, { rule: `region = "EMEA"`, waves: [{ phase: 2 }] });
    const waveId = rollout.phases[1]!.waves[0]!.id;
    const result = await launch(db, waveId, {
      actor: { ...owner, role: "admin" },
      override: { reason: "Regulator deadline" },
    });
    expect(result.gate.latestDecision).toBe("override");
    const decision = await db.kysely
      .selectFrom("gate_decisions")
      .selectAll()
      .where("phase_id", "=", rollout.phases[1]!.id)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ decision: "override", reason: "Regulator deadline" });
  });

  it("flags due dates that leave too little time and applies the admin's choice", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    // 600 minutes at 30 minutes a working day need 20 working days; 7 days give 5.
    const make = () =>
      rolloutWithWaves(db, {
        rule: `region = "APAC"`,
        minutes: 600,
        waves: [{ deadline: { kind: "relative", days: 7, time: "23:59" } }],
      });
    const a = await make();
    const waveA = a.phases[0]!.waves[0]!.id;
    const preview = await previewWaveLaunch(db.kysely, waveA);
    expect(preview.totals.flagged).toBe(3);
    expect(preview.flaggedGroups[0]).toMatchObject({ availableDays: 5, requiredDays: 20 });
    await expect(launch(db, waveA)).rejects.toThrow(/less time than the program needs/);

    await launch(db, waveA, { feasibility: "extend" });
    const extended = await assignmentsOf(db, waveA);
    // 20 working days after Monday 2 March 2026 is Monday 30 March.
    expect(extended.get("E3")).toMatchObject({
      feasibility: "extended",
      due_at: "2026-03-30T14:59:00Z",
    });

    const b = await make();
    const waveB = b.phases[0]!.waves[0]!.id;
    await launch(db, waveB, { feasibility: "skip" });
    const skipped = await assignmentsOf(db, waveB);
    expect(skipped.get("E3")).toMatchObject({ feasibility: "flagged", status: "withdrawn" });

    const c = await make();
    const waveC = c.phases[0]!.waves[0]!.id;
    await launch(db, waveC, { feasibility: "assign_anyway" });
    expect((await assignmentsOf(db, waveC)).get("E3")).toMatchObject({
      feasibility: "assigned_anyway",
      status: "assigned",
      due_at: "2026-03-09T14:59:00Z",
    });
  });

  it("counts deadlines from the day of a late launch, never creating overdue work", async () => {
    const db = use();
    clock.set(new Date("2026-03-20T08:00:00Z"));
    const rollout = await rolloutWithWaves(db, {
      rule: `region = "APAC"`,
      waves: [
        { launchDate: "2026-03-02", deadline: { kind: "relative", days: 30, time: "23:59" } },
      ],
    });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    expect((await previewWaveLaunch(db.kysely, waveId)).startsOn).toBe("2026-03-20");
    await launch(db, waveId);
    expect((await assignmentsOf(db, waveId)).get("E3")?.due_at).toBe("2026-04-19T14:59:00Z");
    const wave = await db.kysely
      .selectFrom("rollout_waves")
      .select("started_on")
      .where("id", "=", waveId)
      .executeTakeFirstOrThrow();
    expect(wave.started_on).toBe("2026-03-20");
  });

  it("takes the same deterministic sample every time", async () => {
    const db = use();
    const rollout = await rolloutWithWaves(db, {
      rule: `status = "active"`,
      waves: [{ slice: { regions: [], divisions: [], percent: 50 } }],
    });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    const first = await previewWaveLaunch(db.kysely, waveId);
    const second = await previewWaveLaunch(db.kysely, waveId);
    expect(first.totals.members).toBe(second.totals.members);
    expect(first.totals.members).toBeLessThan(7);
  });
});

describeEachEngine("blackout periods", (use) => {
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
  });

  it("moves deadlines out of a blackout and defers members whose division is blacked out at launch", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    await insertBlackout(db.kysely, {
      id: "b1",
      division: "Risk",
      starts_on: "2026-03-30",
      ends_on: "2026-04-05",
      reason: "Quarter close",
      created_by: null,
      created_at: clock.nowIso(),
    });
    await insertBlackout(db.kysely, {
      id: "b2",
      division: "Technology",
      starts_on: "2026-03-01",
      ends_on: "2026-03-10",
      reason: "Release freeze",
      created_by: null,
      created_at: clock.nowIso(),
    });
    const rollout = await rolloutWithWaves(db, {
      rule: `division in ("Risk", "Technology")`,
      waves: [{ deadline: { kind: "relative", days: 30, time: "23:59" } }],
    });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    const preview = await previewWaveLaunch(db.kysely, waveId);
    expect(preview.deferred).toEqual([{ division: "Technology", count: 3, until: "2026-03-10" }]);
    await launch(db, waveId);
    const launched = await assignmentsOf(db, waveId);
    // Due 1 April falls in Risk's quarter close: it moves to 6 April.
    expect(launched.get("E1")?.due_at).toBe("2026-04-06T21:59:00Z");
    expect(launched.has("E3")).toBe(false);

    // After the freeze, the hourly sync assigns the deferred members with at least the grace period.
    clock.set(new Date("2026-03-11T08:00:00Z"));
    await syncAllWaves(db.kysely, { cause: "test" });
    const later = await assignmentsOf(db, waveId);
    expect(later.get("E3")).toMatchObject({ status: "assigned", due_at: "2026-04-01T14:59:00Z" });
  });
});

describeEachEngine("the directory keeps assignments right", (use) => {
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
  });

  it("assigns joiners with a grace period, withdraws movers and leavers, keeps completions", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    const rollout = await rolloutWithWaves(db, {
      rule: `division = "Risk"`,
      waves: [{ deadline: { kind: "relative", days: 10, time: "23:59" }, joinerGraceDays: 14 }],
    });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    await launch(db, waveId, { feasibility: "assign_anyway" });
    const launched = await assignmentsOf(db, waveId);
    expect([...launched.keys()].sort()).toEqual(["E1", "E2", "M1"]);
    // M1 completes before moving away.
    await db.kysely
      .updateTable("assignments")
      .set({ status: "completed", completed_at: clock.nowIso() })
      .where("id", "=", launched.get("M1")!.id)
      .execute();

    clock.set(new Date("2026-03-09T08:00:00Z"));
    const org = smallOrg();
    const changed = org
      .filter((p) => p.external_id !== "E2") // E2 leaves
      .map((p) =>
        p.external_id === "M1" || p.external_id === "E1"
          ? { ...p, division: "Operations" } // both move out
          : p.external_id === "E4"
            ? { ...p, division: "Risk" } // E4 moves in
            : p,
      );
    changed.push({ ...org[3]!, external_id: "J1", name: "June Joiner", email: "j1@example.com" });
    const report = await importCsv(db, toCsv(changed));
    expect(report.status).toBe("applied");
    await syncAllWaves(db.kysely, { cause: "directory import" });

    const after = await assignmentsOf(db, waveId);
    expect(after.get("M1")?.status).toBe("completed");
    expect(after.get("E1")?.status).toBe("withdrawn");
    expect(after.get("E2")?.status).toBe("withdrawn");
    // Joiners get at least 14 days from today: 23 March 23:59 in their zone.
    expect(after.get("J1")).toMatchObject({ status: "assigned", due_at: "2026-03-23T22:59:00Z" });
    expect(after.get("E4")).toMatchObject({ status: "assigned", due_at: "2026-03-23T15:59:00Z" });

    const changes = await db.kysely
      .selectFrom("assignment_changes")
      .select(["assignment_id", "from_status", "to_status", "cause"])
      .where("assignment_id", "in", [after.get("E1")!.id, after.get("E2")!.id])
      .orderBy("assignment_id")
      .execute();
    expect(changes.map((c) => c.cause).sort()).toEqual([
      "left the organisation",
      "no longer in the wave's audience",
    ]);

    // Running the sync again changes nothing.
    const again = await syncAllWaves(db.kysely, { cause: "again" });
    expect(again.find((r) => r.waveId === waveId)).toMatchObject({
      leavers: 0,
      movedOut: 0,
      joined: 0,
    });

    // E2 rejoins and E1 moves back into Risk: their withdrawn assignments reopen with a new due date.
    clock.set(new Date("2026-03-16T08:00:00Z"));
    const back = changed
      .map((p) => (p.external_id === "E1" ? { ...p, division: "Risk" } : p))
      .concat([org.find((p) => p.external_id === "E2")!]);
    expect((await importCsv(db, toCsv(back))).status).toBe("applied");
    const returned = await syncAllWaves(db.kysely, { cause: "directory import" });
    expect(returned.find((r) => r.waveId === waveId)).toMatchObject({ returned: 2, joined: 0 });
    const reopened = await assignmentsOf(db, waveId);
    expect(reopened.get("E1")).toMatchObject({
      status: "assigned",
      due_at: "2026-03-30T21:59:00Z",
    });
    expect(reopened.get("E2")).toMatchObject({
      status: "assigned",
      due_at: "2026-03-30T21:59:00Z",
    });
    expect(reopened.get("M1")?.status).toBe("completed");
  });
});
