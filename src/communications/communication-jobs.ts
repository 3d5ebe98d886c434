import { DateTime } from "luxon";
import type { Kysely } from "kysely";
import { z } from "zod";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { defineJob, type JobDefinition } from "../platform/jobs/job.js";
import { enqueueJob } from "../platform/jobs/jobs.repository.js";
import { dispatchDue, type DispatchSettings } from "./dispatch.js";
import { cancelClosedMessages } from "./outbox.repository.js";
import { planWaveMessages } from "./plan-messages.js";

export const dispatchJobName = "communications.dispatch";
export const hourlyJobName = "communications.hourly";

/**
 * Asks for a dispatch at the start of the next minute (or now). Every caller asks for the same
 * minute, so however many ask, one dispatch runs per minute.
 */
export async function scheduleDispatch(
  db: Kysely<Database>,
  options: { now?: Date; immediately?: boolean } = {},
): Promise<void> {
  const now = DateTime.fromJSDate(options.now ?? clock.now(), { zone: "utc" });
  const runAt = options.immediately
    ? now.startOf("minute")
    : now.startOf("minute").plus({ minutes: 1 });
  await enqueueJob(db, {
    name: dispatchJobName,
    payload: {},
    runAt: options.immediately ? now.toJSDate() : runAt.toJSDate(),
    idempotencyKey: `${dispatchJobName}:${runAt.toISO()}${options.immediately ? ":now" : ""}`,
  });
}

/** Enqueues the hourly communications pass at the start of the next hour (once, whoever asks). */
export async function scheduleCommunicationsPass(
  db: Kysely<Database>,
  now = clock.now(),
): Promise<void> {
  const next = DateTime.fromJSDate(now, { zone: "utc" }).startOf("hour").plus({ hours: 1 });
  await enqueueJob(db, {
    name: hourlyJobName,
    payload: {},
    runAt: next.toJSDate(),
    idempotencyKey: `${hourlyJobName}:${next.toISO()}`,
  });
}

/** Plans every launched wave's messages for the horizon ahead. */
export async function planAllWaves(
  db: Kysely<Database>,
  now = clock.now(),
): Promise<{ waveId: string; planned: number; error?: string }[]> {
  const waves = await db
    .selectFrom("rollout_waves")
    .select("id")
    .where("status", "=", "launched")
    .execute();
  const results: { waveId: string; planned: number; error?: string }[] = [];
  for (const { id } of waves) {
    try {
      const plan = await db
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId: id, now }));
      results.push({ waveId: id, planned: plan.rules.reduce((s, r) => s + r.planned, 0) });
    } catch (error) {
      results.push({ waveId: id, planned: 0, error: String(error) });
    }
  }
  return results;
}

/** The communications jobs, sending through the given settings' transport. */
export function communicationJobs(settings: () => DispatchSettings): JobDefinition[] {
  const dispatch = defineJob({
    name: dispatchJobName,
    schema: z.object({}).loose(),
    maxAttempts: 3,
    async handler({ db, log }) {
      // The next run is asked for first, so a failing run never stops the chain.
      await scheduleDispatch(db);
      const result = await dispatchDue(db, settings());
      if (result.claimed > 0) log.info(result, "messages dispatched");
    },
  });

  const planAfterLaunch = defineJob({
    name: "communications.plan-after-launch",
    on: ["rollouts.wave_launched"],
    schema: z.object({ waveId: z.string() }).loose(),
    async handler({ db, payload, log }) {
      const plan = await db
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId: payload.waveId }));
      await scheduleDispatch(db, { immediately: true });
      log.info(
        { wave: payload.waveId, planned: plan.rules.reduce((s, r) => s + r.planned, 0) },
        "wave messages planned",
      );
    },
  });

  const hourly = defineJob({
    name: hourlyJobName,
    schema: z.object({}).loose(),
    async handler({ db, log }) {
      await scheduleCommunicationsPass(db);
      const cancelled = await db.transaction().execute((trx) => cancelClosedMessages(trx));
      const planned = await planAllWaves(db);
      for (const failed of planned.filter((p) => p.error))
        log.warn(
          { wave: failed.waveId, error: failed.error },
          "wave messages could not be planned",
        );
      await scheduleDispatch(db, { immediately: true });
      log.info(
        { cancelled, planned: planned.reduce((s, p) => s + p.planned, 0) },
        "hourly communications pass",
      );
    },
  });

  return [dispatch, planAfterLaunch, hourly];
}
