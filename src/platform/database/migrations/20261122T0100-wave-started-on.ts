import type { Kysely } from "kysely";

/** The local date a launched wave's deadlines count from: its launch date, or a late launch's day. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("rollout_waves").addColumn("started_on", "text").execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error("Cascade migrations are forward-only."));
}
