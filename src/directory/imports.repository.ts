import type { Kysely } from "kysely";
import type { Database, ImportRow } from "../platform/database/schema.js";
import type { ImportReport } from "./import-report.js";

type Db = Kysely<Database>;

/** The `imports` table also holds other kinds (completion files); these functions read people imports. */
const kind = "people";

export async function insertImport(db: Db, report: ImportReport): Promise<void> {
  await db
    .insertInto("imports")
    .values({
      id: report.id,
      kind,
      status: report.status,
      dry_run: report.dryRun ? 1 : 0,
      mode: report.mode,
      format: report.format,
      file_name: report.fileName,
      row_count: report.rowCount,
      valid_row_count: report.validRowCount,
      error_count: report.errorCount,
      report: JSON.stringify({
        errors: report.errors,
        summary: report.summary,
        samples: report.samples,
      }),
      created_by: report.createdBy,
      created_at: report.createdAt,
      applied_at: report.appliedAt,
    })
    .execute();
}

function toReport(row: ImportRow): ImportReport {
  const stored = JSON.parse(row.report) as Pick<ImportReport, "errors" | "summary" | "samples">;
  return {
    id: row.id,
    status: row.status as ImportReport["status"],
    dryRun: Boolean(row.dry_run),
    mode: row.mode as ImportReport["mode"],
    format: row.format as ImportReport["format"],
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

/** One import of a kind (people or completions), as stored. */
export async function findImportRow(db: Db, importKind: string, id: string) {
  return db
    .selectFrom("imports")
    .selectAll()
    .where("id", "=", id)
    .where("kind", "=", importKind)
    .executeTakeFirst();
}

/** Imports of a kind, newest first, with their total. */
export async function listImportRows(
  db: Db,
  importKind: string,
  page: { offset: number; limit: number },
) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("imports")
      .selectAll()
      .where("kind", "=", importKind)
      .orderBy("created_at", "desc")
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    db
      .selectFrom("imports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", importKind)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findImport(db: Db, id: string): Promise<ImportReport | undefined> {
  const row = await findImportRow(db, kind, id);
  return row && toReport(row);
}

/** People imports, newest first. */
export async function listImports(
  db: Db,
  page: { offset: number; limit: number },
): Promise<{ items: ImportReport[]; total: number }> {
  const { rows, total } = await listImportRows(db, kind, page);
  return { items: rows.map(toReport), total };
}

/** The most recent applied import. */
export async function findLastAppliedImport(db: Db): Promise<ImportReport | undefined> {
  const row = await db
    .selectFrom("imports")
    .selectAll()
    .where("kind", "=", kind)
    .where("status", "=", "applied")
    .orderBy("applied_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && toReport(row);
}
