import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { connectDatabase, type Db } from "../platform/database/connect.js";
import { migrateToLatest } from "../platform/database/migrate.js";

/**
 * Runs repository and integration tests on every engine: SQLite always, PostgreSQL when
 * reachable at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Under CI=true
 * an unreachable PostgreSQL fails the run instead of skipping.
 */
export const postgresAdminUrl =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let postgresReachable: Promise<boolean> | null = null;
function checkPostgres(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({
      connectionString: postgresAdminUrl,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return postgresReachable;
}

const requirePostgres = process.env.CI === "true" || process.env.TEST_REQUIRE_POSTGRES === "true";
const postgresAvailable = await checkPostgres();
if (!postgresAvailable) {
  if (requirePostgres)
    throw new Error(`PostgreSQL is required under CI but ${postgresAdminUrl} is unreachable.`);
  console.warn(
    `[tests] PostgreSQL at ${postgresAdminUrl} is unreachable: PostgreSQL variants are skipped. Set TEST_DATABASE_URL to run them.`,
  );
}

export type Engine = "sqlite" | "postgres";
export const engines: Engine[] = postgresAvailable ? ["sqlite", "postgres"] : ["sqlite"];

/** A fresh, migrated database on one engine; dropped when `drop` is called. */
export async function createTestDatabase(
  engine: Engine,
): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cascade-test-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    const db = connectDatabase(url);
    await migrateToLatest(db);
    return {
      db,
      url,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `cascade_t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const db = connectDatabase(url.toString(), { poolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      // The pool's close() resolves before its connections have ended; dropping "with (force)"
      // while they linger makes the server kill them, an unhandled 57P01 error in the test run.
      for (let attempt = 0; attempt < 100; attempt++) {
        const { rows } = await c.query<{ open: number }>(
          "select count(*)::int as open from pg_stat_activity where datname = $1",
          [name],
        );
        if ((rows[0]?.open ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Declares a suite once per engine. `use()` returns the suite's database, created before its
 * tests and dropped after them.
 */
export function describeEachEngine(
  name: string,
  body: (use: () => Db, engine: Engine) => void,
): void {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await handle?.drop();
      });
      body(() => {
        if (!handle) throw new Error("the test database is not ready");
        return handle.db;
      }, engine);
    });
  }
}
