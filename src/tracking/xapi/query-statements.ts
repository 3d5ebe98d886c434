import { sql, type Kysely } from "kysely";
import type { Database } from "../../platform/database/schema.js";
import { AppError } from "../../platform/errors.js";
import { agentKey, type XapiAgent } from "./agents.js";
import { canonicalFormat, idsFormat, statementKeys, type Statement } from "./statement.js";
import { isIri, isUuid, validateAgent } from "./validate-statement.js";
import { booleanParam, instantParam, jsonParam, onlyParams } from "./xapi-request.js";

type Db = Kysely<Database>;

export type StatementFormat = "exact" | "ids" | "canonical";

/** A statements query, as parsed from the request (or from a `more` cursor). */
export interface StatementQuery {
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  since?: string;
  until?: string;
  limit: number;
  ascending: boolean;
  format: StatementFormat;
  attachments: boolean;
  /** Continue after this sequence number (a `more` page). */
  after?: number;
}

export const maxLimit = 500;

const queryParameters = [
  "agent",
  "verb",
  "activity",
  "registration",
  "related_activities",
  "related_agents",
  "since",
  "until",
  "limit",
  "format",
  "attachments",
  "ascending",
];

function formatParam(params: Record<string, string>): StatementFormat {
  const format = params.format ?? "exact";
  if (format !== "exact" && format !== "ids" && format !== "canonical")
    throw new AppError("bad_request", `format: must be exact, ids or canonical, got "${format}".`);
  return format;
}

/** What a GET on the Statements resource asks for: one statement or a query. */
export type StatementRequest =
  | { kind: "one"; id: string; voided: boolean; format: StatementFormat; attachments: boolean }
  | { kind: "query"; query: StatementQuery };

export function parseStatementRequest(params: Record<string, string>): StatementRequest {
  if (params.more !== undefined) {
    onlyParams(params, ["more"]);
    return { kind: "query", query: decodeMore(params.more) };
  }
  const single = params.statementId ?? params.voidedStatementId;
  if (params.statementId !== undefined && params.voidedStatementId !== undefined)
    throw new AppError("bad_request", "Send statementId or voidedStatementId, not both.");
  if (single !== undefined) {
    const name = params.statementId !== undefined ? "statementId" : "voidedStatementId";
    onlyParams(params, [name, "format", "attachments"]);
    if (!isUuid(single)) throw new AppError("bad_request", `${name}: "${single}" is not a UUID.`);
    return {
      kind: "one",
      id: single.toLowerCase(),
      voided: name === "voidedStatementId",
      format: formatParam(params),
      attachments: booleanParam(params, "attachments", false),
    };
  }
  onlyParams(params, queryParameters);
  const query: StatementQuery = {
    relatedActivities: booleanParam(params, "related_activities", false),
    relatedAgents: booleanParam(params, "related_agents", false),
    ascending: booleanParam(params, "ascending", false),
    attachments: booleanParam(params, "attachments", false),
    format: formatParam(params),
    limit: maxLimit,
  };
  const agent = jsonParam(params, "agent");
  if (agent !== undefined) {
    const issue = validateAgent(agent, "agent");
    if (issue) throw new AppError("bad_request", `${issue.path}: ${issue.message}`);
    query.agent = agentKey(agent as XapiAgent);
  }
  for (const name of ["verb", "activity"] as const) {
    const value = params[name];
    if (value === undefined) continue;
    if (!isIri(value)) throw new AppError("bad_request", `${name}: "${value}" is not an IRI.`);
    query[name] = value;
  }
  if (params.registration !== undefined) {
    if (!isUuid(params.registration))
      throw new AppError("bad_request", `registration: "${params.registration}" is not a UUID.`);
    query.registration = params.registration.toLowerCase();
  }
  for (const name of ["since", "until"] as const) {
    const value = params[name];
    if (value === undefined) continue;
    query[name] = instantParam(name, value);
  }
  if (params.limit !== undefined) {
    if (!/^\d+$/.test(params.limit))
      throw new AppError("bad_request", `limit: must be a whole number, got "${params.limit}".`);
    const limit = Number(params.limit);
    query.limit = limit === 0 ? maxLimit : Math.min(limit, maxLimit);
  }
  return { kind: "query", query };
}

function encodeMore(query: StatementQuery, after: number): string {
  return Buffer.from(JSON.stringify({ ...query, after })).toString("base64url");
}

function decodeMore(token: string): StatementQuery {
  try {
    const query = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as StatementQuery;
    if (typeof query.after !== "number" || typeof query.limit !== "number") throw new Error();
    if (!["exact", "ids", "canonical"].includes(query.format)) throw new Error();
    // The cursor is the client's to keep; its page size stays within the LRS's limit.
    return { ...query, limit: Math.max(1, Math.min(maxLimit, Math.floor(query.limit))) };
  } catch {
    throw new AppError("bad_request", "more: this is not a cursor the LRS issued.");
  }
}

export interface StatementRow {
  seq: number;
  stored: string;
  statement: string;
}

/**
 * Runs a statements query: newest first unless ascending, voided statements left out (their
 * voiding statements are returned). Each filter uses an index; agent and related filters go
 * through the statement-refs table.
 */
export async function queryStatements(
  db: Db,
  query: StatementQuery,
): Promise<{ rows: StatementRow[]; more: string }> {
  // An agent or related-activity filter walks the refs index in sequence order and joins the
  // statements, so a page costs as many row reads as it returns, however many statements match.
  let order: "s.seq" | "ra.seq" | "rg.seq" = "s.seq";
  let q = db
    .selectFrom("xapi_statements as s")
    .select(["s.seq", "s.stored", "s.statement"])
    .where("s.voided", "=", 0);
  if (query.agent !== undefined) {
    const key = query.agent;
    if (query.relatedAgents) {
      // Actor or object (A) and other related agents (g): a statement may be both, so a subquery.
      q = q.where("s.seq", "in", (eb) =>
        eb
          .selectFrom("xapi_statement_refs")
          .select("seq")
          .where("kind", "in", ["A", "g"])
          .where("key", "=", key),
      );
    } else {
      q = q
        .innerJoin("xapi_statement_refs as rg", "rg.seq", "s.seq")
        .where("rg.kind", "=", "A")
        .where("rg.key", "=", key);
      order = "rg.seq";
    }
  }
  if (query.activity !== undefined) {
    const activity = query.activity;
    if (query.relatedActivities) {
      q = q
        .innerJoin("xapi_statement_refs as ra", "ra.seq", "s.seq")
        .where("ra.kind", "=", "a")
        .where("ra.key", "=", activity);
      order = order === "s.seq" ? "ra.seq" : order;
    } else q = q.where("s.activity_id", "=", activity);
  }
  if (query.verb !== undefined) q = q.where("s.verb_id", "=", query.verb);
  if (query.registration !== undefined) q = q.where("s.registration", "=", query.registration);
  if (query.since !== undefined) q = q.where("s.stored", ">", query.since);
  if (query.until !== undefined) q = q.where("s.stored", "<=", query.until);
  if (query.after !== undefined)
    q = q.where(sql.ref(order), query.ascending ? ">" : "<", query.after);
  const found = (
    await q
      .orderBy(sql.ref(order), query.ascending ? "asc" : "desc")
      .limit(query.limit + 1)
      .execute()
  ).map((r) => ({ ...r, seq: Number(r.seq) }));
  const rows = await withTargetingStatements(db, query, found);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const more =
    rows.length > query.limit && last ? `/xapi/statements?more=${encodeMore(query, last.seq)}` : "";
  return { rows: page, more };
}

/** Whether a query filters on anything a targeted statement can meet (not time or sequence). */
function filtersContent(query: StatementQuery): boolean {
  return (
    query.agent !== undefined ||
    query.activity !== undefined ||
    query.verb !== undefined ||
    query.registration !== undefined
  );
}

/** Whether a statement meets the query's content filters (agent, activity, verb, registration). */
function meetsFilters(statement: Statement, query: StatementQuery): boolean {
  const keys = statementKeys(statement);
  if (query.verb !== undefined && statement.verb.id !== query.verb) return false;
  if (query.registration !== undefined && keys.registration !== query.registration) return false;
  if (query.activity !== undefined) {
    const hit = query.relatedActivities
      ? keys.refs.some((r) => r.kind === "a" && r.key === query.activity)
      : keys.activityId === query.activity;
    if (!hit) return false;
  }
  if (query.agent !== undefined) {
    const hit = keys.refs.some(
      (r) => r.key === query.agent && (r.kind === "A" || (query.relatedAgents && r.kind === "g")),
    );
    if (!hit) return false;
  }
  return true;
}

/** How deep a chain of StatementRefs is followed. */
const maxChain = 10;
/** Most statements with a StatementRef object examined for one page. */
const maxTargeting = 5_000;

/**
 * Adds the statements that target (through a StatementRef object, voiding included) a statement
 * meeting the filters, recursively, as xAPI requires; time, sequence and paging still apply to
 * them. They are walked through a partial index of StatementRef statements, only as far as the
 * page reaches.
 */
async function withTargetingStatements(
  db: Db,
  query: StatementQuery,
  found: StatementRow[],
): Promise<StatementRow[]> {
  if (!filtersContent(query)) return found;
  const full = found.length > query.limit;
  const bound = full ? found[found.length - 1]?.seq : undefined;
  let q = db
    .selectFrom("xapi_statements as s")
    .select(["s.seq", "s.stored", "s.statement", "s.ref_id"])
    .where("s.ref_id", "is not", null)
    .where("s.voided", "=", 0);
  if (query.since !== undefined) q = q.where("s.stored", ">", query.since);
  if (query.until !== undefined) q = q.where("s.stored", "<=", query.until);
  if (query.after !== undefined) q = q.where("s.seq", query.ascending ? ">" : "<", query.after);
  if (bound !== undefined) q = q.where("s.seq", query.ascending ? "<" : ">", bound);
  const candidates = await q
    .orderBy("s.seq", query.ascending ? "asc" : "desc")
    .limit(maxTargeting)
    .execute();
  if (candidates.length === 0) return found;
  const have = new Set(found.map((r) => r.seq));
  // Follow each candidate's chain of targets until one meets the filters.
  const targets = new Map<string, { statement: Statement; refId: string | null }>();
  let pending = [...new Set(candidates.map((c) => c.ref_id ?? ""))];
  for (let depth = 0; depth < maxChain && pending.length > 0; depth++) {
    const rows = await db
      .selectFrom("xapi_statements")
      .select(["id", "statement", "ref_id"])
      .where("id", "in", pending)
      .execute();
    for (const row of rows)
      targets.set(row.id, { statement: JSON.parse(row.statement) as Statement, refId: row.ref_id });
    pending = rows.flatMap((r) => (r.ref_id && !targets.has(r.ref_id) ? [r.ref_id] : []));
  }
  const meets = (id: string | null, depth = 0): boolean => {
    const target = id === null ? undefined : targets.get(id);
    if (!target || depth > maxChain) return false;
    return meetsFilters(target.statement, query) || meets(target.refId, depth + 1);
  };
  const extra = candidates
    .filter((c) => !have.has(Number(c.seq)) && meets(c.ref_id))
    .map((c) => ({ seq: Number(c.seq), stored: c.stored, statement: c.statement }));
  if (extra.length === 0) return found;
  return [...found, ...extra]
    .sort((a, b) => (query.ascending ? a.seq - b.seq : b.seq - a.seq))
    .slice(0, query.limit + 1);
}

export async function findStatement(
  db: Db,
  id: string,
): Promise<(StatementRow & { voided: number }) | undefined> {
  const row = await db
    .selectFrom("xapi_statements")
    .select(["seq", "stored", "statement", "voided"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, seq: Number(row.seq), voided: Number(row.voided) } : undefined;
}

/** A stored statement's JSON in the requested format. */
export function formatStatement(
  text: string,
  format: StatementFormat,
  languages: readonly string[],
): string {
  if (format === "exact") return text;
  const statement = JSON.parse(text) as Statement;
  return JSON.stringify(
    format === "ids" ? idsFormat(statement) : canonicalFormat(statement, languages),
  );
}

/** The languages of an Accept-Language header, best first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.tag !== "*")
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}
