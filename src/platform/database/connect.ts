import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

/** An open database: the Kysely instance plus which engine it speaks. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  url: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*), sums) as strings; Cascade's counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens `sqlite:<path>` (WAL, foreign keys on) or `postgres://…` and returns a Db. */
export function connectDatabase(url: string, options: { poolSize?: number } = {}): Db {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length) || ":memory:";
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 10000");
    sqlite.pragma("cache_size = -131072");
    sqlite.pragma("temp_store = MEMORY");
    // Checkpoint every ~40 MB of WAL rather than 4 MB: fewer syncs under sustained writes (the LRS).
    sqlite.pragma("wal_autocheckpoint = 10000");
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { kysely, dialect: "sqlite", url, close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: "postgres", url, close: () => kysely.destroy() };
}

/**
 * Kysely prepares every query anew; preparing is a large part of a query's cost on SQLite, so
 * recently used statements are kept and reused (statements run synchronously, one at a time).
 */
function withStatementCache(sqlite: SQLite.Database, size = 200): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value ?? "");
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Describes a database URL without its password, for logs and CLI output. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
