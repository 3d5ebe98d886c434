import type { Insertable, Kysely } from "kysely";
import { findImportRow, listImportRows } from "../../directory/imports.repository.js";
import type {
  CompletionRecordsTable,
  Database,
  ImportRow,
} from "../../platform/database/schema.js";
import type { CompletionImportReport } from "./completion-import-report.js";

type Db = Kysely<Database>;

/** Rows of the `imports` table that are completion files. */
const kind = "completions";
/** Lookups and inserts go in slices, well under every engine's limit on bound parameters. */
const sliceSize = 500;

function slices<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += sliceSize) out.push(values.slice(i, i + sliceSize));
  return out;
}

export interface PersonMatch {
  id: number;
  externalId: string;
  email: string | null;
  active: boolean;
}

/** People with these external ids or (lower-case) e-mail addresses. */
export async function findPeopleByIdOrEmail(
  db: Db,
  refs: { externalIds: readonly string[]; emails: readonly string[] },
): Promise<PersonMatch[]> {
  const rows = [];
  for (const ids of slices([...new Set(refs.externalIds)]))
    rows.push(
      ...(await db
        .selectFrom("people")
        .select(["id", "external_id", "email", "status"])
        .where("external_id", "in", ids)
        .execute()),
    );
  for (const emails of slices([...new Set(refs.emails)]))
    rows.push(
      ...(await db
        .selectFrom("people")
        .select(["id", "external_id", "email", "status"])
        .where("email", "in", emails)
        .execute()),
    );
  const byId = new Map<number, PersonMatch>();
  for (const r of rows)
    byId.set(Number(r.id), {
      id: Number(r.id),
      externalId: r.external_id,
      email: r.email,
      active: r.status === "active",
    });
  return [...byId.values()];
}

export interface ProgramModules {
  id: string;
  name: string;
  /** Every module of every version, the newest version first, then by position. */
  modules: { id: string; versionId: string; title: string; activityIri: string | null }[];
}

/** Every program with the modules of all its versions. */
export async function listProgramsWithModules(db: Db): Promise<ProgramModules[]> {
  const [programs, modules] = await Promise.all([
    db.selectFrom("programs").select(["id", "name"]).orderBy("name").execute(),
    db
      .selectFrom("program_modules as m")
      .innerJoin("program_versions as v", "v.id", "m.version_id")
      .select(["v.program_id", "m.id", "m.version_id", "m.title", "m.activity_iri"])
      .orderBy("v.number", "desc")
      .orderBy("m.position")
      .execute(),
  ]);
  const byProgram = new Map<string, ProgramModules>(
    programs.map((p) => [p.id, { id: p.id, name: p.name, modules: [] }]),
  );
  for (const m of modules)
    byProgram.get(m.program_id)?.modules.push({
      id: m.id,
      versionId: m.version_id,
      title: m.title,
      activityIri: m.activity_iri,
    });
  return [...byProgram.values()];
}

export interface AssignmentRef {
  id: number;
  personId: number;
  programId: string;
  versionId: string;
}

/** Every assignment of these people, with the program its version belongs to. */
export async function findAssignmentsOfPeople(
  db: Db,
  personIds: readonly number[],
): Promise<AssignmentRef[]> {
  const out: AssignmentRef[] = [];
  for (const ids of slices([...new Set(personIds)])) {
    const rows = await db
      .selectFrom("assignments as a")
      .innerJoin("program_versions as v", "v.id", "a.program_version_id")
      .select(["a.id", "a.person_id", "a.program_version_id", "v.program_id"])
      .where("a.person_id", "in", ids)
      .orderBy("a.id")
      .execute();
    for (const r of rows)
      out.push({
        id: Number(r.id),
        personId: Number(r.person_id),
        programId: r.program_id,
        versionId: r.program_version_id,
      });
  }
  return out;
}

/** Which of these dedupe keys earlier imports have stored. */
export async function findStoredDedupeKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of slices([...new Set(keys)])) {
    const rows = await db
      .selectFrom("completion_records")
      .select("dedupe_key")
      .where("dedupe_key", "in", part)
      .execute();
    for (const r of rows) found.add(r.dedupe_key);
  }
  return found;
}

export async function insertCompletionRecords(
  db: Db,
  records: readonly Insertable<CompletionRecordsTable>[],
): Promise<void> {
  for (const part of slices(records))
    await db.insertInto("completion_records").values(part).execute();
}

export async function insertCompletionImport(
  db: Db,
  report: CompletionImportReport,
): Promise<void> {
  await db
    .insertInto("imports")
    .values({
      id: report.id,
      kind,
      status: report.status,
      dry_run: report.dryRun ? 1 : 0,
      // Completion files only ever add evidence.
      mode: "append",
      format: "csv",
      file_name: report.fileName,
      row_count: report.rowCount,
      valid_row_count: report.validRowCount,
      error_count: report.errorCount,
      report: JSON.stringify({
        errors: report.errors,
        summary: report.summary,
        sourceSystem: report.sourceSystem,
      }),
      created_by: report.createdBy,
      created_at: report.createdAt,
      applied_at: report.appliedAt,
    })
    .execute();
}

function toReport(row: ImportRow): CompletionImportReport {
  const stored = JSON.parse(row.report) as Pick<
    CompletionImportReport,
    "errors" | "summary" | "sourceSystem"
  >;
  return {
    id: row.id,
    status: row.status as CompletionImportReport["status"],
    dryRun: Boolean(row.dry_run),
    fileName: row.file_name,
    rowCount: Number(row.row_count),
    validRowCount: Number(row.valid_row_count),
    errorCount: Number(row.error_count),
    createdBy: row.created_by,
    createdAt: row.created_at,
    appliedAt: row.applied_at,
    ...stored,
  };
}

export async function findCompletionImport(
  db: Db,
  id: string,
): Promise<CompletionImportReport | undefined> {
  const row = await findImportRow(db, kind, id);
  return row && toReport(row);
}

/** Completion imports and dry runs, newest first. */
export async function listCompletionImports(
  db: Db,
  page: { offset: number; limit: number },
): Promise<{ items: CompletionImportReport[]; total: number }> {
  const { rows, total } = await listImportRows(db, kind, page);
  return { items: rows.map(toReport), total };
}
