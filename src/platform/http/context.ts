import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import type { Db } from "../database/connect.js";
import type { JobRegistry } from "../jobs/job.js";
import type { Worker } from "../jobs/worker.js";

/** What every feature's routes receive. */
export interface AppDeps {
  db: Db;
  config: Config;
  registry: JobRegistry;
  log: Logger;
  /** The in-process worker, when there is one: nudged after enqueueing work. */
  worker?: Worker;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A feature's HTTP routes. */
export type RoutesPlugin = (app: App, deps: AppDeps) => void;
