import { existsSync } from "node:fs";
import { z } from "zod";

/**
 * Every setting Cascade reads, from the environment (and an optional `.env` file in the working
 * directory). Validated once at start-up; a wrong value stops the process with a clear message.
 */
const configSchema = z.object({
  /** `sqlite:<path>` (default) or `postgres://user:pass@host:port/db`. */
  DATABASE_URL: z
    .string()
    .default("sqlite:./data/cascade.db")
    .refine((v) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(v), {
      message: "must start with sqlite: or postgres://",
    }),
  /** HTTP port for `cascade serve`. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to listen on. */
  HOST: z.string().default("0.0.0.0"),
  /** Public URL of the web app, used in links and to decide whether cookies are Secure. */
  PUBLIC_URL: z.string().url().optional(),
  /** trace | debug | info | warn | error | fatal | silent */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** How long a web session stays valid without activity, in hours. */
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Number of jobs a worker runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Milliseconds between polls of the job table when it is idle. */
  WORKER_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /** Run the job worker inside `cascade serve` (set false when running `cascade worker` apart). */
  WORKER_IN_PROCESS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Sign-in attempts allowed per minute for one e-mail address from one client address. */
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** E-mail of the admin created on first start when there are no users. */
  ADMIN_EMAIL: z.string().email().default("admin@cascade.local"),
  /** Password of that admin; generated and printed when not set. */
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** Largest accepted upload (people or completion files), in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().positive().default(512),
  /**
   * xAPI account home pages (comma-separated) whose accounts name people: a statement's actor
   * `{ account: { homePage, name } }` on one of them maps to the person whose external id or
   * e-mail is `name`.
   */
  XAPI_ACCOUNT_HOME_PAGES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /**
   * Mail server for e-mail, `smtp://user:password@host:port` or `smtps://…`. Without it, e-mails
   * are kept in the local outbox and shown in the web app instead of being sent.
   */
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^smtps?:\/\//.test(v), {
      message: "must start with smtp:// or smtps://",
    })
    .transform((v) => (v ? v : undefined)),
  /** The sender of e-mails, e.g. `"Learning team" <learning@example.com>`. */
  MAIL_FROM: z.string().default('"Cascade" <cascade@localhost>'),
  /** SMTP connections kept open and reused (shared among the sending threads). */
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * Worker threads that build and send e-mails beside the dispatcher (0: on the main thread).
   * Building MIME messages costs most of a send's CPU; threads let it use other cores.
   */
  SMTP_THREADS: z.coerce.number().int().min(0).max(16).default(2),
});

export type Config = z.infer<typeof configSchema>;

/** Reads and validates the configuration; throws an Error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync(".env")) process.loadEnvFile(".env");
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
