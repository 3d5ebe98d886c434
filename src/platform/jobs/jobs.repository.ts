import { sql, type Kysely } from "kysely";
import { clock } from "../clock.js";
import { isPostgres } from "../database/dialect.js";
import type { Database, JobRow } from "../database/schema.js";

export interface EnqueueOptions {
  name: string;
  payload: unknown;
  /** Run no earlier than this instant (default: now). */
  runAt?: Date;
  /** A second enqueue with the same key is ignored. */
  idempotencyKey?: string;
  maxAttempts?: number;
}

/** Adds a job, inside the caller's transaction; returns false when the idempotency key existed. */
export async function enqueueJob(db: Kysely<Database>, options: EnqueueOptions): Promise<boolean> {
  const now = clock.nowIso();
  const result = await db
    .insertInto("jobs")
    .values({
      name: options.name,
      payload: JSON.stringify(options.payload ?? {}),
      status: "pending",
      attempts: 0,
      max_attempts: options.maxAttempts ?? 5,
      run_at: (options.runAt ?? clock.now()).toISOString(),
      idempotency_key: options.idempotencyKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` runnable jobs for `workerId`, leasing them for `leaseMs`. A job is
 * runnable when pending and due, or running with an expired lease (its worker died). On
 * PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED so several processes never claim
 * the same job; SQLite serialises writers, so the same statement is safe there without it.
 */
export async function claimJobs(
  db: Kysely<Database>,
  options: { workerId: string; limit: number; leaseMs: number; names: string[] },
): Promise<JobRow[]> {
  if (options.names.length === 0) return [];
  const now = clock.now();
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
  // One statement: on SQLite it takes the write lock at once (honouring busy_timeout, unlike a
  // read-then-write transaction); on PostgreSQL the sub-select locks rows with SKIP LOCKED.
  let candidates = db
    .selectFrom("jobs")
    .select("id")
    .where("name", "in", options.names)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("run_at", "<=", nowIso)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<", nowIso)]),
      ]),
    )
    .orderBy("run_at")
    .limit(options.limit);
  if (isPostgres(db)) candidates = candidates.forUpdate().skipLocked();
  return db
    .updateTable("jobs")
    .set({
      status: "running",
      attempts: sql<number>`attempts + 1`,
      locked_by: options.workerId,
      locked_until: leaseUntil,
      updated_at: nowIso,
    })
    .where("id", "in", candidates)
    .returningAll()
    .execute();
}

/** Marks a claimed job done, if this worker still holds it. */
export async function completeJob(
  db: Kysely<Database>,
  id: number,
  workerId: string,
): Promise<void> {
  const now = clock.nowIso();
  await db
    .updateTable("jobs")
    .set({
      status: "succeeded",
      finished_at: now,
      updated_at: now,
      locked_until: null,
      last_error: null,
    })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .execute();
}

/** Records a failure: retried at `retryAt`, or failed for good when `retryAt` is null. */
export async function failJob(
  db: Kysely<Database>,
  options: { id: number; workerId: string; error: string; retryAt: Date | null },
): Promise<void> {
  const now = clock.nowIso();
  await db
    .updateTable("jobs")
    .set(
      options.retryAt
        ? { status: "pending", run_at: options.retryAt.toISOString(), locked_until: null }
        : { status: "failed", finished_at: now, locked_until: null },
    )
    .set({ last_error: options.error.slice(0, 4000), updated_at: now })
    .where("id", "=", options.id)
    .where("locked_by", "=", options.workerId)
    .execute();
}

/** Counts of jobs per status, for health and the CLI. */
export async function countJobsByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("jobs")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

/** Jobs of one name, newest first (tests and diagnostics). */
export async function listJobs(db: Kysely<Database>, name: string): Promise<JobRow[]> {
  return db.selectFrom("jobs").selectAll().where("name", "=", name).orderBy("id", "desc").execute();
}
