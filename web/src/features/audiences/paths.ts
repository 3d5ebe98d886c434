/** The page of one audience in the web app. */
export function audiencePath(id: string): string {
  return `/audiences/${encodeURIComponent(id)}`;
}
