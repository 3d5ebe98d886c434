import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from "kysely";

/**
 * The few places where SQLite and PostgreSQL differ, kept together so that repositories can stay
 * on one code path.
 */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column type and modifiers for an auto-incrementing integer primary key. */
export function autoIdColumn<T>(db: Kysely<T>): {
  type: "integer" | "bigserial";
  build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return isPostgres(db)
    ? { type: "bigserial", build: (c) => c.primaryKey() }
    : { type: "integer", build: (c) => c.primaryKey().autoIncrement() };
}

/**
 * Largest number of bound parameters one statement may carry. SQLite allows 32,766, PostgreSQL
 * 65,535; bulk inserts split their rows to stay under it.
 */
export function maxParameters<T>(db: Kysely<T>): number {
  return isPostgres(db) ? 65_000 : 32_000;
}

/**
 * Refreshes the query planner's statistics for a table after a large change, so it picks the
 * selective index (SQLite has none until ANALYZE runs; PostgreSQL's autovacuum may lag).
 * SQLite samples a bounded number of rows per index to keep this fast.
 */
export async function refreshStatistics<T>(db: Kysely<T>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`analyze ${sql.table(table)}`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(db);
  await sql`analyze ${sql.table(table)}`.execute(db);
}
