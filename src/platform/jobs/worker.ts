import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { clock } from "../clock.js";
import type { Database, JobRow } from "../database/schema.js";
import type { JobRegistry } from "./job.js";
import { claimJobs, completeJob, failJob } from "./jobs.repository.js";

export interface WorkerOptions {
  db: Kysely<Database>;
  registry: JobRegistry;
  log: Logger;
  concurrency: number;
  pollMs: number;
  /** How long a claimed job is leased before another worker may take it over. */
  leaseMs?: number;
}

/** Delay before retry n (1-based): 2^n seconds, capped at one hour, with ±20% jitter. */
export function retryDelayMs(attempt: number): number {
  const base = Math.min(3_600_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * A worker loop that claims due jobs and runs their handlers. `runOnce` drains what is due now
 * (used by tests and the CLI); `start` polls until `stop` is called.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: WorkerOptions) {}

  /** Runs every job due now; returns how many ran. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claimJobs(this.options.db, {
        workerId: this.id,
        limit: this.options.concurrency,
        leaseMs: this.options.leaseMs ?? 5 * 60_000,
        names: this.options.registry.names(),
      });
      if (jobs.length === 0) return total;
      await Promise.all(jobs.map((job) => this.run(job)));
      total += jobs.length;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          const ran = await this.runOnce();
          if (ran > 0) continue;
        } catch (error) {
          this.options.log.error({ err: error }, "job worker poll failed");
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  /** Asks the loop to poll now instead of waiting (after enqueueing work in this process). */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(job: JobRow): Promise<void> {
    const { db, registry, log } = this.options;
    const def = registry.get(job.name);
    const jobLog = log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    try {
      if (!def) throw new Error(`No handler is registered for job ${job.name}`);
      const payload: unknown = def.schema.parse(JSON.parse(job.payload));
      await def.handler({ db, payload, jobId: job.id, attempt: job.attempts, log: jobLog });
      await completeJob(db, job.id, this.id);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const retry = job.attempts < job.max_attempts;
      jobLog[retry ? "warn" : "error"](
        { err: error },
        retry ? "job failed; will retry" : "job failed for good",
      );
      await failJob(db, {
        id: job.id,
        workerId: this.id,
        error: message,
        retryAt: retry ? new Date(clock.now().getTime() + retryDelayMs(job.attempts)) : null,
      });
    }
  }
}
