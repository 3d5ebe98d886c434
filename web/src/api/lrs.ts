/**
 * The learning record store (xAPI) as operators see it: its endpoint and figures, the clients
 * that send statements, the statements themselves and the actors not yet in the directory.
 * The shapes mirror the zod schemas in src/tracking/xapi/lrs.routes.ts.
 */
import { request } from "./client.js";

export type LrsAccess = "read" | "write" | "read_write";

export interface LrsOverview {
  /** Where LMSes send statements, e.g. https://cascade.example.com/xapi/. */
  endpoint: string;
  /** xAPI versions the LRS accepts in X-Experience-API-Version. */
  versions: string[];
  statementsReceived: number;
  statementsLast24h: number;
  /** Percent (one decimal) of the last 24 h's statements whose actor is in the directory. */
  matchedShare: number | null;
  unmatchedActors: number;
  activeClients: number;
}

/** Credentials an LMS uses; the secret is never shown again after creation. */
export interface LrsClient {
  id: string;
  name: string;
  key: string;
  access: LrsAccess;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewLrsClient {
  client: LrsClient;
  /** Shown once. */
  secret: string;
  endpoint: string;
  /** The ready `Basic base64(key:secret)` value of the Authorization header. */
  authorization: string;
}

export interface StatementSummary {
  id: string;
  /** Order of arrival; the cursor of the statement list. */
  seq: number;
  stored: string;
  timestamp: string | null;
  actor: { key: string; name: string | null; identifier: string };
  /** The person in the directory the actor was matched to. */
  person: { externalId: string; name: string } | null;
  verb: { id: string; display: string };
  object: { id: string; kind: string; name: string | null };
  result: { scaled: number | null; success: boolean | null; completion: boolean | null } | null;
  /** The client's name. */
  client: string;
  voided: boolean;
}

export interface StatementsQuery {
  /** E-mail, external id or actor key. */
  actor?: string | undefined;
  /** Verb IRI. */
  verb?: string | undefined;
  /** Activity IRI. */
  activity?: string | undefined;
  clientId?: string | undefined;
  matched?: "true" | "false" | undefined;
  /** Statements that arrived before this seq (the previous page's `nextBefore`). */
  before?: number | undefined;
  limit?: number | undefined;
}

export interface StatementsPage {
  /** Newest first. */
  items: StatementSummary[];
  /** Pass as `before` for older statements; null on the last page. */
  nextBefore: number | null;
}

export interface StatementProgress {
  assignmentId: number;
  /** The module's title. */
  module: string;
  outcome: string;
  score: number | null;
  at: string;
}

export interface StatementDetail {
  summary: StatementSummary;
  /** The statement as stored, with the LRS's own `id`, `stored` and `authority`. */
  statement: Record<string, unknown>;
  progress: StatementProgress[];
}

export interface UnmatchedActor {
  actorKey: string;
  name: string | null;
  identifier: string;
  statementCount: number;
  firstSeen: string;
  lastSeen: string;
}

export function fetchLrsOverview(signal?: AbortSignal): Promise<LrsOverview> {
  return request<LrsOverview>("/api/v1/lrs/overview", { signal });
}

export function fetchLrsClients(signal?: AbortSignal): Promise<{ items: LrsClient[] }> {
  return request<{ items: LrsClient[] }>("/api/v1/lrs/clients", { signal });
}

export function createLrsClient(input: { name: string; access: LrsAccess }): Promise<NewLrsClient> {
  return request<NewLrsClient>("/api/v1/lrs/clients", { method: "POST", body: input });
}

export function revokeLrsClient(id: string): Promise<LrsClient> {
  return request<LrsClient>(`/api/v1/lrs/clients/${encodeURIComponent(id)}/revoke`, {
    method: "POST",
  });
}

export function fetchStatements(
  query: StatementsQuery,
  signal?: AbortSignal,
): Promise<StatementsPage> {
  return request<StatementsPage>("/api/v1/lrs/statements", { query: { ...query }, signal });
}

export function fetchStatement(id: string, signal?: AbortSignal): Promise<StatementDetail> {
  return request<StatementDetail>(`/api/v1/lrs/statements/${encodeURIComponent(id)}`, {
    signal,
  });
}

export function fetchUnmatchedActors(
  query: { offset: number; limit: number },
  signal?: AbortSignal,
): Promise<{ total: number; items: UnmatchedActor[] }> {
  return request<{ total: number; items: UnmatchedActor[] }>("/api/v1/lrs/unmatched-actors", {
    query: { ...query },
    signal,
  });
}

export function matchUnmatchedActors(): Promise<{ matched: number; statements: number }> {
  return request<{ matched: number; statements: number }>("/api/v1/lrs/unmatched-actors/match", {
    method: "POST",
  });
}
