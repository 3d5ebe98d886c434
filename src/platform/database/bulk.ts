import { CompiledQuery, sql, type Kysely } from "kysely";
import { isPostgres, maxParameters } from "./dialect.js";

/**
 * Inserts many rows with one pre-built statement per batch (no query building per row), on
 * either engine. Rows are arrays of values in `columns` order. Returns the `returning` columns of
 * every inserted row, when asked for.
 */
export async function bulkInsert<T>(
  db: Kysely<T>,
  options: { table: string; columns: string[]; rows: Iterable<unknown[]>; returning?: string[] },
): Promise<Record<string, unknown>[]> {
  const { table, columns, rows } = options;
  const postgres = isPostgres(db);
  const perBatch = Math.max(
    1,
    Math.min(postgres ? 1000 : 50, Math.floor(maxParameters(db) / columns.length)),
  );
  const statements = new Map<number, string>();
  const statementFor = (count: number): string => {
    let text = statements.get(count);
    if (!text) {
      let n = 0;
      const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : "?")).join(",")})`;
      const values = Array.from({ length: count }, tuple).join(",");
      const returning = options.returning?.length
        ? ` returning ${options.returning.join(",")}`
        : "";
      text = `insert into ${table} (${columns.join(",")}) values ${values}${returning}`;
      statements.set(count, text);
    }
    return text;
  };
  const out: Record<string, unknown>[] = [];
  let params: unknown[] = [];
  let count = 0;
  const flush = async () => {
    const text = statementFor(count);
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
    if (options.returning?.length) for (const row of result.rows) out.push(row);
    params = [];
    count = 0;
  };
  // Rows are consumed lazily, batch by batch, so a large load never holds them all at once.
  for (const row of rows) {
    for (const value of row) params.push(value);
    if (++count === perBatch) await flush();
  }
  if (count > 0) await flush();
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
