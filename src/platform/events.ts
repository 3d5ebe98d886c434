import type { Kysely } from "kysely";
import { clock } from "./clock.js";
import type { Database } from "./database/schema.js";
import type { JobRegistry } from "./jobs/job.js";
import { enqueueJob } from "./jobs/jobs.repository.js";

/**
 * Records a domain event in the caller's transaction and enqueues one job for every registered
 * subscriber, so reactions run after the change commits and are never lost.
 */
export async function recordEvent(
  trx: Kysely<Database>,
  registry: JobRegistry,
  event: { type: string; payload: Record<string, unknown> },
): Promise<number> {
  const row = await trx
    .insertInto("domain_events")
    .values({
      type: event.type,
      payload: JSON.stringify(event.payload),
      created_at: clock.nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const job of registry.subscribersOf(event.type)) {
    await enqueueJob(trx, {
      name: job.name,
      payload: { eventId: row.id, type: event.type, ...event.payload },
      idempotencyKey: `event:${row.id}:${job.name}`,
      maxAttempts: job.maxAttempts,
    });
  }
  return Number(row.id);
}
