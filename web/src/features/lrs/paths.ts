/** Addresses of the learning records screen; its tab and filters live in the query string. */

export const lrsPath = "/lrs";

/** The statements tab narrowed to one actor (an e-mail, external id or actor key). */
export function actorStatementsPath(actor: string): string {
  return `${lrsPath}?${new URLSearchParams({ tab: "statements", actor }).toString()}`;
}

/** The statements tab narrowed to one client. */
export function clientStatementsPath(clientId: string): string {
  return `${lrsPath}?${new URLSearchParams({ tab: "statements", client: clientId }).toString()}`;
}
