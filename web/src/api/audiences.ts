import { request } from "./client.js";
import type { Facet } from "./types.js";

/**
 * Audiences as the web app sees them; they mirror `audienceSchema` and `audiencePreviewSchema` in
 * src/audiences/audience.ts and the member and change shapes in src/audiences/audiences.routes.ts.
 */
export interface Audience {
  id: string;
  name: string;
  description: string;
  /** The rule in the audience rule language (docs/audience-rules.md). */
  rule: string;
  memberCount: number;
  /** When the members were last worked out; null before the first time. */
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AudienceInput {
  name: string;
  description: string;
  rule: string;
}

export interface AudienceMember {
  id: string;
  name: string;
  division: string | null;
  region: string | null;
  country: string | null;
  jobTitle: string | null;
}

export interface AudienceMemberPage {
  items: AudienceMember[];
  page: number;
  /** Members the reader may see (the audience's memberCount counts everyone). */
  total: number;
}

export interface AudiencePreview {
  /** Active people the rule selects, within what the reader may see. */
  count: number;
  /** Conditions in the rule. */
  conditions: number;
  byDivision: Facet[];
  byRegion: Facet[];
  sample: AudienceMember[];
}

export type AudienceChangeKind = "joined" | "left";

export interface AudienceChange {
  personId: string;
  name: string;
  change: AudienceChangeKind;
  /** Why, e.g. "created", "rule changed by ana@example.com", "directory import …". */
  cause: string;
  at: string;
}

export interface RuleField {
  name: string;
  type: "text" | "date" | "tags" | "attribute" | (string & {});
  description: string;
}

/** Where a refused rule went wrong: the `details` of a 422 from preview, create or update. */
export interface RuleErrorDetails {
  line: number;
  column: number;
  /** From 0, into the rule text. */
  offset: number;
  /** Characters of the faulty text; 0 for a point such as the end of the rule. */
  length: number;
  expected?: string[];
}

const base = "/api/v1/audiences";
const audiencePath = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function fetchAudiences(signal?: AbortSignal): Promise<{ items: Audience[] }> {
  return request<{ items: Audience[] }>(base, { signal });
}

export function fetchAudience(id: string, signal?: AbortSignal): Promise<Audience> {
  return request<Audience>(audiencePath(id), { signal });
}

export function createAudience(input: AudienceInput): Promise<Audience> {
  return request<Audience>(base, { method: "POST", body: input });
}

export function updateAudience(id: string, input: Partial<AudienceInput>): Promise<Audience> {
  return request<Audience>(audiencePath(id), { method: "PATCH", body: input });
}

export function previewAudienceRule(
  input: { rule: string; sampleSize: number },
  signal?: AbortSignal,
): Promise<AudiencePreview> {
  return request<AudiencePreview>(`${base}/preview`, { method: "POST", body: input, signal });
}

export function fetchAudienceMembers(
  id: string,
  query: { page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<AudienceMemberPage> {
  return request<AudienceMemberPage>(`${audiencePath(id)}/members`, {
    query: { ...query },
    signal,
  });
}

export function fetchAudienceChanges(
  id: string,
  limit: number,
  signal?: AbortSignal,
): Promise<{ items: AudienceChange[] }> {
  return request<{ items: AudienceChange[] }>(`${audiencePath(id)}/changes`, {
    query: { limit },
    signal,
  });
}

export function fetchRuleFields(signal?: AbortSignal): Promise<{ items: RuleField[] }> {
  return request<{ items: RuleField[] }>(`${base}/fields`, { signal });
}
