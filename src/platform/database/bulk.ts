import { CompiledQuery, sql, type Kysely } from "kysely";
import { isPostgres, maxParameters } from "./dialect.js";

export interface BulkInsertOptions {
  table: string;
  columns: string[];
  /** Rows as arrays of values in `columns` order; consumed lazily, batch by batch. */
  rows: Iterable<unknown[]>;
  /** PostgreSQL type of each column (default text), for the typed arrays of a batch. */
  types?: string[];
  returning?: string[];
}

/**
 * Inserts many rows with one pre-built statement per batch (no query building per row). SQLite
 * runs a cached multi-row VALUES statement; PostgreSQL receives one array per column and unnests
 * them, which is many times faster than thousands of scalar parameters. Returns the `returning`
 * columns of every inserted row, when asked for.
 */
export async function bulkInsert<T>(
  db: Kysely<T>,
  options: BulkInsertOptions,
): Promise<Record<string, unknown>[]> {
  const { table, columns, rows } = options;
  const postgres = isPostgres(db);
  const returning = options.returning?.length ? ` returning ${options.returning.join(",")}` : "";
  const perBatch = postgres
    ? 20_000
    : Math.max(1, Math.min(50, Math.floor(maxParameters(db) / columns.length)));
  const statements = new Map<number, string>();
  const statementFor = (count: number): string => {
    let text = statements.get(count);
    if (!text) {
      if (postgres) {
        const arrays = columns
          .map((_, i) => `$${i + 1}::${options.types?.[i] ?? "text"}[]`)
          .join(",");
        text = `insert into ${table} (${columns.join(",")}) select * from unnest(${arrays})${returning}`;
      } else {
        const tuple = `(${columns.map(() => "?").join(",")})`;
        text = `insert into ${table} (${columns.join(",")}) values ${Array.from({ length: count }, () => tuple).join(",")}${returning}`;
      }
      statements.set(count, text);
    }
    return text;
  };
  const out: Record<string, unknown>[] = [];
  let batch: unknown[][] = [];
  const flush = async () => {
    // PostgreSQL: one array per column; SQLite: the values row after row.
    const params = postgres ? columns.map((_, i) => batch.map((row) => row[i])) : batch.flat();
    const text = statementFor(postgres ? 0 : batch.length);
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
    if (returning) for (const row of result.rows) out.push(row);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === perBatch) await flush();
  }
  if (batch.length > 0) await flush();
  return out;
}

/**
 * Runs a large load with the table's non-unique secondary indexes dropped, then builds them
 * again: building an index once from sorted data is several times faster than updating it row by
 * row. Call inside a transaction so a failure restores the indexes.
 */
export async function withSecondaryIndexesDeferred<T, R>(
  db: Kysely<T>,
  table: string,
  load: () => Promise<R>,
): Promise<R> {
  const definitions = isPostgres(db)
    ? (
        await sql<{ name: string; definition: string }>`
          select i.relname as name, pg_get_indexdef(i.oid) as definition
          from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
          where t.relname = ${table} and not x.indisunique and not x.indisprimary`.execute(db)
      ).rows
    : (
        await sql<{ name: string; definition: string }>`
          select name, sql as definition from sqlite_master
          where type = 'index' and tbl_name = ${table} and sql is not null and sql not like 'create unique%' collate nocase`.execute(
          db,
        )
      ).rows;
  for (const index of definitions) await sql`drop index ${sql.id(index.name)}`.execute(db);
  const result = await load();
  for (const index of definitions) await sql.raw(index.definition).execute(db);
  return result;
}
