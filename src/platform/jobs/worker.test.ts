import { pino } from "pino";
import { afterEach, expect, it } from "vitest";
import { z } from "zod";
import { describeEachEngine } from "../../test/databases.js";
import { clock } from "../clock.js";
import { connectDatabase, type Db } from "../database/connect.js";
import { recordEvent } from "../events.js";
import { defineJob, JobRegistry, type JobDefinition } from "./job.js";
import { claimJobs, completeJob, enqueueJob, failJob, listJobs } from "./jobs.repository.js";
import { Worker } from "./worker.js";

const silent = pino({ level: "silent" });
const t0 = new Date("2030-03-01T09:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function workerFor(db: Db, ...jobs: JobDefinition[]): Worker {
  return new Worker({
    db: db.kysely,
    registry: new JobRegistry().register(...jobs),
    log: silent,
    concurrency: 4,
    pollMs: 10,
  });
}

/** A job that counts how often it ran, per payload value `n`. */
function countingJob(name: string, options: { on?: string[]; maxAttempts?: number } = {}) {
  const runs = new Map<number, number>();
  const payloads: unknown[] = [];
  const job = defineJob({
    name,
    schema: z.object({ n: z.number() }).passthrough(),
    ...options,
    handler: async ({ payload }) => {
      payloads.push(payload);
      runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 1));
    },
  });
  return { job, runs, payloads };
}

afterEach(() => {
  clock.set(null);
});

describeEachEngine("job worker", (use) => {
  it("never runs a job enqueued in a transaction that rolled back", async () => {
    const { job, runs } = countingJob("rollback.job");
    await expect(
      use()
        .kysely.transaction()
        .execute(async (trx) => {
          await enqueueJob(trx, { name: job.name, payload: { n: 1 } });
          throw new Error("the change failed");
        }),
    ).rejects.toThrow("the change failed");
    expect(await workerFor(use(), job).runOnce()).toBe(0);
    expect(runs.size).toBe(0);
    expect(await listJobs(use().kysely, job.name)).toEqual([]);
  });

  it("runs a job once however often it is enqueued with the same idempotency key", async () => {
    const { job, runs } = countingJob("idempotent.job");
    const enqueue = () =>
      enqueueJob(use().kysely, { name: job.name, payload: { n: 7 }, idempotencyKey: "once:7" });
    expect(await enqueue()).toBe(true);
    expect(await enqueue()).toBe(false);
    const worker = workerFor(use(), job);
    expect(await worker.runOnce()).toBe(1);
    // Still ignored after the first one has finished.
    expect(await enqueue()).toBe(false);
    expect(await worker.runOnce()).toBe(0);
    expect(runs.get(7)).toBe(1);
    const rows = await listJobs(use().kysely, job.name);
    expect(rows.map((r) => r.status)).toEqual(["succeeded"]);
  });

  it("does not run a job before its runAt and runs it once due", async () => {
    clock.set(t0);
    const { job, runs } = countingJob("scheduled.job");
    await enqueueJob(use().kysely, { name: job.name, payload: { n: 1 }, runAt: at(3_600_000) });
    const worker = workerFor(use(), job);
    expect(await worker.runOnce()).toBe(0);
    clock.set(at(3_600_000 - 1));
    expect(await worker.runOnce()).toBe(0);
    expect(runs.size).toBe(0);
    clock.set(at(3_600_000));
    expect(await worker.runOnce()).toBe(1);
    expect(runs.get(1)).toBe(1);
  });

  it("retries a failing job with growing delays and marks it failed after maxAttempts, keeping the last error", async () => {
    clock.set(t0);
    let calls = 0;
    const job = defineJob({
      name: "flaky.job",
      schema: z.object({}),
      handler: ({ attempt }) => {
        calls++;
        return Promise.reject(new Error(`boom on attempt ${attempt}`));
      },
    });
    await enqueueJob(use().kysely, { name: job.name, payload: {}, maxAttempts: 3 });
    const worker = workerFor(use(), job);
    const row = async () => {
      const [found] = await listJobs(use().kysely, job.name);
      if (!found) throw new Error("the job is gone");
      return found;
    };

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      expect(await worker.runOnce()).toBe(1);
      const failed = await row();
      expect(failed).toMatchObject({ status: "pending", attempts: attempt });
      expect(failed.last_error).toContain(`boom on attempt ${attempt}`);
      const delay = Date.parse(failed.run_at) - clock.now().getTime();
      delays.push(delay);
      // Not retried before the delay has passed.
      clock.set(new Date(Date.parse(failed.run_at) - 1));
      expect(await worker.runOnce()).toBe(0);
      clock.set(new Date(failed.run_at));
    }
    // 2^n seconds ±20%: about 2 s, then about 4 s.
    expect(delays[0]).toBeGreaterThanOrEqual(1600);
    expect(delays[0]).toBeLessThanOrEqual(2400);
    expect(delays[1]).toBeGreaterThanOrEqual(3200);
    expect(delays[1]).toBeLessThanOrEqual(4800);

    expect(await worker.runOnce()).toBe(1);
    const final = await row();
    expect(final).toMatchObject({ status: "failed", attempts: 3, locked_until: null });
    expect(final.last_error).toContain("boom on attempt 3");
    expect(final.finished_at).toBe(clock.nowIso());
    clock.set(at(24 * 3_600_000));
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it("takes over a job whose worker died once its lease expires, and the dead worker cannot overwrite the result", async () => {
    clock.set(t0);
    const { job, runs } = countingJob("leased.job");
    await enqueueJob(use().kysely, { name: job.name, payload: { n: 1 } });
    const [claimed] = await claimJobs(use().kysely, {
      workerId: "dead-worker",
      limit: 10,
      leaseMs: 60_000,
      names: [job.name],
    });
    expect(claimed).toMatchObject({ status: "running", locked_by: "dead-worker", attempts: 1 });

    const survivor = workerFor(use(), job);
    clock.set(at(59_000));
    expect(await survivor.runOnce()).toBe(0);
    clock.set(at(60_001));
    expect(await survivor.runOnce()).toBe(1);
    expect(runs.get(1)).toBe(1);

    // The dead worker wakes up and reports on a job it no longer holds: nothing changes.
    await failJob(use().kysely, {
      id: Number(claimed?.id),
      workerId: "dead-worker",
      error: "late failure",
      retryAt: at(120_000),
    });
    await completeJob(use().kysely, Number(claimed?.id), "dead-worker");
    const [after] = await listJobs(use().kysely, job.name);
    expect(after).toMatchObject({
      status: "succeeded",
      attempts: 2,
      locked_by: survivor.id,
      last_error: null,
      finished_at: at(60_001).toISOString(),
    });
  });

  it("two workers polling on separate connections run each of 200 jobs exactly once", async () => {
    const { job, runs } = countingJob("concurrent.job");
    await use()
      .kysely.transaction()
      .execute(async (trx) => {
        for (let n = 0; n < 200; n++) await enqueueJob(trx, { name: job.name, payload: { n } });
      });
    const second = connectDatabase(use().url, { poolSize: 5 });
    const a = workerFor(use(), job);
    const b = workerFor(second, job);
    try {
      a.start();
      b.start();
      const deadline = Date.now() + 15_000;
      const succeeded = async () =>
        (await listJobs(use().kysely, job.name)).filter((r) => r.status === "succeeded").length;
      while ((await succeeded()) < 200 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second.close();
    }
    expect(runs.size).toBe(200);
    expect([...runs.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    const rows = await listJobs(use().kysely, job.name);
    expect(rows.filter((r) => r.status === "succeeded")).toHaveLength(200);
    // Both workers really took part, so claiming was exercised concurrently.
    const byWorker = new Set(rows.map((r) => r.locked_by));
    expect(byWorker).toEqual(new Set([a.id, b.id]));
  });

  it("recordEvent enqueues one job per subscriber with the event in the payload, in the caller's transaction", async () => {
    const first = countingJob("first.subscriber", { on: ["x.happened"] });
    const second = countingJob("second.subscriber", { on: ["y.happened", "x.happened"] });
    const bystander = countingJob("bystander", { on: ["z.happened"] });
    const registry = new JobRegistry().register(first.job, second.job, bystander.job);

    const eventId = await use()
      .kysely.transaction()
      .execute((trx) =>
        recordEvent(trx, registry, { type: "x.happened", payload: { n: 42, who: "ada" } }),
      );
    await expect(
      use()
        .kysely.transaction()
        .execute(async (trx) => {
          await recordEvent(trx, registry, { type: "x.happened", payload: { n: 43 } });
          throw new Error("rolled back");
        }),
    ).rejects.toThrow("rolled back");

    const worker = new Worker({
      db: use().kysely,
      registry,
      log: silent,
      concurrency: 4,
      pollMs: 10,
    });
    expect(await worker.runOnce()).toBe(2);
    const expected = { eventId, type: "x.happened", n: 42, who: "ada" };
    expect(first.payloads).toEqual([expected]);
    expect(second.payloads).toEqual([expected]);
    expect(bystander.payloads).toEqual([]);
    const events = await use().kysely.selectFrom("domain_events").selectAll().execute();
    expect(events.map((e) => e.type)).toEqual(["x.happened"]);
  });

  it("a subscriber's maxAttempts applies to the jobs recordEvent enqueues", async () => {
    const job = defineJob({
      name: "fragile.subscriber",
      schema: z.object({}).passthrough(),
      on: ["w.happened"],
      maxAttempts: 1,
      handler: () => Promise.reject(new Error("always fails")),
    });
    const registry = new JobRegistry().register(job);
    await use()
      .kysely.transaction()
      .execute((trx) => recordEvent(trx, registry, { type: "w.happened", payload: {} }));
    const worker = new Worker({
      db: use().kysely,
      registry,
      log: silent,
      concurrency: 1,
      pollMs: 10,
    });
    expect(await worker.runOnce()).toBe(1);
    const [row] = await listJobs(use().kysely, job.name);
    expect(row).toMatchObject({ status: "failed", attempts: 1, max_attempts: 1 });
  });
});
