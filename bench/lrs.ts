import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, copyFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { createCascade, openDatabase } from "../src/cascade.js";
import { loadConfig } from "../src/config.js";
import { systemActor } from "../src/platform/auth/roles.js";
import { JobRegistry } from "../src/platform/jobs/job.js";
import { launchWave } from "../src/rollouts/launch-wave.js";
import { createLrsClient } from "../src/tracking/xapi/lrs-clients.js";
import { statementKeys, type Statement } from "../src/tracking/xapi/statement.js";
import {
  benchDir,
  dataDir,
  percentile,
  type Benchmark,
  type BenchSize,
  type Figure,
} from "./harness.js";
import { engines, type Engine } from "../src/test/databases.js";
import { directoryCopy, wholeDirectoryWave } from "./rollouts.js";

const courseIri = "https://bench.example/course";
const verbs = [
  "launched",
  "initialized",
  "progressed",
  "progressed",
  "completed",
  "passed",
  "terminated",
];

/** A cmi5-like statement: an actor, a verb, a lesson in a course, a registration, a result. */
function benchStatement(email: string, n: number, activity: string): Record<string, unknown> {
  const verb = verbs[n % verbs.length] ?? "progressed";
  const finished = verb === "completed" || verb === "passed";
  return {
    actor: { objectType: "Agent", name: email.split("@")[0], mbox: `mailto:${email}` },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-US": verb } },
    object: {
      objectType: "Activity",
      id: activity,
      definition: {
        name: { "en-US": "Code of Conduct — lesson" },
        type: "http://adlnet.gov/expapi/activities/lesson",
      },
    },
    ...(finished
      ? {
          result: {
            score: { scaled: 0.5 + (n % 50) / 100 },
            success: true,
            completion: true,
            duration: "PT14M30S",
          },
        }
      : {}),
    context: {
      registration: randomUUID(),
      contextActivities: {
        parent: [{ id: courseIri }],
        category: [{ id: "https://w3id.org/xapi/cmi5/context/categories/cmi5" }],
      },
      platform: "Bench LMS",
      language: "en-US",
    },
    timestamp: new Date(Date.now() - (n % 1000) * 1000).toISOString(),
  };
}

/** Starts the platform in its own process on `url`; returns its port and a stop function. */
async function startServer(url: string): Promise<{ port: number; stop: () => Promise<void> }> {
  // BENCH_SERVER_ARGS passes Node options to the server, e.g. "--cpu-prof" to profile it.
  const extra = process.env.BENCH_SERVER_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...extra, "--import", "tsx", join(benchDir, "lrs-server.ts"), url],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on("exit", (code) => reject(new Error(`the LRS server exited (${code})`)));
  });
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function postJson(agent: Agent, port: number, auth: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        port,
        host: "127.0.0.1",
        method: "POST",
        path: "/xapi/statements",
        headers: {
          authorization: auth,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-experience-api-version": "1.0.3",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 200)
            reject(
              new Error(`POST answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`),
            );
          else resolve(res.statusCode);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends every body with `workers` concurrent connections; returns the elapsed milliseconds. */
async function drive(
  port: number,
  auth: string,
  bodies: string[],
  workers: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] ?? "";
        await postJson(agent, port, auth, body);
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return elapsed;
}

async function ingestOn(engine: Engine, size: BenchSize): Promise<Figure[]> {
  const people = size === "full" ? 10_000 : 500;
  const batches = size === "full" ? 3_000 : 10;
  const singles = size === "full" ? 40_000 : 200;
  const { db, drop } = await directoryCopy(engine, people);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const waveId = await wholeDirectoryWave(db);
    await db.kysely.transaction().execute((trx) =>
      launchWave(trx, {
        waveId,
        actor: systemActor,
        registry: new JobRegistry(),
        feasibility: "assign_anyway",
      }),
    );
    const emails = (
      await db.kysely.selectFrom("people").select("email").where("email", "is not", null).execute()
    ).map((p) => p.email ?? "");
    const { client, secret } = await createLrsClient(db.kysely, { name: "Bench LMS" }, null);
    const auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString("base64")}`;
    const url = db.url;
    let n = 0;
    const statement = () => {
      n++;
      const email =
        n % 10 === 0
          ? `visitor${n % 997}@partner.example`
          : (emails[(n * 7919) % emails.length] ?? "x@example.com");
      const activity =
        n % 3 === 0 ? "https://bench.example/course" : `https://bench.example/lesson/${n % 40}`;
      return benchStatement(email, n, activity);
    };
    const batchBodies = Array.from({ length: batches }, () =>
      JSON.stringify(Array.from({ length: 100 }, statement)),
    );
    const singleBodies = Array.from({ length: singles }, () => JSON.stringify(statement()));
    server = await startServer(url);
    // Warm up: compile routes and statements, fill caches.
    await drive(server.port, auth, batchBodies.splice(0, Math.min(5, batchBodies.length - 1)), 1);
    const batchMs = await drive(server.port, auth, batchBodies, 4);
    const singleMs = await drive(server.port, auth, singleBodies, 8);
    const batched = batchBodies.length * 100;
    await server.stop();
    server = undefined;
    const progress = await db.kysely
      .selectFrom("assignments")
      .select((eb) => [eb.fn.countAll<number>().as("n"), "status"])
      .groupBy("status")
      .execute();
    const completed = progress.find((p) => p.status === "completed")?.n ?? 0;
    return [
      { name: `${engine}: people in the directory (one live wave)`, value: people, unit: "people" },
      {
        name: `${engine}: statements in 100-statement batches`,
        value: batched,
        unit: "statements",
      },
      {
        name: `${engine}: batch ingest (4 connections)`,
        value: Math.round(batched / (batchMs / 1000)),
        unit: "statements/s",
        target: size === "full" && engine === "sqlite" ? { min: 15_000 } : undefined,
      },
      {
        name: `${engine}: single POSTs, 8 concurrent clients`,
        value: Math.round(singleBodies.length / (singleMs / 1000)),
        unit: "statements/s",
        target: size === "full" && engine === "sqlite" ? { min: 2_000 } : undefined,
      },
      {
        name: `${engine}: assignments completed by the statements`,
        value: Number(completed),
        unit: "assignments",
      },
    ];
  } finally {
    await server?.stop();
    await drop();
  }
}

/**
 * Sustained ingest over real HTTP into a directory of people with a live wave: 100-statement
 * batches from 4 connections, then single statements from 8 concurrent clients. Nine in ten
 * statements are by people in the directory; the lesson of the wave's program is a third of them,
 * so statements also start and complete assignments as they arrive.
 */
export const lrsIngest: Benchmark = {
  name: "lrs-ingest",
  description:
    "xAPI statements/s: 100-statement batches and single POSTs (8 clients), SQLite (and PostgreSQL)",
  async run(size: BenchSize): Promise<Figure[]> {
    const figures: Figure[] = [];
    // BENCH_ENGINE=sqlite (or postgres) measures one engine only.
    const only = process.env.BENCH_ENGINE;
    for (const engine of engines.filter((e) => !only || e === only))
      figures.push(...(await ingestOn(engine, size)));
    return figures;
  },
};

/** Actors and activities of the query benchmark's synthetic history. */
const agents = (size: BenchSize) => (size === "full" ? 100_000 : 1_000);
const activities = (size: BenchSize) => (size === "full" ? 2_000 : 50);
const statementsOf = (size: BenchSize) => (size === "full" ? 10_000_000 : 20_000);

/**
 * A database holding `count` stored statements, built once (straight into the tables, in index
 * order) and cached under bench/data. Statement i is by agent i mod A about activity
 * (i * 7) mod C, in a course of 20, stored one second apart.
 */
async function statementHistory(size: BenchSize): Promise<string> {
  const count = statementsOf(size);
  const dir = join(dataDir, `sqlite-lrs-${count}`);
  const base = join(dir, "base.db");
  if (existsSync(base)) return base;
  mkdirSync(dir, { recursive: true });
  const building = join(dir, "building.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
  const db = await openDatabase({ DATABASE_URL: `sqlite:${building}` });
  const { client } = await createLrsClient(db.kysely, { name: "History" }, null);
  await db.close();
  const sqlite = new SQLite(building);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1048576");
  const indexes = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = 'xapi_statements' and sql is not null",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
  const A = agents(size);
  const C = activities(size);
  const start = Date.parse("2025-01-01T00:00:00Z");
  const authority = {
    objectType: "Agent",
    name: "History",
    account: { homePage: "https://cascade.invalid/xapi/clients", name: client.key },
  };
  const insert = sqlite.prepare(
    "insert into xapi_statements (seq, id, stored, actor_key, verb_id, activity_id, ref_id, registration, voided, client_id, person_id, statement, attachments) values (?, ?, ?, ?, ?, ?, null, ?, 0, ?, null, ?, 0)",
  );
  const activityOf = (i: number) => `https://bench.example/activity/${(i * 7) % C}`;
  const courseOf = (i: number) => `https://bench.example/course/${((i * 7) % C) % 20}`;
  const chunk = 50_000;
  for (let from = 0; from < count; from += chunk) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(count, from + chunk); i++) {
        const stored = new Date(start + i * 1000).toISOString();
        const statement = {
          ...benchStatement(`learner${i % A}@example.com`, i, activityOf(i)),
          id: randomUUID(),
          stored,
          timestamp: stored,
          authority,
          version: "1.0.0",
        } as Record<string, unknown>;
        (
          statement.context as { contextActivities: { parent: { id: string }[] } }
        ).contextActivities.parent = [{ id: courseOf(i) }];
        const keys = statementKeys(statement as unknown as Statement);
        insert.run(
          i + 1,
          statement.id,
          stored,
          keys.actorKey,
          (statement.verb as { id: string }).id,
          keys.activityId,
          keys.registration,
          client.id,
          JSON.stringify(statement),
        );
      }
    })();
  }
  // Statement refs in primary-key order (kind, key, seq): actors, the authority, activities.
  const ref = sqlite.prepare("insert into xapi_statement_refs (kind, key, seq) values (?, ?, ?)");
  const authorityKey = `account:https://cascade.invalid/xapi/clients|${client.key}`;
  sqlite.transaction(() => {
    for (let a = 0; a < A; a++)
      for (let i = a; i < count; i += A) ref.run("A", `mbox:mailto:learner${a}@example.com`, i + 1);
  })();
  // Activity i*7 mod C: for each activity, the statements about it, in seq order.
  const byActivity = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const c = (i * 7) % C;
    let list = byActivity.get(c);
    if (!list) byActivity.set(c, (list = []));
    list.push(i + 1);
  }
  const keysInOrder: [string, number[]][] = [];
  for (const [c, seqs] of byActivity)
    keysInOrder.push([`https://bench.example/activity/${c}`, seqs]);
  const courses = new Map<string, number[]>();
  for (const [c, seqs] of byActivity) {
    const key = `https://bench.example/course/${c % 20}`;
    courses.set(key, [...(courses.get(key) ?? []), ...seqs]);
  }
  for (const [key, seqs] of courses) keysInOrder.push([key, seqs.sort((x, y) => x - y)]);
  keysInOrder.push([
    "https://w3id.org/xapi/cmi5/context/categories/cmi5",
    Array.from({ length: count }, (_, i) => i + 1),
  ]);
  keysInOrder.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  sqlite.transaction(() => {
    for (const [key, seqs] of keysInOrder) for (const seq of seqs) ref.run("a", key, seq);
    for (let i = 0; i < count; i++) ref.run("g", authorityKey, i + 1);
  })();
  for (const index of indexes) sqlite.exec(index.sql);
  sqlite.exec("analyze");
  sqlite.close();
  copyFileSync(building, base);
  rmSync(building, { force: true });
  return base;
}

/**
 * Statement queries over a large history, over real HTTP: by agent, by activity, by activity
 * with related activities, by agent and verb. Each kind is asked 200 times for random keys.
 */
export const lrsQuery: Benchmark = {
  name: "lrs-query",
  description: "xAPI statement queries at 10 million stored statements (SQLite), p95",
  async run(size: BenchSize): Promise<Figure[]> {
    // Queries only read: they run on the cached history itself (copying gigabytes would dominate).
    const base = await statementHistory(size);
    const config = loadConfig({ DATABASE_URL: `sqlite:${base}`, LOG_LEVEL: "silent" });
    const db = await openDatabase(config);
    const cascade = await createCascade({ config, db, withWorker: false });
    try {
      const { client, secret } = await createLrsClient(db.kysely, { name: "Reporting" }, null);
      const auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString("base64")}`;
      await cascade.app.listen({ port: 0, host: "127.0.0.1" });
      const { port } = cascade.app.server.address() as AddressInfo;
      const timeQueries = async (
        make: (i: number) => string,
      ): Promise<{ p50: number; p95: number; rows: number }> => {
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < 220; i++) {
          const started = performance.now();
          const response = await fetch(`http://127.0.0.1:${port}/xapi/statements?${make(i)}`, {
            headers: { authorization: auth, "x-experience-api-version": "1.0.3" },
          });
          const body = (await response.json()) as { statements: unknown[] };
          if (response.status !== 200) throw new Error(`query answered ${response.status}`);
          // The first 20 warm the caches.
          if (i >= 20) {
            times.push(performance.now() - started);
            rows += body.statements.length;
          }
        }
        return {
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          rows: Math.round(rows / 200),
        };
      };
      const A = agents(size);
      const C = activities(size);
      const agentParam = (i: number) =>
        `agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:learner${(i * 7_919) % A}@example.com` }))}`;
      const results = {
        agent: await timeQueries((i) => agentParam(i)),
        activity: await timeQueries(
          (i) =>
            `activity=${encodeURIComponent(`https://bench.example/activity/${(i * 31) % C}`)}&limit=100`,
        ),
        related: await timeQueries(
          (i) =>
            `activity=${encodeURIComponent(`https://bench.example/course/${i % 20}`)}&related_activities=true&limit=100`,
        ),
        agentVerb: await timeQueries(
          (i) =>
            `${agentParam(i)}&verb=${encodeURIComponent("http://adlnet.gov/expapi/verbs/completed")}`,
        ),
      };
      const figures: Figure[] = [
        { name: "statements stored", value: statementsOf(size), unit: "statements" },
      ];
      for (const [label, r, target] of [
        [`by agent (~${results.agent.rows} statements each)`, results.agent, true],
        [`by activity, limit 100`, results.activity, true],
        [`by course, related_activities, limit 100`, results.related, false],
        [`by agent and verb`, results.agentVerb, false],
      ] as const) {
        figures.push({ name: `${label} p50`, value: Math.round(r.p50 * 10) / 10, unit: "ms" });
        figures.push({
          name: `${label} p95`,
          value: Math.round(r.p95 * 10) / 10,
          unit: "ms",
          target: target && size === "full" ? { max: 50 } : undefined,
        });
      }
      return figures;
    } finally {
      await cascade.close();
    }
  },
};
