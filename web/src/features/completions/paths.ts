export const completionImportsPath = "/completion-imports";

export function completionImportPath(id: string): string {
  return `${completionImportsPath}/${encodeURIComponent(id)}`;
}
