import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The database schema as Kysely sees it. Timestamps are ISO-8601 UTC strings on both engines
 * (see docs/adr/0002-timestamps-as-iso-text.md); JSON columns are text.
 */
export interface Database {
  people: PeopleTable;
  person_history: PersonHistoryTable;
  person_tags: PersonTagsTable;
  imports: ImportsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  domain_events: DomainEventsTable;
}

export interface PeopleTable {
  id: Generated<number>;
  external_id: string;
  name: string;
  /** Lower-case, accent-free name: sorting and prefix search. */
  name_key: string;
  /** Lower-case, accent-free family name (last word of the name): prefix search. */
  family_key: string;
  email: string | null;
  manager_external_id: string | null;
  division: string | null;
  department: string | null;
  region: string | null;
  country: string | null;
  location: string | null;
  time_zone: string;
  locale: string | null;
  job_title: string | null;
  job_family: string | null;
  grade: string | null;
  employment_type: string | null;
  hire_date: string | null;
  status: string;
  /** JSON array of tags, e.g. ["frontline","regulated"]. */
  tags: string;
  /** JSON object of custom attributes. */
  attributes: string;
  /** Hash of every tracked attribute: a re-import compares hashes, not columns. */
  row_hash: string;
  left_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTagsTable {
  person_id: number;
  tag: string;
}

export interface PersonHistoryTable {
  id: Generated<number>;
  person_id: number;
  import_id: string | null;
  change: string;
  /** JSON object { field: { from, to } }; empty for a joiner. */
  changes: string;
  at: string;
}

export interface ImportsTable {
  id: string;
  kind: string;
  status: string;
  dry_run: number;
  mode: string;
  format: string;
  file_name: string;
  row_count: number;
  valid_row_count: number;
  error_count: number;
  /** JSON: the first errors, counts by change kind, samples. */
  report: string;
  created_by: string | null;
  created_at: string;
  applied_at: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: string;
  /** JSON array of region names a regional lead is limited to. */
  scope_regions: string;
  /** JSON array of division names a regional lead is limited to. */
  scope_divisions: string;
  /** External id of the person this user is in the directory (managers, learners). */
  person_external_id: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface UserSessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token; the token itself is shown once. */
  token_hash: string;
  /** The first characters of the token, to recognise it in lists. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  idempotency_key: string | null;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface DomainEventsTable {
  id: Generated<number>;
  type: string;
  payload: string;
  created_at: string;
}

export type PeopleRow = Selectable<PeopleTable>;
export type NewPeopleRow = Insertable<PeopleTable>;
export type PeopleUpdate = Updateable<PeopleTable>;
export type JobRow = Selectable<JobsTable>;
export type UserRow = Selectable<UsersTable>;
export type ImportRow = Selectable<ImportsTable>;
