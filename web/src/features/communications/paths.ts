/** Addresses of the communications screens; the delivery log's filters live in the query string. */

export const communicationsPath = "/communications";
export const templatesPath = "/communications/templates";
export const newTemplatePath = "/communications/templates/new";
export const suppressionsPath = "/communications/suppressions";

export function templatePath(id: string): string {
  return `${templatesPath}/${encodeURIComponent(id)}`;
}

/** The delivery log narrowed to one person (their external id, as on their page). */
export function personMessagesPath(personId: string): string {
  return `${communicationsPath}?${new URLSearchParams({ personId }).toString()}`;
}

/** The delivery log with one message open in its drawer. */
export function messagePath(id: number): string {
  return `${communicationsPath}?${new URLSearchParams({ message: String(id) }).toString()}`;
}
