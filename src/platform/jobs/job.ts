import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Database } from "../database/schema.js";

/** What a job handler receives. It opens its own transactions on `db`. */
export interface JobContext<P> {
  db: Kysely<Database>;
  payload: P;
  jobId: number;
  attempt: number;
  log: Logger;
}

/**
 * A kind of background job: a name, a schema for its payload and an idempotent handler.
 * Handlers may run more than once (after a crash or a retry) and must tolerate it.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** Domain event types this job reacts to: one job is enqueued per recorded event. */
  on?: string[];
  handler(ctx: JobContext<z.infer<S>>): Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** The jobs this process knows, by name. Features register theirs at start-up. */
export class JobRegistry {
  private readonly jobs = new Map<string, JobDefinition>();

  register(...defs: JobDefinition[]): this {
    for (const def of defs) {
      if (this.jobs.has(def.name)) throw new Error(`Job ${def.name} is registered twice`);
      this.jobs.set(def.name, def);
    }
    return this;
  }

  get(name: string): JobDefinition | undefined {
    return this.jobs.get(name);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  subscribersOf(eventType: string): JobDefinition[] {
    return [...this.jobs.values()].filter((j) => j.on?.includes(eventType));
  }
}
