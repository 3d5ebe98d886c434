import { request } from "./client.js";
import type { ImportRowError, ImportStatus } from "./types.js";

/** What a completion import did (or would do). */
export interface CompletionCounts {
  /** Valid rows stored as new completion records. */
  recorded: number;
  /** Valid rows skipped: repeated in the file, or imported before. */
  duplicates: number;
  /** Assignments moved to completed. */
  completed: number;
  /** Assignments moved to started (some modules still open). */
  started: number;
  /** Records kept as evidence though the person has no assignment they apply to. */
  keptWithoutAssignment: number;
}

export interface CompletionImportSummary {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  fileName: string;
  sourceSystem: string | null;
  rowCount: number;
  validRowCount: number;
  errorCount: number;
  summary: CompletionCounts;
  createdAt: string;
  appliedAt: string | null;
  createdBy: string | null;
}

export interface CompletionImportReport extends CompletionImportSummary {
  /** The first 1,000 errors. */
  errors: ImportRowError[];
}

export interface CompletionImportRequest {
  file: File;
  /** The LMS the file comes from, for rows without a source_system. */
  sourceSystem: string;
  dryRun: boolean;
  applyValidRows: boolean;
}

export function uploadCompletionImport(
  input: CompletionImportRequest,
): Promise<CompletionImportReport> {
  const form = new FormData();
  form.set("dryRun", String(input.dryRun));
  form.set("applyValidRows", String(input.applyValidRows));
  if (input.sourceSystem.trim()) form.set("sourceSystem", input.sourceSystem.trim());
  // The file goes last so the server can read the options before streaming it.
  form.set("file", input.file, input.file.name);
  return request<CompletionImportReport>("/api/v1/imports/completions", {
    method: "POST",
    body: form,
  });
}

export function fetchCompletionImports(
  query: { page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ items: CompletionImportSummary[]; total: number }> {
  return request<{ items: CompletionImportSummary[]; total: number }>(
    "/api/v1/imports/completions",
    { query: { ...query }, signal },
  );
}

export function fetchCompletionImport(
  id: string,
  signal?: AbortSignal,
): Promise<CompletionImportReport> {
  return request<CompletionImportReport>(`/api/v1/imports/completions/${encodeURIComponent(id)}`, {
    signal,
  });
}
