import { sql, type Kysely } from "kysely";

/**
 * Statements whose object is a StatementRef (voiding statements among them) meet a query's
 * filters when the statement they target does (xAPI "Filter Conditions for StatementRefs"). A
 * partial index lists just those statements in order, so queries can walk them cheaply.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("xapi_statements_targeting_idx")
    .on("xapi_statements")
    .column("seq")
    .where(sql.ref("ref_id"), "is not", null)
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error("Cascade migrations are forward-only."));
}
