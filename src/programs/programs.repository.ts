import type { Kysely, Selectable } from "kysely";
import type {
  Database,
  ProgramModulesTable,
  ProgramVersionsTable,
  ProgramsTable,
} from "../platform/database/schema.js";
import type { ModuleInput } from "./program.js";

type Db = Kysely<Database>;
export type ProgramRow = Selectable<ProgramsTable>;
export type VersionRow = Selectable<ProgramVersionsTable>;
export type ModuleRow = Selectable<ProgramModulesTable>;

/** Adds a program. */
export async function insertProgram(db: Db, row: ProgramRow): Promise<void> {
  await db.insertInto("programs").values(row).execute();
}

export async function findProgramRow(db: Db, id: string): Promise<ProgramRow | undefined> {
  return db.selectFrom("programs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findProgramByName(db: Db, name: string): Promise<ProgramRow | undefined> {
  return db.selectFrom("programs").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Every program, by name. */
export async function listProgramRows(db: Db): Promise<ProgramRow[]> {
  return db.selectFrom("programs").selectAll().orderBy("name").execute();
}

/** The versions of these programs, newest first. */
export async function listVersionRows(
  db: Db,
  programIds: readonly string[],
): Promise<VersionRow[]> {
  if (programIds.length === 0) return [];
  return db
    .selectFrom("program_versions")
    .selectAll()
    .where("program_id", "in", programIds)
    .orderBy("program_id")
    .orderBy("number", "desc")
    .execute();
}

export async function findVersionRow(db: Db, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom("program_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The modules of these versions, in order. */
export async function listModuleRows(db: Db, versionIds: readonly string[]): Promise<ModuleRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom("program_modules")
    .selectAll()
    .where("version_id", "in", versionIds)
    .orderBy("version_id")
    .orderBy("position")
    .execute();
}

export async function nextVersionNumber(db: Db, programId: string): Promise<number> {
  const row = await db
    .selectFrom("program_versions")
    .select((eb) => eb.fn.max("number").as("max"))
    .where("program_id", "=", programId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertVersion(db: Db, row: VersionRow): Promise<void> {
  await db.insertInto("program_versions").values(row).execute();
}

/** Replaces every module of a (draft) version. */
export async function replaceModules(
  db: Db,
  versionId: string,
  modules: readonly (ModuleInput & { id: string })[],
): Promise<void> {
  await db.deleteFrom("program_modules").where("version_id", "=", versionId).execute();
  if (modules.length === 0) return;
  await db
    .insertInto("program_modules")
    .values(
      modules.map((m, index) => ({
        id: m.id,
        version_id: versionId,
        position: index + 1,
        kind: m.kind,
        title: m.title,
        activity_iri: m.activityIri ?? null,
        expected_minutes: m.expectedMinutes,
        required: m.required ? 1 : 0,
        variants: JSON.stringify(m.variants),
        completion_verbs: m.completionVerbs ? JSON.stringify(m.completionVerbs) : null,
      })),
    )
    .execute();
}

export async function updateVersionNotes(db: Db, versionId: string, notes: string): Promise<void> {
  await db.updateTable("program_versions").set({ notes }).where("id", "=", versionId).execute();
}

/** Marks a draft version published; false when it was not a draft any more. */
export async function markVersionPublished(
  db: Db,
  options: { versionId: string; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable("program_versions")
    .set({ status: "published", published_at: options.at, published_by: options.by })
    .where("id", "=", options.versionId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touchProgram(db: Db, programId: string, at: string): Promise<void> {
  await db.updateTable("programs").set({ updated_at: at }).where("id", "=", programId).execute();
}

/** Renames a program or changes its description. */
export async function updateProgramRow(
  db: Db,
  id: string,
  changes: { name?: string; description?: string; updated_at: string },
): Promise<void> {
  await db.updateTable("programs").set(changes).where("id", "=", id).execute();
}
