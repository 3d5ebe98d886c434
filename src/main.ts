#!/usr/bin/env node
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { createCascade, createJobRegistry, createLogger, openDatabase } from "./cascade.js";
import { registerLrsCommands } from "./cli/lrs-commands.js";
import { registerCompletionCommands } from "./cli/completion-commands.js";
import { registerRolloutCommands } from "./cli/rollout-commands.js";
import { loadDemoRollouts } from "./rollouts/load-demo-rollouts.js";
import { replayDemoCommunications } from "./communications/load-demo-communications.js";
import { scheduleCommunicationsPass } from "./communications/communication-jobs.js";
import { loadDemoLearningRecords } from "./tracking/xapi/load-demo-learning-records.js";
import { scheduleHourlyPass } from "./rollouts/rollout-jobs.js";
import { loadConfig, type Config } from "./config.js";
import { generateDemoOrg } from "./directory/demo-org.js";
import { writePeopleCsv } from "./directory/export-people.js";
import { importPeople } from "./directory/import-people.js";
import type { ImportReport } from "./directory/import-report.js";
import { detectFormat } from "./directory/imports.routes.js";
import { mappingSchema } from "./directory/people-file.js";
import { directoryIsEmpty, loadDemoOrganisation, type DemoUser } from "./directory/load-demo.js";
import { findUserForSignIn } from "./platform/auth/auth.repository.js";
import { ensureFirstAdmin } from "./platform/auth/ensure-admin.js";
import { generatePassword } from "./platform/auth/password.js";
import { roles, systemActor, type Role } from "./platform/auth/roles.js";
import { createUser, issueApiToken } from "./platform/auth/users.js";
import { describeDatabaseUrl, type Db } from "./platform/database/connect.js";
import type { JobRegistry } from "./platform/jobs/job.js";
import { isAppError } from "./platform/errors.js";
import { Worker } from "./platform/jobs/worker.js";
import { clearProgress, terminalProgress } from "./platform/progress.js";

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError("expected a positive whole number");
  return n;
};
const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("expected a port from 0 to 65535");
  return n;
};
const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Reads a column-mapping file, saying what is wrong with it and where. */
function readMapping(file: string): Record<string, string | null> {
  if (!existsSync(file)) throw new Error(`No such mapping file: ${file}`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`The mapping file ${file} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `The mapping file ${file} must be a JSON object from file column names to Cascade column names (or null).`,
    );
  }
  return parsed.data;
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

function describeReport(report: ImportReport): string {
  const s = report.summary;
  const lines = [
    `${report.dryRun ? "Dry run" : "Import"} of ${report.fileName} (${report.mode}): ${report.status}`,
    `  rows ${report.rowCount}, valid ${report.validRowCount}, errors ${report.errorCount}`,
    `  joiners ${s.joiners}, movers ${s.movers}, leavers ${s.leavers}, rejoiners ${s.rejoiners}, unchanged ${s.unchanged}`,
  ];
  for (const e of report.errors.slice(0, 20))
    lines.push(`  line ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.message}`);
  if (report.errorCount > 20)
    lines.push(`  … and ${report.errorCount - 20} more (use --json for the first 1,000)`);
  return lines.join("\n");
}

function describeDemoUsers(users: DemoUser[], password: string): string {
  if (users.length === 0) return "";
  const rows = users.map((u) => `    ${u.email.padEnd(44)} ${u.role.padEnd(14)} ${u.description}`);
  return `  Demo users (password ${password}):\n${rows.join("\n")}\n`;
}

/**
 * The demo's rollouts on top of its organisation: the pilot's three weeks (messages replayed into
 * the local outbox, then everyone's progress) and the learning records that reported it.
 */
async function loadDemoActivity(db: Db, registry: JobRegistry, config: Config): Promise<void> {
  await loadDemoRollouts({
    db: db.kysely,
    registry,
    afterLaunch: async ({ startedOn }) => {
      await replayDemoCommunications(db.kysely, {
        from: new Date(`${startedOn}T00:00:00Z`),
        publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      });
    },
  });
  await loadDemoLearningRecords(db.kysely);
}

async function serve(
  config: Config,
  options: { demo: boolean; demoPeople: number; seed: string },
): Promise<void> {
  const log = createLogger(config);
  const db = await openDatabase(config);
  const cascade = await createCascade({ config, db, log, withWorker: config.WORKER_IN_PROCESS });
  const admin = await ensureFirstAdmin(db.kysely, {
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
  });
  let demoText = "";
  if (options.demo && (await directoryIsEmpty(db.kysely))) {
    const password = admin?.password ?? generatePassword();
    const progress = terminalProgress();
    const { report, users } = await loadDemoOrganisation({
      db: db.kysely,
      registry: cascade.registry,
      people: options.demoPeople,
      seed: options.seed,
      password: admin ? password : undefined,
      onProgress: progress,
    });
    progress("rollouts");
    await loadDemoActivity(db, cascade.registry, config);
    clearProgress();
    demoText = `  Loaded a demo organisation of ${report.summary.joiners.toLocaleString("en-US")} people.\n${describeDemoUsers(users, password)}`;
  }
  const address = await cascade.app.listen({ port: config.PORT, host: config.HOST });
  cascade.worker?.start();
  const url =
    config.PUBLIC_URL ?? address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
  process.stdout.write(
    `\nCascade is running at ${url} (database ${describeDatabaseUrl(config.DATABASE_URL)})\n` +
      (admin ? `  Sign in as ${admin.email} with password ${admin.password}\n` : "") +
      demoText +
      `  API documentation: ${url}/api/docs\n\n`,
  );
  const stop = async () => {
    await cascade.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

function buildProgram(): Command {
  const program = new Command()
    .name("cascade")
    .description(
      "Cascade runs corporate training rollouts from the first pilot to the whole enterprise.",
    )
    .showHelpAfterError();

  program
    .command("serve")
    .description("Start the HTTP API and web app (and a job worker unless WORKER_IN_PROCESS=false)")
    .addOption(
      new Option("--port <n>", "port to listen on (default: PORT or 8080)").argParser(port),
    )
    .option("--demo", "load a demo organisation if the directory is empty", false)
    .addOption(
      new Option("--demo-people <n>", "size of that demo organisation")
        .argParser(positiveInt)
        .default(5000),
    )
    .option("--seed <s>", "seed of the demo organisation", "cascade")
    .action(async (opts: { port?: number; demo: boolean; demoPeople: number; seed: string }) => {
      const config = loadConfig();
      await serve(opts.port === undefined ? config : { ...config, PORT: opts.port }, opts);
    });

  program
    .command("worker")
    .description("Run background jobs (several workers may share one PostgreSQL database)")
    .action(async () => {
      const config = loadConfig();
      const log = createLogger(config);
      const db = await openDatabase(config);
      const worker = new Worker({
        db: db.kysely,
        registry: createJobRegistry(config),
        log,
        concurrency: config.WORKER_CONCURRENCY,
        pollMs: config.WORKER_POLL_MS,
      });
      await scheduleHourlyPass(db.kysely);
      await scheduleCommunicationsPass(db.kysely);
      worker.start();
      log.info({ worker: worker.id }, "worker started");
      const stop = async () => {
        await worker.stop();
        await db.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });

  program
    .command("migrate")
    .description("Bring the database schema up to date")
    .option("--json", "print JSON", false)
    .action(async (opts: { json: boolean }) => {
      const config = loadConfig();
      const db = await openDatabase(config);
      await db.close();
      print(
        opts.json,
        { database: describeDatabaseUrl(config.DATABASE_URL), status: "current" },
        `The schema of ${describeDatabaseUrl(config.DATABASE_URL)} is current.`,
      );
    });

  const importCommand = program.command("import").description("Import data files");
  importCommand
    .command("people <file>")
    .description("Synchronise the people directory with an HRIS export (CSV or JSON lines)")
    .option("--dry-run", "show what would change without changing anything", false)
    .addOption(
      new Option("--mode <mode>", "full export (absent people leave) or delta (changes only)")
        .choices(["full", "delta"])
        .default("full"),
    )
    .addOption(
      new Option("--format <format>", "file format (default: from the extension)").choices([
        "csv",
        "jsonl",
      ]),
    )
    .option("--mapping <file>", "JSON file mapping the file's column names to Cascade's")
    .option("--apply-valid-rows", "apply the valid rows even if some rows have errors", false)
    .option("--json", "print the report as JSON", false)
    .action(
      async (
        file: string,
        opts: {
          dryRun: boolean;
          mode: "full" | "delta";
          format?: string;
          mapping?: string;
          applyValidRows: boolean;
          json: boolean;
        },
      ) => {
        if (!existsSync(file)) throw new Error(`No such file: ${file}`);
        const mapping = opts.mapping ? readMapping(opts.mapping) : {};
        const config = loadConfig();
        const db = await openDatabase(config);
        const progress = terminalProgress(!opts.json && process.stderr.isTTY);
        try {
          const report = await importPeople({
            db: db.kysely,
            registry: createJobRegistry(),
            source: {
              kind: "file",
              input: createReadStream(file),
              fileName: basename(file),
              format: detectFormat(file, opts.format),
              mapping,
            },
            mode: opts.mode,
            dryRun: opts.dryRun,
            applyValidRows: opts.applyValidRows,
            actor: systemActor,
            onProgress: progress,
          });
          clearProgress(!opts.json && process.stderr.isTTY);
          print(opts.json, report, describeReport(report));
          // A dry run that finds errors fails too, so scripts can check a file before applying it.
          if (report.errorCount > 0 && report.status !== "applied") process.exitCode = 2;
        } catch (error) {
          clearProgress(!opts.json && process.stderr.isTTY);
          if (isAppError(error) && error.code === "validation_failed") {
            print(opts.json, error.details, describeReport(error.details as ImportReport));
            process.exitCode = 2;
          } else throw error;
        } finally {
          await db.close();
        }
      },
    );

  program
    .command("demo")
    .description("Load a realistic demo organisation, or write it as a CSV file")
    .addOption(
      new Option("--people <n>", "number of people (up to 500,000)")
        .argParser(positiveInt)
        .default(5000),
    )
    .option("--seed <s>", "seed: the same seed gives the same organisation", "cascade")
    .option("--csv <file>", "write an HRIS-style CSV file instead of loading the database")
    .option("--json", "print JSON", false)
    .action(async (opts: { people: number; seed: string; csv?: string; json: boolean }) => {
      if (opts.people > 500_000) throw new InvalidArgumentError("--people is at most 500,000");
      if (opts.csv) {
        await writePeopleCsv(opts.csv, generateDemoOrg({ people: opts.people, seed: opts.seed }));
        print(
          opts.json,
          { file: opts.csv, people: opts.people },
          `Wrote ${opts.people.toLocaleString("en-US")} people to ${opts.csv}.`,
        );
        return;
      }
      const config = loadConfig();
      const db = await openDatabase(config);
      try {
        // The demo is a full export: loaded over a real directory it would make everyone a leaver.
        if (!(await directoryIsEmpty(db.kysely))) {
          throw new Error(
            `The directory of ${describeDatabaseUrl(config.DATABASE_URL)} already has people; cascade demo loads only into an empty directory (point DATABASE_URL at a new database).`,
          );
        }
        const progress = terminalProgress(!opts.json && process.stderr.isTTY);
        const { report } = await loadDemoOrganisation({
          db: db.kysely,
          registry: createJobRegistry(),
          people: opts.people,
          seed: opts.seed,
          onProgress: progress,
        });
        progress("rollouts");
        await loadDemoActivity(db, createJobRegistry(config), config);
        clearProgress(!opts.json && process.stderr.isTTY);
        print(opts.json, report, describeReport(report));
      } finally {
        await db.close();
      }
    });

  const users = program.command("users").description("Manage users");
  users
    .command("create")
    .description("Create a user (prints a generated password unless --password is given)")
    .requiredOption("--email <email>", "e-mail address (the sign-in name)")
    .requiredOption("--name <name>", "display name")
    .addOption(new Option("--role <role>", "role").choices(roles).makeOptionMandatory())
    .option("--password <password>", "password (at least 10 characters)")
    .option("--region <region>", "regional lead: a region they see (repeatable)", collect, [])
    .option("--division <division>", "regional lead: a division they see (repeatable)", collect, [])
    .option("--person <externalId>", "manager or learner: their external id in the directory")
    .option("--json", "print JSON", false)
    .action(
      async (opts: {
        email: string;
        name: string;
        role: Role;
        password?: string;
        region: string[];
        division: string[];
        person?: string;
        json: boolean;
      }) => {
        const config = loadConfig();
        const db = await openDatabase(config);
        try {
          const password = opts.password ?? generatePassword();
          const user = await createUser(db.kysely, {
            email: opts.email,
            name: opts.name,
            role: opts.role,
            password,
            regions: opts.region,
            divisions: opts.division,
            personId: opts.person ?? null,
          });
          print(
            opts.json,
            { ...user, password: opts.password ? undefined : password },
            `Created ${user.role} ${user.email}${opts.password ? "" : ` with password ${password}`}.`,
          );
        } finally {
          await db.close();
        }
      },
    );

  const tokens = program.command("tokens").description("Manage API tokens");
  tokens
    .command("create")
    .description("Create an API token for a user; it is shown once")
    .requiredOption("--user <email>", "the user the token acts as")
    .requiredOption("--name <name>", "what the token is for, e.g. 'HRIS sync'")
    .option("--json", "print JSON", false)
    .action(async (opts: { user: string; name: string; json: boolean }) => {
      const config = loadConfig();
      const db = await openDatabase(config);
      try {
        const found = await findUserForSignIn(db.kysely, opts.user);
        if (!found) throw new Error(`No user with e-mail ${opts.user}.`);
        const token = await issueApiToken(db.kysely, { userId: found.user.id, name: opts.name });
        print(
          opts.json,
          token,
          `Token for ${found.user.email} (${opts.name}):\n${token.token}\nSend it as: Authorization: Bearer <token>`,
        );
      } finally {
        await db.close();
      }
    });
  registerRolloutCommands(program, print);
  registerCompletionCommands(program, print);
  registerLrsCommands(program, print);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = isAppError(error) || error instanceof Error ? error.message : String(error);
    process.stderr.write(`cascade: ${message}\n`);
    process.exit(1);
  });
