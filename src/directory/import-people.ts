import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type { Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { recordEvent } from "../platform/events.js";
import type { JobRegistry } from "../platform/jobs/job.js";
import { applyPeoplePlan, diffPlannedUpdates, type FieldChanges } from "./apply-people-plan.js";
import { collectPeopleRows, type CollectedRows } from "./collect-people-rows.js";
import { maxReportedErrors, maxSamples, type ImportReport } from "./import-report.js";
import { insertImport } from "./imports.repository.js";
import type { ColumnMapping, FileFormat, RowError } from "./people-file.js";
import { findPeopleByIds, loadPeopleIndex } from "./people.repository.js";
import { presentPersonSummary, type Person, type PersonRecord } from "./person.js";
import { planPeopleImport, type ImportMode, type ImportPlan } from "./plan-people-import.js";

export const directoryChangedEvent = "directory.changed";

export type ImportSource =
  | { kind: "file"; input: Readable; fileName: string; format: FileFormat; mapping: ColumnMapping }
  | { kind: "records"; records: PersonRecord[]; name: string };

export interface ImportPeopleOptions {
  db: Kysely<Database>;
  registry: JobRegistry;
  source: ImportSource;
  mode: ImportMode;
  /** Only report what would change. */
  dryRun: boolean;
  /** Apply the valid rows of a file that has errors (otherwise such a file changes nothing). */
  applyValidRows: boolean;
  actor: Actor;
  /** Called once the input is read, before anything is planned or written; throws to stop. */
  assertInputComplete?: () => void;
  onProgress?: (phase: "reading" | "planning" | "writing", done?: number) => void;
}

/**
 * Synchronises the people directory with an HRIS export: validates every row, works out
 * joiners, movers, leavers and rejoiners, and applies them in one transaction with their history.
 * A file with errors changes nothing unless `applyValidRows` is set; a dry run changes nothing.
 */
export async function importPeople(options: ImportPeopleOptions): Promise<ImportReport> {
  const { db, source, mode, dryRun, applyValidRows, actor } = options;
  options.onProgress?.("reading");
  const collected =
    source.kind === "file"
      ? await collectPeopleRows(source.input, {
          format: source.format,
          mapping: source.mapping,
          onRow: (n) => options.onProgress?.("reading", n),
        })
      : fromRecords(source.records);
  options.assertInputComplete?.();
  const report = emptyReport({
    fileName: source.kind === "file" ? source.fileName : source.name,
    format: source.kind === "file" ? source.format : "jsonl",
    mode,
    dryRun,
    actor,
    rowCount: collected.rowCount,
  });

  if (collected.fileErrors.length > 0) {
    fillErrors(report, collected.fileErrors);
    report.status = "rejected";
    return finish(db, report, dryRun);
  }

  const plan = async (handle: Kysely<Database>) => {
    options.onProgress?.("planning");
    const existing = await loadPeopleIndex(handle);
    const planned = planPeopleImport({
      rows: collected.rows,
      seenIds: collected.seenIds,
      existing,
      mode,
      managerColumn: collected.columnName("manager_id"),
    });
    const diffs = await diffPlannedUpdates(handle, planned);
    const absentSample = await findPeopleByIds(
      handle,
      planned.absentLeavers.slice(0, maxSamples).map((l) => l.id),
    );
    describePlan(report, planned, diffs, collected, absentSample);
    return { planned, diffs };
  };

  if (dryRun) {
    await plan(db);
    report.status = "previewed";
    return finish(db, report, dryRun);
  }

  const applied = await db.transaction().execute(async (trx) => {
    const { planned, diffs } = await plan(trx);
    if (report.errorCount > 0 && !applyValidRows) return false;
    options.onProgress?.("writing");
    const now = clock.nowIso();
    report.status = "applied";
    report.appliedAt = now;
    await applyPeoplePlan(trx, { plan: planned, diffs, importId: report.id, now });
    await insertImport(trx, report);
    const { unchanged: _unchanged, ...changes } = report.summary;
    if (Object.values(changes).some((n) => n > 0)) {
      const payload = { importId: report.id, ...changes };
      await recordEvent(trx, options.registry, { type: directoryChangedEvent, payload });
    }
    return true;
  });
  if (!applied) {
    report.status = "rejected";
    return finish(db, report, dryRun);
  }
  return report;
}

function fromRecords(records: PersonRecord[]): CollectedRows {
  return {
    rows: records.map((record, i) => ({ line: i + 1, record })),
    seenIds: new Set(records.map((r) => r.externalId)),
    rowCount: records.length,
    fileErrors: [],
    rowErrors: [],
    columnName: (c) => c,
  };
}

function emptyReport(o: {
  fileName: string;
  format: FileFormat;
  mode: ImportMode;
  dryRun: boolean;
  actor: Actor;
  rowCount: number;
}): ImportReport {
  return {
    id: randomUUID(),
    status: "previewed",
    dryRun: o.dryRun,
    mode: o.mode,
    format: o.format,
    fileName: o.fileName,
    rowCount: o.rowCount,
    validRowCount: 0,
    errorCount: 0,
    errors: [],
    summary: { joiners: 0, movers: 0, leavers: 0, rejoiners: 0, unchanged: 0 },
    samples: { joiners: [], movers: [], leavers: [] },
    createdAt: clock.nowIso(),
    appliedAt: null,
    createdBy: o.actor.email ?? o.actor.name,
  };
}

function fillErrors(report: ImportReport, errors: RowError[]): void {
  errors.sort((a, b) => a.line - b.line);
  report.errorCount = errors.length;
  report.errors = errors.slice(0, maxReportedErrors);
}

function describePlan(
  report: ImportReport,
  plan: ImportPlan,
  diffs: Map<number, FieldChanges>,
  collected: CollectedRows,
  absentSample: Person[],
): void {
  fillErrors(report, [...collected.rowErrors, ...plan.errors]);
  const planErrorLines = new Set(plan.errors.map((e) => e.line));
  report.validRowCount = collected.rows.filter((r) => !planErrorLines.has(r.line)).length;
  const movers = plan.updates.filter((u) => u.change === "moved");
  const leavers = plan.updates.filter((u) => u.change === "left");
  report.summary = {
    joiners: plan.joiners.length,
    movers: movers.length,
    leavers: leavers.length + plan.absentLeavers.length,
    rejoiners: plan.updates.filter((u) => u.change === "rejoined").length,
    unchanged: plan.unchanged,
  };
  report.samples = {
    joiners: plan.joiners.slice(0, maxSamples).map((j) => presentPersonSummary(j.record)),
    movers: movers.slice(0, maxSamples).map((m) => ({
      id: m.record.externalId,
      name: m.record.name,
      changes: diffs.get(m.id) ?? {},
    })),
    leavers: leavers.slice(0, maxSamples).map((l) => presentPersonSummary(l.record)),
  };
  for (const absent of absentSample.slice(
    0,
    Math.max(0, maxSamples - report.samples.leavers.length),
  )) {
    report.samples.leavers.push(presentPersonSummary(absent));
  }
}

async function finish(
  db: Kysely<Database>,
  report: ImportReport,
  dryRun: boolean,
): Promise<ImportReport> {
  await insertImport(db, report);
  if (!dryRun && report.status === "rejected") {
    throw new AppError(
      "validation_failed",
      `The file has ${report.errorCount} error(s); nothing was changed. Fix them, or choose to apply only the valid rows.`,
      report,
    );
  }
  return report;
}
