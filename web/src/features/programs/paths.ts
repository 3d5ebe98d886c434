/** The page of one program in the web app. */
export function programPath(id: string): string {
  return `/programs/${encodeURIComponent(id)}`;
}

/** The page of one version of a program, with its modules. */
export function versionPath(programId: string, versionId: string): string {
  return `${programPath(programId)}/versions/${encodeURIComponent(versionId)}`;
}
