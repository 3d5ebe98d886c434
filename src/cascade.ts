import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import type { Config } from "./config.js";
import { resolveAudiencesJob } from "./audiences/audience-jobs.js";
import { audiencesRoutes } from "./audiences/audiences.routes.js";
import { importsRoutes } from "./directory/imports.routes.js";
import { peopleRoutes } from "./directory/people.routes.js";
import { authRoutes } from "./platform/auth/auth.routes.js";
import { connectDatabase, type Db } from "./platform/database/connect.js";
import { migrateToLatest, pendingMigrations } from "./platform/database/migrate.js";
import { buildApp } from "./platform/http/app.js";
import type { App, RoutesPlugin } from "./platform/http/context.js";
import { JobRegistry } from "./platform/jobs/job.js";
import { Worker } from "./platform/jobs/worker.js";
import { programsRoutes } from "./programs/programs.routes.js";
import { rolloutJobs, scheduleHourlyPass } from "./rollouts/rollout-jobs.js";
import { assignmentsRoutes } from "./rollouts/assignments.routes.js";
import { rolloutsRoutes } from "./rollouts/rollouts.routes.js";
import { matchActorsJob } from "./tracking/xapi/match-actors.js";
import { lrsAdminRoutes } from "./tracking/xapi/lrs.routes.js";
import { xapiRoutes } from "./tracking/xapi/xapi.routes.js";
import { completionsRoutes } from "./tracking/completions/completions.routes.js";
import { communicationsRoutes } from "./communications/communications.routes.js";
import {
  communicationJobs,
  scheduleCommunicationsPass,
} from "./communications/communication-jobs.js";
import { ensureDefaultTemplates } from "./communications/templates.js";
import { messagingFor, type Messaging } from "./communications/transport.js";

/** Every feature's routes, in the order of the rollout lifecycle. */
export const featureRoutes: RoutesPlugin[] = [
  authRoutes,
  peopleRoutes,
  importsRoutes,
  audiencesRoutes,
  programsRoutes,
  rolloutsRoutes,
  assignmentsRoutes,
  completionsRoutes,
  xapiRoutes,
  lrsAdminRoutes,
  communicationsRoutes,
];

/** Every feature's background jobs. Without a configuration, e-mails go to the local outbox. */
export function createJobRegistry(
  config?: Config,
  messaging: Messaging = messagingFor(
    config ?? {
      SMTP_URL: undefined,
      MAIL_FROM: "cascade@localhost",
      SMTP_POOL_SIZE: 1,
      PORT: 8080,
    },
  ),
): JobRegistry {
  return new JobRegistry().register(
    resolveAudiencesJob,
    ...rolloutJobs,
    matchActorsJob,
    ...communicationJobs(() => messaging.settings()),
  );
}

/** The built web app, next to the sources or the compiled output. */
export const webRoot = fileURLToPath(
  new URL(import.meta.url.includes("/dist/") ? "../../web/dist" : "../web/dist", import.meta.url),
);

export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ level: config.LOG_LEVEL });
}

/** Opens the database and brings its schema (and the built-in message templates) up to date. */
export async function openDatabase(config: Pick<Config, "DATABASE_URL">): Promise<Db> {
  const db = connectDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    await ensureDefaultTemplates(db.kysely);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export interface Cascade {
  db: Db;
  app: App;
  worker: Worker | undefined;
  registry: JobRegistry;
  log: Logger;
  close(): Promise<void>;
}

/** Assembles the whole platform on an open database: HTTP app, job registry and (optionally) worker. */
export async function createCascade(options: {
  config: Config;
  db: Db;
  log?: Logger;
  withWorker?: boolean;
}): Promise<Cascade> {
  const { config, db } = options;
  const log = options.log ?? createLogger(config);
  const messaging = messagingFor(config);
  const registry = createJobRegistry(config, messaging);
  // On a current schema (an unmigrated one is reported by /readyz instead).
  if ((await pendingMigrations(db)).length === 0) await ensureDefaultTemplates(db.kysely);
  const worker = options.withWorker
    ? new Worker({
        db: db.kysely,
        registry,
        log,
        concurrency: config.WORKER_CONCURRENCY,
        pollMs: config.WORKER_POLL_MS,
      })
    : undefined;
  // A process that works jobs makes sure the hourly pass is scheduled (idempotent across processes).
  if (worker) {
    await scheduleHourlyPass(db.kysely);
    await scheduleCommunicationsPass(db.kysely);
  }
  const app = await buildApp({ db, config, registry, log, worker, routes: featureRoutes, webRoot });
  return {
    db,
    app,
    worker,
    registry,
    log,
    async close() {
      await worker?.stop();
      messaging.close();
      await app.close();
      await db.close();
    },
  };
}
