import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from "kysely";

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
