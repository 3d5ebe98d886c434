import { DateTime } from "luxon";
import { z } from "zod";
import { resolveAllAudiences } from "../audiences/manage-audiences.js";
import { directoryChangedEvent } from "../directory/import-people.js";
import { clock } from "../platform/clock.js";
import { defineJob } from "../platform/jobs/job.js";
import { enqueueJob } from "../platform/jobs/jobs.repository.js";
import type { Database } from "../platform/database/schema.js";
import type { Kysely } from "kysely";
import { evaluateGate } from "./evaluate-gate.js";
import { listGatesAwaitingDecision } from "./rollouts.repository.js";
import { sweepAssignments } from "./sweep-assignments.js";
import { syncAllWaves } from "./sync-wave-assignments.js";

/** After a directory import, every live wave's assignments follow joiners, movers and leavers. */
export const syncWavesJob = defineJob({
  name: "rollouts.sync-after-directory-change",
  on: [directoryChangedEvent],
  schema: z.object({ importId: z.string().optional() }).loose(),
  async handler({ db, payload, log }) {
    const results = await syncAllWaves(db, {
      cause: payload.importId ? `directory import ${payload.importId}` : "directory change",
    });
    for (const failed of results.filter((r) => r.error))
      log.warn({ wave: failed.waveId, error: failed.error }, "wave could not be synchronised");
    log.info({ waves: results.length }, "waves synchronised with the directory");
  },
});

export const sweepJobName = "rollouts.hourly";

/** Enqueues the hourly pass at the start of the next hour (once, whoever asks). */
export async function scheduleHourlyPass(db: Kysely<Database>, now = clock.now()): Promise<void> {
  const next = DateTime.fromJSDate(now, { zone: "utc" }).startOf("hour").plus({ hours: 1 });
  await enqueueJob(db, {
    name: sweepJobName,
    payload: {},
    runAt: next.toJSDate(),
    idempotencyKey: `${sweepJobName}:${next.toISO()}`,
  });
}

/**
 * Every hour: overdue assignments and lapsed exemptions, audiences with relative dates, waves
 * catching up (a blackout ended, a rule's date moved), and gate criteria evaluated for gates
 * awaiting a decision. Then it schedules the next hour.
 */
export const hourlyPassJob = defineJob({
  name: sweepJobName,
  schema: z.object({}).loose(),
  async handler({ db, log }) {
    // The next pass is scheduled first, so a failing pass never stops the chain.
    await scheduleHourlyPass(db);
    const swept = await db.transaction().execute((trx) => sweepAssignments(trx));
    for (const r of await resolveAllAudiences(db, { cause: "hourly check" }))
      if (r.error)
        log.warn({ audience: r.audience, error: r.error }, "audience rule no longer compiles");
    const synced = await syncAllWaves(db, { cause: "hourly check" });
    for (const failed of synced.filter((r) => r.error))
      log.warn({ wave: failed.waveId, error: failed.error }, "wave could not be synchronised");
    for (const phaseId of await listGatesAwaitingDecision(db)) {
      try {
        await db
          .transaction()
          .execute((trx) => evaluateGate(trx, { phaseId, trigger: "schedule" }));
      } catch (error) {
        log.warn({ phase: phaseId, error: String(error) }, "gate could not be evaluated");
      }
    }
    log.info(swept, "hourly rollout pass");
  },
});

export const rolloutJobs = [syncWavesJob, hourlyPassJob];
