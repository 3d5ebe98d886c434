import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { maxReportedErrors } from "../../directory/import-report.js";
import type { RowError } from "../../directory/people-file.js";
import type { Actor } from "../../platform/auth/roles.js";
import { clock } from "../../platform/clock.js";
import type { Database } from "../../platform/database/schema.js";
import { AppError } from "../../platform/errors.js";
import { recordModuleProgress, type ProgressRecord } from "../../rollouts/module-progress.js";
import type { CompletionImportReport } from "./completion-import-report.js";
import { readCompletionFile } from "./completions-file.js";
import {
  findAssignmentsOfPeople,
  findPeopleByIdOrEmail,
  findStoredDedupeKeys,
  insertCompletionImport,
  insertCompletionRecords,
  listProgramsWithModules,
} from "./completions.repository.js";
import {
  moduleInVersion,
  resolveCompletionRows,
  type ResolvedCompletion,
} from "./resolve-completion-rows.js";
import { validateCompletionRow, type CompletionCandidate } from "./validate-completion-row.js";

type Db = Kysely<Database>;

export interface ImportCompletionsOptions {
  db: Db;
  input: Readable;
  fileName: string;
  /** The LMS the whole file comes from; a row's own source_system wins. */
  sourceSystem: string | null;
  /** Only report what would happen. */
  dryRun: boolean;
  /** Apply the valid rows of a file that has errors (otherwise such a file changes nothing). */
  applyValidRows: boolean;
  actor: Actor;
  /** Called once the input is read, before anything is looked up or written; throws to stop. */
  assertInputComplete?: () => void;
}

/** Thrown inside the transaction of a dry run or a rejected file to undo what it did. */
class RollBack extends Error {}

/**
 * Imports a completion file exported from another LMS: validates every row, skips completions
 * already known, keeps each new one as a completion record and moves the person's assignments of
 * that program forward, all in one transaction. A file with errors changes nothing unless
 * `applyValidRows` is set; a dry run does the same work and rolls it back, so its counts are exact.
 */
export async function importCompletions(
  options: ImportCompletionsOptions,
): Promise<CompletionImportReport> {
  const { db, dryRun, applyValidRows } = options;
  const sourceSystem = options.sourceSystem?.trim() || null;
  const file = await readCompletionFile(options.input, { sourceSystemGiven: !!sourceSystem });
  options.assertInputComplete?.();
  const report = emptyReport({ ...options, sourceSystem, rowCount: file.rowCount });
  if (file.fileErrors.length > 0) {
    fillErrors(report, file.fileErrors);
    report.status = "rejected";
    return finish(db, report);
  }

  const now = clock.now();
  const candidates: CompletionCandidate[] = [];
  const errors: RowError[] = [...file.rowErrors];
  for (const row of file.rows) {
    const checked = validateCompletionRow(row, {
      columnName: file.columnName,
      defaultSourceSystem: sourceSystem,
      now,
    });
    errors.push(...checked.errors);
    if (checked.candidate) candidates.push(checked.candidate);
  }

  try {
    await db.transaction().execute(async (trx) => {
      const [people, programs] = await Promise.all([
        findPeopleByIdOrEmail(trx, {
          externalIds: candidates.flatMap((c) => (c.personId === null ? [] : [c.personId])),
          emails: candidates.flatMap((c) => (c.email === null ? [] : [c.email])),
        }),
        listProgramsWithModules(trx),
      ]);
      const resolution = resolveCompletionRows({
        candidates,
        people,
        programs,
        columnName: file.columnName,
      });
      fillErrors(report, [...errors, ...resolution.errors]);
      report.validRowCount = resolution.resolved.length;
      const fresh = await withoutDuplicates(trx, resolution.resolved);
      report.summary.duplicates = resolution.resolved.length - fresh.length;
      report.summary.recorded = fresh.length;
      // A file with errors is rejected, but its report still says what applying would do.
      const rollBack = dryRun || (report.errorCount > 0 && !applyValidRows);

      const at = clock.nowIso();
      await insertCompletionRecords(
        trx,
        fresh.map((r) => ({
          dedupe_key: r.dedupeKey,
          import_id: report.id,
          person_id: r.personId,
          program_id: r.program.id,
          module_id: r.module?.id ?? null,
          completed_on: r.completedOn,
          score: r.score,
          source_system: r.sourceSystem,
          created_at: at,
        })),
      );
      const progress = await progressFor(trx, fresh, report);
      report.summary.keptWithoutAssignment = progress.unassigned;
      const moved = await recordModuleProgress(trx, progress.records, report.createdBy ?? "import");
      report.summary.completed = moved.completed;
      report.summary.started = moved.started;
      if (rollBack) throw new RollBack();
      report.status = "applied";
      report.appliedAt = at;
      await insertCompletionImport(trx, report);
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (report.status === "applied") return report;
  report.status = dryRun ? "previewed" : "rejected";
  return finish(db, report);
}

/** Drops completions seen earlier in the file or stored by an earlier import. */
async function withoutDuplicates(
  db: Db,
  resolved: ResolvedCompletion[],
): Promise<ResolvedCompletion[]> {
  const stored = await findStoredDedupeKeys(
    db,
    resolved.map((r) => r.dedupeKey),
  );
  const seen = new Set<string>();
  return resolved.filter((r) => {
    if (stored.has(r.dedupeKey) || seen.has(r.dedupeKey)) return false;
    seen.add(r.dedupeKey);
    return true;
  });
}

/** The evidence each completion gives each assignment of its person in its program. */
async function progressFor(
  db: Db,
  completions: ResolvedCompletion[],
  report: CompletionImportReport,
): Promise<{ records: ProgressRecord[]; unassigned: number }> {
  const assignments = await findAssignmentsOfPeople(
    db,
    completions.map((c) => c.personId),
  );
  const records: ProgressRecord[] = [];
  let unassigned = 0;
  for (const c of completions) {
    const before = records.length;
    for (const a of assignments) {
      if (a.personId !== c.personId || a.programId !== c.program.id) continue;
      let moduleId: string | null = null;
      if (c.module) {
        // Module ids differ between versions; one the assignment's version lacks is skipped.
        const module = moduleInVersion(c.program, c.module, a.versionId);
        if (!module) continue;
        moduleId = module.id;
      }
      records.push({
        assignmentId: a.id,
        moduleId,
        outcome: "completed",
        score: c.score,
        at: c.at,
        source: "import",
        sourceSystem: c.sourceSystem,
        statementId: null,
        importId: report.id,
        cause: `completion import ${report.fileName} (${c.sourceSystem})`,
      });
    }
    if (records.length === before) unassigned++;
  }
  return { records, unassigned };
}

function emptyReport(o: {
  fileName: string;
  sourceSystem: string | null;
  dryRun: boolean;
  actor: Actor;
  rowCount: number;
}): CompletionImportReport {
  return {
    id: randomUUID(),
    status: "previewed",
    dryRun: o.dryRun,
    fileName: o.fileName,
    sourceSystem: o.sourceSystem,
    rowCount: o.rowCount,
    validRowCount: 0,
    errorCount: 0,
    errors: [],
    summary: { recorded: 0, duplicates: 0, completed: 0, started: 0, keptWithoutAssignment: 0 },
    createdAt: clock.nowIso(),
    appliedAt: null,
    createdBy: o.actor.email ?? o.actor.name,
  };
}

function fillErrors(report: CompletionImportReport, errors: RowError[]): void {
  errors.sort((a, b) => a.line - b.line);
  report.errorCount = errors.length;
  report.errors = errors.slice(0, maxReportedErrors);
}

/** Stores a dry run's or a rejected file's report; a rejected apply then fails with it. */
async function finish(db: Db, report: CompletionImportReport): Promise<CompletionImportReport> {
  await insertCompletionImport(db, report);
  if (report.status === "rejected" && !report.dryRun) {
    throw new AppError(
      "validation_failed",
      `The file has ${report.errorCount} error(s); nothing was changed. Fix them, or choose to apply only the valid rows.`,
      report,
    );
  }
  return report;
}
