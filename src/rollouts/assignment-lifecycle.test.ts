import { Readable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createJobRegistry } from "../cascade.js";
import { importPeople } from "../directory/import-people.js";
import { systemActor, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Db } from "../platform/database/connect.js";
import { Worker } from "../platform/jobs/worker.js";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, smallOrg, toCsv } from "../test/factories.js";
import { rolloutWithWaves } from "../test/rollouts.js";
import { listAssignments } from "./assignments.repository.js";
import { changeWaveStatus } from "./change-wave-status.js";
import { grantException } from "./grant-exception.js";
import { launchWave } from "./launch-wave.js";
import { hourlyPassJob } from "./rollout-jobs.js";
import { listGatesAwaitingDecision } from "./rollouts.repository.js";
import { sweepAssignments } from "./sweep-assignments.js";

const owner: Actor = {
  ...systemActor,
  kind: "user",
  role: "program_owner",
  name: "Owner",
  email: "owner@example.com",
};
const registry = createJobRegistry();

async function statuses(db: Db, waveId: string): Promise<Record<string, string>> {
  const { items } = await listAssignments(db.kysely, {
    scope: { kind: "all" },
    filter: { waveId },
    offset: 0,
    limit: 100,
  });
  return Object.fromEntries(items.map((a) => [a.external_id, a.status]));
}

async function launchedWave(
  db: Db,
  rule: string,
  days = 10,
): Promise<{ rolloutId: string; waveId: string }> {
  const rollout = await rolloutWithWaves(db, {
    rule,
    waves: [{ deadline: { kind: "relative", days, time: "23:59" } }],
  });
  const waveId = rollout.phases[0]!.waves[0]!.id;
  await db.kysely
    .transaction()
    .execute((trx) =>
      launchWave(trx, { waveId, actor: owner, registry, feasibility: "assign_anyway" }),
    );
  return { rolloutId: rollout.id, waveId };
}

afterEach(() => clock.set(null));

describeEachEngine("assignments over time", (use) => {
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
  });

  it("marks open mandatory assignments overdue after their local due instant, not before", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    const { waveId } = await launchedWave(db, `region = "APAC"`);
    // Due 12 March 23:59 in Tokyo is 14:59 UTC; in Singapore 15:59 UTC.
    clock.set(new Date("2026-03-12T15:30:00Z"));
    const first = await db.kysely.transaction().execute((trx) => sweepAssignments(trx));
    expect(first.overdue).toBe(2);
    expect(await statuses(db, waveId)).toEqual({ E3: "overdue", E4: "assigned", M2: "overdue" });
    clock.set(new Date("2026-03-12T16:00:00Z"));
    await db.kysely.transaction().execute((trx) => sweepAssignments(trx));
    expect((await statuses(db, waveId)).E4).toBe("overdue");
    const change = await db.kysely
      .selectFrom("assignment_changes")
      .select(["from_status", "to_status", "cause"])
      .where("to_status", "=", "overdue")
      .executeTakeFirstOrThrow();
    expect(change).toEqual({
      from_status: "assigned",
      to_status: "overdue",
      cause: "due date passed",
    });
  });

  it("freezes a paused wave and catches up when it resumes", async () => {
    const db = use();
    clock.set(new Date("2026-04-01T08:00:00Z"));
    const { waveId } = await launchedWave(db, `division = "Risk"`);
    await db.kysely
      .transaction()
      .execute((trx) =>
        changeWaveStatus(trx, { waveId, action: "pause", actor: owner, reason: "Content bug" }),
      );
    clock.set(new Date("2026-05-01T08:00:00Z"));
    await db.kysely.transaction().execute((trx) => sweepAssignments(trx));
    expect(Object.values(await statuses(db, waveId))).toEqual(["assigned", "assigned", "assigned"]);
    await expect(
      db.kysely
        .transaction()
        .execute((trx) =>
          changeWaveStatus(trx, { waveId, action: "pause", actor: owner, reason: "Again" }),
        ),
    ).rejects.toThrow(/cannot pause/);
    await db.kysely
      .transaction()
      .execute((trx) =>
        changeWaveStatus(trx, { waveId, action: "resume", actor: owner, reason: "Fixed" }),
      );
    await db.kysely.transaction().execute((trx) => sweepAssignments(trx));
    expect(Object.values(await statuses(db, waveId))).toEqual(["overdue", "overdue", "overdue"]);
    const events = await db.kysely
      .selectFrom("wave_events")
      .select(["kind", "reason"])
      .where("wave_id", "=", waveId)
      .orderBy("id")
      .execute();
    expect(events).toEqual([
      { kind: "launched", reason: null },
      { kind: "paused", reason: "Content bug" },
      { kind: "resumed", reason: "Fixed" },
    ]);
  });

  it("exempts a group until the exemption expires, then assigns them again", async () => {
    const db = use();
    clock.set(new Date("2026-06-01T08:00:00Z"));
    const { rolloutId, waveId } = await launchedWave(db, `region = "EMEA" and division = "Risk"`);
    const granted = await db.kysely.transaction().execute((trx) =>
      grantException(trx, {
        actor: owner,
        request: {
          rolloutId,
          kind: "exemption",
          personIds: ["E1", "E2"],
          assignmentIds: [],
          reason: "Certified externally",
          approvedBy: "Head of Compliance",
          expiresOn: "2026-12-31",
        },
      }),
    );
    expect(granted.assignments).toBe(2);
    expect(await statuses(db, waveId)).toEqual({ E1: "exempt", E2: "exempt", M1: "assigned" });
    clock.set(new Date("2027-01-02T08:00:00Z"));
    const swept = await db.kysely.transaction().execute((trx) => sweepAssignments(trx));
    expect(swept).toMatchObject({ lapsedExemptions: 1, reassigned: 2 });
    const after = await statuses(db, waveId);
    expect([after.E1, after.E2]).toEqual(["assigned", "assigned"]);
    const exception = await db.kysely
      .selectFrom("assignment_exceptions")
      .select(["lapsed_at", "approved_by"])
      .where("id", "=", granted.id)
      .executeTakeFirstOrThrow();
    expect(exception).toEqual({
      lapsed_at: "2027-01-02T08:00:00.000Z",
      approved_by: "Head of Compliance",
    });
  });

  it("evaluates gates awaiting a decision in the hourly pass and schedules the next one", async () => {
    const db = use();
    clock.set(new Date("2026-07-01T10:20:00Z"));
    const rollout = await rolloutWithWaves(db, {
      rule: `region = "APAC"`,
      waves: [{ phase: 1 }, { phase: 2 }],
    });
    const scale = rollout.phases[1]!;
    expect(await listGatesAwaitingDecision(db.kysely)).not.toContain(scale.id);
    await db.kysely
      .transaction()
      .execute((trx) =>
        launchWave(trx, { waveId: rollout.phases[0]!.waves[0]!.id, actor: owner, registry }),
      );
    expect(await listGatesAwaitingDecision(db.kysely)).toContain(scale.id);
    await hourlyPassJob.handler({
      db: db.kysely,
      payload: {},
      jobId: 0,
      attempt: 1,
      log: pino({ level: "silent" }),
    });
    const evaluation = await db.kysely
      .selectFrom("gate_evaluations")
      .select(["trigger", "passed"])
      .where("phase_id", "=", scale.id)
      .executeTakeFirstOrThrow();
    expect(evaluation).toEqual({ trigger: "schedule", passed: 0 });
    const next = await db.kysely
      .selectFrom("jobs")
      .select(["run_at"])
      .where("name", "=", hourlyPassJob.name)
      .executeTakeFirstOrThrow();
    expect(next.run_at).toBe("2026-07-01T11:00:00.000Z");
  });
});

describeEachEngine("a directory import moves assignments through the job queue", (use) => {
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
  });

  it("assigns a joiner and withdraws a leaver after the import's jobs run", async () => {
    const db = use();
    clock.set(new Date("2026-03-02T08:00:00Z"));
    const { waveId } = await launchedWave(db, `division = "Technology"`, 30);
    clock.set(new Date("2026-03-05T08:00:00Z"));
    const people = smallOrg().filter((p) => p.external_id !== "E4");
    people.push(
      personRow("T9", {
        division: "Technology",
        region: "APAC",
        time_zone: "Asia/Tokyo",
        manager_id: "M2",
      }),
    );
    await importPeople({
      db: db.kysely,
      registry,
      source: {
        kind: "file",
        input: Readable.from([toCsv(people)]),
        fileName: "hris.csv",
        format: "csv",
        mapping: {},
      },
      mode: "full",
      dryRun: false,
      applyValidRows: false,
      actor: systemActor,
    });
    const worker = new Worker({
      db: db.kysely,
      registry,
      log: pino({ level: "silent" }),
      concurrency: 1,
      pollMs: 50,
    });
    expect(await worker.runOnce()).toBeGreaterThanOrEqual(2);
    expect(await statuses(db, waveId)).toEqual({
      E3: "assigned",
      E4: "withdrawn",
      M2: "assigned",
      T9: "assigned",
    });
    const audienceChanges = await db.kysely
      .selectFrom("audience_changes as c")
      .innerJoin("people", "people.id", "c.person_id")
      .select(["people.external_id", "c.change"])
      .orderBy("people.external_id")
      .execute();
    expect(audienceChanges).toEqual([
      { external_id: "E4", change: "left" },
      { external_id: "T9", change: "joined" },
    ]);
  });
});
