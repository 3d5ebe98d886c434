import { request } from "./client.js";
import type { ImportMode, ImportReport, ImportSummary } from "./types.js";

export interface PeopleImportRequest {
  file: File;
  mode: ImportMode;
  dryRun: boolean;
  applyValidRows: boolean;
  /** File column name → Cascade column name; omitted when empty. */
  mapping: Record<string, string>;
}

export function uploadPeopleImport(input: PeopleImportRequest): Promise<ImportReport> {
  const form = new FormData();
  form.set("mode", input.mode);
  form.set("dryRun", String(input.dryRun));
  form.set("applyValidRows", String(input.applyValidRows));
  if (Object.keys(input.mapping).length > 0) form.set("mapping", JSON.stringify(input.mapping));
  // The file goes last so the server can read the options before streaming it.
  form.set("file", input.file, input.file.name);
  return request<ImportReport>("/api/v1/imports/people", { method: "POST", body: form });
}

export function fetchImports(
  query: { page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ items: ImportSummary[]; total: number }> {
  return request<{ items: ImportSummary[]; total: number }>("/api/v1/imports", {
    query: { ...query },
    signal,
  });
}

export function fetchImport(id: string, signal?: AbortSignal): Promise<ImportReport> {
  return request<ImportReport>(`/api/v1/imports/${encodeURIComponent(id)}`, { signal });
}
