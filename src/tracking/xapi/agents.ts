import { createHash } from "node:crypto";

/** An xAPI Agent or Group as it appears in a statement (validated elsewhere). */
export interface XapiAgent {
  objectType?: "Agent" | "Group";
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
  member?: XapiAgent[];
}

/** The SHA-1 of "mailto:" + address: the xAPI `mbox_sha1sum` of an e-mail address. */
export function mboxSha1(email: string): string {
  return createHash("sha1").update(`mailto:${email}`).digest("hex");
}

/**
 * One string per identified agent or group, from its inverse functional identifier: what
 * statements are indexed and queried by. E-mail addresses compare case-insensitively.
 * An anonymous group (no identifier) is keyed by its members.
 */
export function agentKey(agent: XapiAgent): string {
  if (agent.mbox !== undefined) return `mbox:${agent.mbox.toLowerCase()}`;
  if (agent.mbox_sha1sum !== undefined) return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid !== undefined) return `openid:${agent.openid}`;
  if (agent.account !== undefined) return `account:${agent.account.homePage}|${agent.account.name}`;
  const members = (agent.member ?? []).map(agentKey).sort();
  return `group:${createHash("sha256").update(members.join("\n")).digest("hex").slice(0, 32)}`;
}

/** The identifier part of an agent alone (what the Agents resource and documents key on). */
export function identifiedAgent(agent: XapiAgent): XapiAgent {
  const out: XapiAgent = {};
  if (agent.objectType) out.objectType = agent.objectType;
  if (agent.mbox !== undefined) out.mbox = agent.mbox;
  else if (agent.mbox_sha1sum !== undefined) out.mbox_sha1sum = agent.mbox_sha1sum;
  else if (agent.openid !== undefined) out.openid = agent.openid;
  else if (agent.account !== undefined) out.account = agent.account;
  return out;
}
