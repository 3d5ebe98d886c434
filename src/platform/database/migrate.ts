import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import type { Db } from "./connect.js";
import * as foundation from "./migrations/20261121T0000-foundation.js";
import * as rollouts from "./migrations/20261122T0000-rollouts.js";
import * as waveStartedOn from "./migrations/20261122T0100-wave-started-on.js";
import * as assignmentsPersonCover from "./migrations/20261122T0200-assignments-person-cover.js";
import * as learningRecords from "./migrations/20261123T0000-learning-records.js";
import * as statementTargeting from "./migrations/20261123T0100-statement-targeting-index.js";
import * as communications from "./migrations/20261124T0000-communications.js";

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  "20261121T0000-foundation": foundation,
  "20261122T0000-rollouts": rollouts,
  "20261122T0100-wave-started-on": waveStartedOn,
  "20261122T0200-assignments-person-cover": assignmentsPersonCover,
  "20261123T0000-learning-records": learningRecords,
  "20261123T0100-statement-targeting-index": statementTargeting,
  "20261124T0000-communications": communications,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

function migrator(db: Db): Migrator {
  return new Migrator({ db: db.kysely, provider, migrationTableName: "schema_migrations" });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(
      `Migration ${failed} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`,
      { cause: result.error },
    );
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
