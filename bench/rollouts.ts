import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createAudience, previewAudience } from "../src/audiences/manage-audiences.js";
import { countMatchingPeople } from "../src/audiences/audiences.repository.js";
import { ruleCondition } from "../src/audiences/people-condition.js";
import { openDatabase } from "../src/cascade.js";
import { generateDemoOrg } from "../src/directory/demo-org.js";
import { importPeople } from "../src/directory/import-people.js";
import { loadDemoOrganisation } from "../src/directory/load-demo.js";
import { systemActor } from "../src/platform/auth/roles.js";
import type { Db } from "../src/platform/database/connect.js";
import { refreshStatistics } from "../src/platform/database/dialect.js";
import { JobRegistry } from "../src/platform/jobs/job.js";
import { createProgram, publishVersion } from "../src/programs/manage-programs.js";
import { launchWave } from "../src/rollouts/launch-wave.js";
import { addWave, createRollout } from "../src/rollouts/manage-rollouts.js";
import { syncAllWaves } from "../src/rollouts/sync-wave-assignments.js";
import { engines as testEngines, postgresAdminUrl, type Engine } from "../src/test/databases.js";
import {
  dataDir,
  percentile,
  seconds,
  type Benchmark,
  type BenchSize,
  type Figure,
} from "./harness.js";

const registry = new JobRegistry();
const sizeOf = (size: BenchSize) => (size === "full" ? 500_000 : 2_000);

/**
 * A working copy of a demo directory of `people` people: loaded once into a cached base (SQLite
 * file, or a PostgreSQL template database) and copied for each run, so a run starts clean.
 */
export async function directoryCopy(
  engine: Engine,
  people: number,
): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (engine === "sqlite") {
    const dir = join(dataDir, `sqlite-directory-${people}`);
    const base = join(dir, "base.db");
    if (!existsSync(base)) {
      mkdirSync(dir, { recursive: true });
      const db = await openDatabase({ DATABASE_URL: `sqlite:${base}` });
      await loadDemoOrganisation({ db: db.kysely, registry, people, seed: "bench" });
      await refreshStatistics(db.kysely, "people");
      await db.close();
    }
    const work = join(dir, "work.db");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${work}${suffix}`, { force: true });
    copyFileSync(base, work);
    const db = await openDatabase({ DATABASE_URL: `sqlite:${work}` });
    return { db, drop: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  const template = `cascade_bench_directory_${people}`;
  const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
  const urlOf = (name: string) => {
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  if (exists.rowCount === 0) {
    await admin.query(`create database ${template}`);
    const db = await openDatabase({ DATABASE_URL: urlOf(template) });
    await loadDemoOrganisation({ db: db.kysely, registry, people, seed: "bench" });
    await refreshStatistics(db.kysely, "people");
    await db.close();
  }
  const work = "cascade_bench_rollouts";
  await admin.query(`drop database if exists ${work} with (force)`);
  await admin.query(`create database ${work} template ${template}`);
  await admin.end();
  const db = await openDatabase({ DATABASE_URL: urlOf(work) });
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      await c.query(`drop database if exists ${work} with (force)`);
      await c.end();
    },
  };
}

/** Five conditions over the demo organisation's attributes. */
const fiveConditions = `region in ("Europe", "North America", "Asia Pacific") and not tags has "contractor" and hire_date < 2026-01-01 and employment_type = "employee" and division != "Risk"`;

/** Resolving a five-condition audience: the preview (count, by division and region) and storing members. */
export const audienceResolve: Benchmark = {
  name: "audience-resolve",
  description: "Resolve a five-condition audience over 500,000 people (SQLite)",
  async run(size) {
    const people = sizeOf(size);
    const { db, drop } = await directoryCopy("sqlite", people);
    try {
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        const preview = await previewAudience(db.kysely, {
          rule: fiveConditions,
          scope: { kind: "all" },
          sampleSize: 20,
        });
        times.push(performance.now() - started);
        count = preview.count;
      }
      const countTimes: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        await countMatchingPeople(db.kysely, ruleCondition(db.kysely, fiveConditions).condition);
        countTimes.push(performance.now() - started);
      }
      const started = performance.now();
      const audience = await db.kysely.transaction().execute((trx) =>
        createAudience(trx, {
          name: "Bench",
          description: "",
          rule: fiveConditions,
          createdBy: null,
        }),
      );
      const storeMs = performance.now() - started;
      return [
        { name: "people in the directory", value: people, unit: "people" },
        { name: "members matched", value: count, unit: "people" },
        {
          name: "resolve (count, by division and region, sample) median",
          value: seconds(percentile(times, 50)),
          unit: "s",
          target: size === "full" ? { max: 1 } : undefined,
        },
        { name: "resolve p95 of 7", value: seconds(percentile(times, 95)), unit: "s" },
        {
          name: "members count alone, median",
          value: seconds(percentile(countTimes, 50)),
          unit: "s",
        },
        {
          name: `create audience, store ${audience.memberCount.toLocaleString("en-US")} members`,
          value: seconds(storeMs),
          unit: "s",
        },
      ];
    } finally {
      await drop();
    }
  },
};

/** Sets up a rollout of one wave over the whole directory: everyone outside a division nobody is in. */
export async function wholeDirectoryWave(db: Db): Promise<string> {
  return db.kysely.transaction().execute(async (trx) => {
    const audience = await createAudience(trx, {
      name: "Everyone but the closed division",
      description: "",
      rule: `division != "Closed division"`,
      createdBy: null,
    });
    const program = await createProgram(trx, {
      name: "Bench program",
      description: "",
      createdBy: null,
      modules: [
        {
          kind: "elearning",
          title: "Course",
          activityIri: "https://bench.example/course",
          expectedMinutes: 60,
          required: true,
          variants: [],
        },
      ],
    });
    await publishVersion(trx, { versionId: program.versions[0]!.id, by: "bench" });
    const rollout = await createRollout(trx, {
      name: "Bench rollout",
      description: "",
      programVersionId: program.versions[0]!.id,
      audienceId: audience.id,
      dailyLearningMinutes: 30,
      phases: [{ kind: "pilot", gateCriteria: [] }],
      createdBy: null,
    });
    const withWave = await addWave(trx, rollout.id, {
      phaseId: rollout.phases[0]!.id,
      name: "Everyone",
      audienceId: null,
      slice: { regions: [], divisions: [], percent: null },
      launchDate: new Date().toISOString().slice(0, 10),
      enrollmentMode: "mandatory",
      deadline: { kind: "relative", days: 30, time: "23:59" },
      regionDeadlines: { "Asia Pacific": { kind: "relative", days: 45, time: "23:59" } },
      joinerGraceDays: 14,
    });
    return withWave.phases[0]!.waves[0]!.id;
  });
}

async function launchAndSync(engine: Engine, size: BenchSize): Promise<Figure[]> {
  const people = sizeOf(size);
  const { db, drop } = await directoryCopy(engine, people);
  try {
    const waveId = await wholeDirectoryWave(db);
    const started = performance.now();
    const result = await db.kysely
      .transaction()
      .execute((trx) =>
        launchWave(trx, { waveId, actor: systemActor, registry, feasibility: "assign_anyway" }),
      );
    const launchMs = performance.now() - started;

    // 10,000 people (1 in 50 of a 500,000 directory) move into a division outside the audience,
    // through a delta import of their HRIS records, as a nightly sync would bring them.
    const movers = Math.min(10_000, Math.floor(people / 50));
    const moving = generateDemoOrg({ people, seed: "bench" })
      .filter((_, i) => i % 50 === 7)
      .slice(0, movers)
      .map((r) => ({ ...r, division: "Closed division" }));
    const importStarted = performance.now();
    const report = await importPeople({
      db: db.kysely,
      registry,
      source: { kind: "records", records: moving, name: "movers" },
      mode: "delta",
      dryRun: false,
      applyValidRows: false,
      actor: systemActor,
    });
    const importMs = performance.now() - importStarted;
    if (report.summary.movers !== moving.length)
      throw new Error(`Expected ${moving.length} movers imported, got ${report.summary.movers}`);
    const syncStarted = performance.now();
    const [sync] = await syncAllWaves(db.kysely, { cause: "bench" });
    const syncMs = performance.now() - syncStarted;
    if (sync?.movedOut !== moving.length)
      throw new Error(`Expected ${moving.length} movers withdrawn, got ${sync?.movedOut}`);
    return [
      { name: "people in the directory", value: people, unit: "people" },
      {
        name: `launch a wave of ${result.created.toLocaleString("en-US")} assignments`,
        value: seconds(launchMs),
        unit: "s",
        target: size === "full" ? { max: engine === "sqlite" ? 10 : 20 } : undefined,
      },
      {
        name: `import ${moving.length.toLocaleString("en-US")} movers (delta)`,
        value: seconds(importMs),
        unit: "s",
      },
      {
        name: `sync ${moving.length.toLocaleString("en-US")} movers out of a live wave`,
        value: seconds(syncMs),
        unit: "s",
        target: size === "full" ? { max: 5 } : undefined,
      },
    ];
  } finally {
    await drop();
  }
}

/** Launching a 500,000-person wave and then syncing 10,000 movers, on each engine. */
export const waveLaunch: Benchmark = {
  name: "wave-launch",
  description:
    "Launch a wave of 500,000 assignments and sync 10,000 movers (SQLite and PostgreSQL)",
  async run(size) {
    const figures: Figure[] = [];
    for (const engine of testEngines) {
      for (const f of await launchAndSync(engine, size))
        figures.push({ ...f, name: `${engine}: ${f.name}` });
    }
    return figures;
  },
};
