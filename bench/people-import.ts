import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { generateDemoOrg } from "../src/directory/demo-org.js";
import { writePeopleCsv } from "../src/directory/export-people.js";
import type { ImportReport } from "../src/directory/import-report.js";
import type { PersonRecord } from "../src/directory/person.js";
import { connectDatabase } from "../src/platform/database/connect.js";
import { engines as testEngines, postgresAdminUrl } from "../src/test/databases.js";
import {
  benchDir,
  dataDir,
  seconds,
  type Benchmark,
  type BenchSize,
  type Figure,
} from "./harness.js";

/**
 * Runs `cascade import people` in its own process, as an operator would, and measures its wall
 * time and peak resident memory (VmHWM).
 */
async function runImport(
  file: string,
  databaseUrl: string,
): Promise<{ ms: number; peakRssMb: number; report: ImportReport }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(benchDir, "..", "src", "main.ts"), "import", "people", file, "--json"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const hwm = /VmHWM:\s+(\d+)/.exec(status);
      if (hwm?.[1]) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process has exited
    }
  }, 50);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`cascade import exited with ${code}: ${out.slice(0, 2000)}`);
  return {
    ms: performance.now() - started,
    peakRssMb: Math.round(peakKb / 1024),
    report: JSON.parse(out) as ImportReport,
  };
}

/** 2% of people changed: a new department, title or manager, deterministically. */
function changeTwoPercent(records: PersonRecord[]): { records: PersonRecord[]; changed: number } {
  let changed = 0;
  const out = records.map((r, i) => {
    if (i === 0 || i % 50 !== 7) return r;
    changed++;
    return i % 3 === 0
      ? { ...r, jobTitle: `${r.jobTitle ?? "Specialist"} II` }
      : { ...r, department: `${r.department ?? "Dept"} (reorganised)` };
  });
  return { records: out, changed };
}

async function freshPostgres(): Promise<string> {
  const name = "cascade_bench";
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function countMovedHistory(databaseUrl: string, importId: string): Promise<number> {
  const db = connectDatabase(databaseUrl);
  const row = await db.kysely
    .selectFrom("person_history")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("import_id", "=", importId)
    .where("change", "=", "moved")
    .executeTakeFirstOrThrow();
  await db.close();
  return Number(row.n);
}

export const peopleImport: Benchmark = {
  name: "people-import",
  description:
    "Import a 500,000-person CSV into SQLite and PostgreSQL, then re-import it with 2% changed",
  async run(size: BenchSize): Promise<Figure[]> {
    const people = size === "full" ? 500_000 : 2_000;
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, `people-${people}.csv`);
    const changedFile = join(dataDir, `people-${people}-changed.csv`);
    const base = generateDemoOrg({ people, seed: "bench" });
    const { records, changed } = changeTwoPercent(base);
    if (!existsSync(file)) await writePeopleCsv(file, base);
    if (!existsSync(changedFile)) await writePeopleCsv(changedFile, records);

    const figures: Figure[] = [];
    const targets = size === "full";
    const sqliteDir = join(dataDir, "sqlite-import");
    rmSync(sqliteDir, { recursive: true, force: true });
    const sqliteUrl = `sqlite:${join(sqliteDir, "cascade.db")}`;
    const engines: [string, string, number, number][] = [["sqlite", sqliteUrl, 15, 10]];
    if (testEngines.includes("postgres")) engines.push(["postgres", await freshPostgres(), 30, 10]);
    for (const [engine, url, importTarget, reimportTarget] of engines) {
      const first = await runImport(file, url);
      if (first.report.summary.joiners !== people)
        throw new Error(
          `${engine}: expected ${people} joiners, got ${first.report.summary.joiners}`,
        );
      figures.push({
        name: `${engine}: import ${people} people`,
        value: seconds(first.ms),
        unit: "s",
        target: targets ? { max: importTarget } : undefined,
      });
      figures.push({
        name: `${engine}: import peak memory`,
        value: first.peakRssMb,
        unit: "MB",
        target: targets ? { max: 1024 } : undefined,
      });
      const second = await runImport(changedFile, url);
      const moved = await countMovedHistory(url, second.report.id);
      if (second.report.summary.movers !== changed || moved !== changed) {
        throw new Error(
          `${engine}: changed ${changed} people, report says ${second.report.summary.movers} movers, history has ${moved}`,
        );
      }
      figures.push({
        name: `${engine}: re-import with ${changed} changed`,
        value: seconds(second.ms),
        unit: "s",
        target: targets ? { max: reimportTarget } : undefined,
      });
      figures.push({
        name: `${engine}: history entries for the changes`,
        value: moved,
        unit: "rows",
      });
      figures.push({
        name: `${engine}: re-import peak memory`,
        value: second.peakRssMb,
        unit: "MB",
        target: targets ? { max: 1024 } : undefined,
      });
    }
    return figures;
  },
};
