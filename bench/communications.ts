import { spawn } from "node:child_process";
import { join } from "node:path";
import { sendPolicySchema } from "../src/communications/cadence.js";
import { defaultMandatoryCadence } from "../src/communications/cadence.js";
import { saveCadence } from "../src/communications/cadences.js";
import { dispatchDue } from "../src/communications/dispatch.js";
import { planWaveMessages } from "../src/communications/plan-messages.js";
import { localTransport, smtpTransport } from "../src/communications/transport.js";
import { systemActor } from "../src/platform/auth/roles.js";
import type { Db } from "../src/platform/database/connect.js";
import { JobRegistry } from "../src/platform/jobs/job.js";
import { loadConfig } from "../src/config.js";
import { launchWave } from "../src/rollouts/launch-wave.js";
import { benchDir, seconds, type Benchmark, type BenchSize, type Figure } from "./harness.js";
import { directoryCopy, wholeDirectoryWave } from "./rollouts.js";

const registry = new JobRegistry();

/** Launches the whole-directory wave and returns its rollout and wave. */
async function launchedWave(db: Db): Promise<{ waveId: string; rolloutId: string }> {
  const waveId = await wholeDirectoryWave(db);
  await db.kysely
    .transaction()
    .execute((trx) =>
      launchWave(trx, { waveId, actor: systemActor, registry, feasibility: "assign_anyway" }),
    );
  const wave = await db.kysely
    .selectFrom("rollout_waves")
    .select("rollout_id")
    .where("id", "=", waveId)
    .executeTakeFirstOrThrow();
  return { waveId, rolloutId: wave.rollout_id };
}

async function countOutbox(db: Db, purpose: string): Promise<number> {
  const row = await db.kysely
    .selectFrom("outbox_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("purpose", "=", purpose)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Planning the default mandatory cadence for a wave of the whole directory (500,000 people at
 * full size, SQLite): at launch (a launch message per learner and a briefing per manager), then
 * three days before the due date (a reminder per learner who has not completed).
 */
export const communicationsPlan: Benchmark = {
  name: "communications-plan",
  description: "Plan a cadence's messages into the outbox for a 500,000-person wave (SQLite)",
  async run(size: BenchSize): Promise<Figure[]> {
    const people = size === "full" ? 500_000 : 2_000;
    const { db, drop } = await directoryCopy("sqlite", people);
    try {
      const { waveId, rolloutId } = await launchedWave(db);
      // The default mandatory cadence, sending on any day of the week, so that the due-date
      // reminders of the measurement fall inside the horizon whatever today's weekday.
      const cadence = defaultMandatoryCadence();
      await saveCadence(db.kysely, {
        rolloutId,
        waveId: null,
        input: { ...cadence, policy: { ...cadence.policy, workingDaysOnly: false } },
        actor: null,
      });
      let started = performance.now();
      await db.kysely.transaction().execute((trx) => planWaveMessages(trx, { waveId }));
      const atLaunchMs = performance.now() - started;
      const launch = await countOutbox(db, "launch");
      const briefings = await countOutbox(db, "manager_briefing");
      // Three days before the (30-day) deadline, the "deadline approaching" rule comes within
      // the 48-hour horizon for everyone.
      const today = new Date(new Date().toISOString().slice(0, 10));
      const beforeDue = new Date(today.getTime() + 27 * 86_400_000);
      started = performance.now();
      await db.kysely
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId, now: beforeDue }));
      const beforeDueMs = performance.now() - started;
      const reminders = await countOutbox(db, "deadline_approaching");
      started = performance.now();
      await db.kysely
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId, now: beforeDue }));
      const againMs = performance.now() - started;
      const target = size === "full" ? { max: 15 } : undefined;
      return [
        { name: "people in the wave", value: people, unit: "people" },
        {
          name: `plan at launch: ${(launch + briefings).toLocaleString("en-US")} messages`,
          value: seconds(atLaunchMs),
          unit: "s",
          target,
        },
        {
          name: `plan the due-date reminders: ${reminders.toLocaleString("en-US")} messages`,
          value: seconds(beforeDueMs),
          unit: "s",
          target,
        },
        { name: "plan again (nothing new to write)", value: seconds(againMs), unit: "s" },
      ];
    } finally {
      await drop();
    }
  },
};

function startSink(): Promise<{
  port: number;
  received: () => Promise<number>;
  stop: () => Promise<void>;
}> {
  const child = spawn(process.execPath, ["--import", "tsx", join(benchDir, "smtp-sink.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: ((line: string) => void)[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let at;
    while ((at = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      lines.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => lines.push(resolve));
  return next().then((line) => ({
    port: (JSON.parse(line) as { port: number }).port,
    received: async () => {
      const answer = next();
      child.stdin.write("count\n");
      return (JSON.parse(await answer) as { received: number }).received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  }));
}

/**
 * Dispatching due e-mails to a local SMTP server (in its own process) through a pool of
 * connections: claim, render in each recipient's language, send, record.
 */
export const communicationsDispatch: Benchmark = {
  name: "communications-dispatch",
  description: "Dispatch due messages to a local SMTP server with a connection pool (SQLite)",
  async run(size: BenchSize): Promise<Figure[]> {
    const people = size === "full" ? 20_000 : 2_000;
    const { db, drop } = await directoryCopy("sqlite", people);
    const sink = await startSink();
    const transport = smtpTransport({
      url: `smtp://127.0.0.1:${sink.port}`,
      from: "bench@example.com",
      maxConnections: 10,
      threads: Number(process.env.BENCH_SMTP_THREADS ?? loadConfig({}).SMTP_THREADS),
    });
    try {
      const waveId = await wholeDirectoryWave(db);
      const wave = await db.kysely
        .selectFrom("rollout_waves")
        .select("rollout_id")
        .where("id", "=", waveId)
        .executeTakeFirstOrThrow();
      // Launch messages only, with no quiet hours, rest days or caps: every message is due now.
      const cadence = defaultMandatoryCadence();
      await saveCadence(db.kysely, {
        rolloutId: wave.rollout_id,
        waveId: null,
        input: {
          name: "Launch only",
          rules: cadence.rules.filter((r) => r.id === "launch"),
          policy: sendPolicySchema.parse({
            quietFrom: "00:00",
            quietUntil: "00:00",
            workingDaysOnly: false,
            maxPerDay: 20,
            maxPerWeek: 50,
          }),
        },
        actor: null,
      });
      await db.kysely
        .transaction()
        .execute((trx) =>
          launchWave(trx, { waveId, actor: systemActor, registry, feasibility: "assign_anyway" }),
        );
      // Planned within the hour; dispatched a day later, when every launch message is due.
      await db.kysely
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId, now: new Date(Date.now() + 3_600_000) }));
      const later = new Date(Date.now() + 25 * 3_600_000);
      const due = await countOutbox(db, "launch");
      const started = performance.now();
      const result = await dispatchDue(db.kysely, {
        transport: process.env.BENCH_TRANSPORT === "local" ? localTransport() : transport,
        publicUrl: "https://cascade.example.com",
        messageIdDomain: "example.com",
        batchSize: 1000,
        now: () => later,
      });
      const ms = performance.now() - started;
      const received = await sink.received();
      if (process.env.BENCH_TRANSPORT !== "local" && received !== result.sent)
        throw new Error(
          `The server received ${received} messages; ${result.sent} were recorded sent`,
        );
      return [
        { name: "messages due", value: due, unit: "messages" },
        { name: "messages sent", value: result.sent, unit: "messages" },
        {
          name: "dispatch rate (claim, render, SMTP, record)",
          value: Math.round(result.sent / (ms / 1000)),
          unit: "messages/s",
          target: size === "full" ? { min: 1000 } : undefined,
        },
      ];
    } finally {
      transport.close();
      await sink.stop();
      await drop();
    }
  },
};
