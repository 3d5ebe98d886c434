import { agentKey, identifiedAgent, type XapiAgent } from "./agents.js";

/** The verb whose statements void another statement. */
export const voidedVerb = "http://adlnet.gov/expapi/verbs/voided";
/** usageType of the attachment that carries a statement's JWS signature. */
export const signatureUsageType = "http://adlnet.gov/expapi/attachments/signature";

/** A statement as received (already validated) or stored. */
export interface Statement {
  id?: string;
  actor: XapiAgent;
  verb: { id: string; display?: Record<string, string> };
  object: StatementObject;
  result?: Record<string, unknown> & {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: boolean;
    completion?: boolean;
  };
  context?: StatementContext;
  timestamp?: string;
  stored?: string;
  authority?: XapiAgent;
  version?: string;
  attachments?: Attachment[];
}

export interface Activity {
  objectType?: "Activity";
  id: string;
  definition?: Record<string, unknown>;
}

export type StatementObject =
  | Activity
  | (XapiAgent & { objectType: "Agent" | "Group" })
  | { objectType: "StatementRef"; id: string }
  | (Omit<Statement, "id" | "stored" | "authority" | "version"> & { objectType: "SubStatement" });

export interface StatementContext {
  registration?: string;
  instructor?: XapiAgent;
  team?: XapiAgent;
  contextActivities?: Record<string, Activity | Activity[]>;
  contextAgents?: { agent: XapiAgent }[];
  contextGroups?: { group: XapiAgent }[];
  revision?: string;
  platform?: string;
  language?: string;
  statement?: { objectType: "StatementRef"; id: string };
  extensions?: Record<string, unknown>;
}

export interface Attachment {
  usageType: string;
  display: Record<string, string>;
  description?: Record<string, string>;
  contentType: string;
  length: number;
  sha2: string;
  fileUrl?: string;
}

export function isActivity(object: StatementObject): object is Activity {
  return object.objectType === undefined || object.objectType === "Activity";
}

function isAgentLike(
  object: StatementObject,
): object is XapiAgent & { objectType: "Agent" | "Group" } {
  return object.objectType === "Agent" || object.objectType === "Group";
}

/** The statement a StatementRef object points at, if the object is one. */
export function refTarget(statement: Statement): string | null {
  return statement.object.objectType === "StatementRef"
    ? (statement.object as { id: string }).id.toLowerCase()
    : null;
}

/** Context activities as arrays (the LRS stores single activities as arrays of one). */
export function normalizeContextActivities(context: StatementContext | undefined): void {
  const activities = context?.contextActivities;
  if (!activities) return;
  for (const [kind, value] of Object.entries(activities))
    if (!Array.isArray(value)) activities[kind] = [value];
}

/** What a stored statement is indexed by, for queries. */
export interface StatementKeys {
  actorKey: string;
  activityId: string | null;
  refId: string | null;
  registration: string | null;
  /** Agents that are the actor or object (kind A), other agents (g), every activity (a). */
  refs: { kind: "A" | "g" | "a"; key: string }[];
}

export function statementKeys(statement: Statement): StatementKeys {
  const refs: StatementKeys["refs"] = [];
  const seen = new Set<string>();
  const add = (kind: "A" | "g" | "a", key: string) => {
    const k = `${kind}\u0000${key}`;
    if (seen.has(k)) return;
    seen.add(k);
    refs.push({ kind, key });
  };
  const actorKey = agentKey(statement.actor);
  add("A", actorKey);
  // A group matches the agent filter of any of its members.
  for (const member of statement.actor.member ?? []) add("A", agentKey(member));
  const object = statement.object;
  let activityId: string | null = null;
  if (isActivity(object)) {
    activityId = object.id;
    add("a", object.id);
  } else if (isAgentLike(object)) {
    add("A", agentKey(object));
    for (const member of object.member ?? []) add("A", agentKey(member));
  }
  if (statement.authority) add("g", agentKey(statement.authority));
  collectContext(statement.context, add);
  if (object.objectType === "SubStatement") {
    const sub = object as unknown as Statement;
    add("g", agentKey(sub.actor));
    if (isActivity(sub.object)) add("a", sub.object.id);
    else if (isAgentLike(sub.object)) add("g", agentKey(sub.object));
    collectContext(sub.context, add);
  }
  return {
    actorKey,
    activityId,
    refId: refTarget(statement),
    registration: statement.context?.registration?.toLowerCase() ?? null,
    refs,
  };
}

function collectContext(
  context: StatementContext | undefined,
  add: (kind: "g" | "a", key: string) => void,
): void {
  if (!context) return;
  if (context.instructor) add("g", agentKey(context.instructor));
  if (context.team) add("g", agentKey(context.team));
  for (const value of Object.values(context.contextActivities ?? {}))
    for (const activity of Array.isArray(value) ? value : [value]) add("a", activity.id);
  for (const entry of context.contextAgents ?? []) add("g", agentKey(entry.agent));
  for (const entry of context.contextGroups ?? []) add("g", agentKey(entry.group));
}

/** Properties the LRS sets, ignored when comparing a statement with one already stored. */
const lrsSet = new Set(["authority", "stored", "version", "id"]);

/**
 * A comparable form of a statement: keys sorted, LRS-set properties left out, context
 * activities as arrays, e-mail addresses lower-cased. Two statements are "the same" when equal.
 */
export function comparableForm(
  statement: Statement,
  options: { ignoreTimestamp: boolean },
): string {
  const copy = structuredClone(statement) as unknown as Record<string, unknown>;
  normalizeContextActivities(copy.context as StatementContext | undefined);
  if (copy.object && (copy.object as Record<string, unknown>).objectType === "SubStatement")
    normalizeContextActivities((copy.object as { context?: StatementContext }).context);
  if (options.ignoreTimestamp) delete copy.timestamp;
  return stableStringify(copy, true);
}

function stableStringify(value: unknown, top = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !(top && lrsSet.has(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([k, v]) =>
          `${JSON.stringify(k)}:${stableStringify(k === "mbox" && typeof v === "string" ? v.toLowerCase() : v)}`,
      );
    return `{${entries.join(",")}}`;
  }
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return JSON.stringify(new Date(time).toISOString());
  }
  return JSON.stringify(value);
}

/** The `ids` format: agents, groups, activities and verbs reduced to what identifies them. */
export function idsFormat(statement: Statement): Statement {
  const agent = (a: XapiAgent): XapiAgent => {
    const out = identifiedAgent(a);
    if (a.objectType === "Group" && !out.mbox && !out.mbox_sha1sum && !out.openid && !out.account)
      out.member = (a.member ?? []).map((m) => identifiedAgent(m));
    return out;
  };
  const object = (o: StatementObject): StatementObject => {
    if (isActivity(o)) return { ...(o.objectType ? { objectType: o.objectType } : {}), id: o.id };
    if (isAgentLike(o)) return agent(o) as StatementObject;
    if (o.objectType === "SubStatement") {
      const sub = o as unknown as Statement;
      return {
        ...sub,
        actor: agent(sub.actor),
        verb: { id: sub.verb.id },
        object: object(sub.object),
        context: contextIds(sub.context),
      } as unknown as StatementObject;
    }
    return o;
  };
  const contextIds = (c: StatementContext | undefined): StatementContext | undefined => {
    if (!c) return c;
    const out: StatementContext = { ...c };
    if (c.instructor) out.instructor = agent(c.instructor);
    if (c.team) out.team = agent(c.team);
    if (c.contextActivities) {
      out.contextActivities = {};
      for (const [k, v] of Object.entries(c.contextActivities))
        out.contextActivities[k] = (Array.isArray(v) ? v : [v]).map((a) => ({
          ...(a.objectType ? { objectType: a.objectType } : {}),
          id: a.id,
        }));
    }
    return out;
  };
  const out: Statement = {
    ...statement,
    actor: agent(statement.actor),
    verb: { id: statement.verb.id },
    object: object(statement.object),
  };
  const context = contextIds(statement.context);
  if (context) out.context = context;
  if (statement.authority) out.authority = agent(statement.authority);
  return out;
}

/**
 * The `canonical` format: every language map reduced to the one language that best matches the
 * request's Accept-Language (or its first entry).
 */
export function canonicalFormat(statement: Statement, languages: readonly string[]): Statement {
  const pick = (map: unknown): unknown => {
    if (!map || typeof map !== "object" || Array.isArray(map)) return map;
    const entries = Object.entries(map as Record<string, unknown>);
    if (entries.length <= 1) return map;
    for (const language of languages) {
      const wanted = language.toLowerCase();
      const found =
        entries.find(([k]) => k.toLowerCase() === wanted) ??
        entries.find(([k]) => k.toLowerCase().split("-")[0] === wanted.split("-")[0]);
      if (found) return Object.fromEntries([found]);
    }
    return Object.fromEntries([entries[0] as [string, unknown]]);
  };
  const copy = structuredClone(statement) as unknown as Record<string, unknown>;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === "extensions") continue;
      if (
        key === "display" ||
        (key === "name" && typeof value === "object") ||
        key === "description"
      )
        record[key] = pick(value);
      else walk(value);
    }
  };
  walk(copy);
  return copy as unknown as Statement;
}
