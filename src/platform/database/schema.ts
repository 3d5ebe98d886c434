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
  audiences: AudiencesTable;
  audience_members: AudienceMembersTable;
  audience_changes: AudienceChangesTable;
  programs: ProgramsTable;
  program_versions: ProgramVersionsTable;
  program_modules: ProgramModulesTable;
  rollouts: RolloutsTable;
  rollout_phases: RolloutPhasesTable;
  rollout_waves: RolloutWavesTable;
  wave_events: WaveEventsTable;
  blackout_periods: BlackoutPeriodsTable;
  gate_evaluations: GateEvaluationsTable;
  gate_decisions: GateDecisionsTable;
  rollout_metric_values: RolloutMetricValuesTable;
  assignments: AssignmentsTable;
  assignment_changes: AssignmentChangesTable;
  assignment_exceptions: AssignmentExceptionsTable;
  assignment_exception_items: AssignmentExceptionItemsTable;
  lrs_clients: LrsClientsTable;
  xapi_statements: XapiStatementsTable;
  xapi_statement_refs: XapiStatementRefsTable;
  xapi_attachments: XapiAttachmentsTable;
  xapi_documents: XapiDocumentsTable;
  xapi_activities: XapiActivitiesTable;
  xapi_actors: XapiActorsTable;
  module_progress: ModuleProgressTable;
  completion_records: CompletionRecordsTable;
  message_templates: MessageTemplatesTable;
  message_template_variants: MessageTemplateVariantsTable;
  cadences: CadencesTable;
  cadence_progress: CadenceProgressTable;
  outbox_messages: OutboxMessagesTable;
  outbox_events: OutboxEventsTable;
  email_suppressions: EmailSuppressionsTable;
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
  /** SHA-1 of "mailto:" + email, the xAPI mbox_sha1sum. */
  email_sha1: string | null;
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

export interface AudiencesTable {
  id: string;
  name: string;
  description: string;
  rule: string;
  member_count: number;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AudienceMembersTable {
  audience_id: string;
  person_id: number;
}

export interface AudienceChangesTable {
  id: Generated<number>;
  audience_id: string;
  person_id: number;
  change: string;
  cause: string;
  at: string;
}

export interface ProgramsTable {
  id: string;
  name: string;
  description: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgramVersionsTable {
  id: string;
  program_id: string;
  number: number;
  status: string;
  notes: string;
  published_at: string | null;
  published_by: string | null;
  created_at: string;
}

export interface ProgramModulesTable {
  id: string;
  version_id: string;
  position: number;
  kind: string;
  title: string;
  activity_iri: string | null;
  expected_minutes: number;
  required: number;
  /** JSON array of { locale?, region?, title?, activityIri? }. */
  variants: string;
  /** JSON array of verb IRIs that complete the module; null for the defaults. */
  completion_verbs: string | null;
}

export interface RolloutsTable {
  id: string;
  name: string;
  description: string;
  program_version_id: string;
  audience_id: string | null;
  daily_learning_minutes: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RolloutPhasesTable {
  id: string;
  rollout_id: string;
  position: number;
  kind: string;
  name: string;
  /** JSON array of gate criteria guarding entry into this phase. */
  gate_criteria: string;
  created_at: string;
}

export interface RolloutWavesTable {
  id: string;
  rollout_id: string;
  phase_id: string;
  name: string;
  audience_id: string | null;
  /** JSON { regions, divisions, percent }. */
  slice: string;
  launch_date: string;
  enrollment_mode: string;
  /** JSON deadline policy. */
  deadline: string;
  /** JSON { region: deadline policy }. */
  region_deadlines: string;
  joiner_grace_days: number;
  feasibility_choice: string | null;
  status: string;
  launched_at: string | null;
  launched_by: string | null;
  started_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface WaveEventsTable {
  id: Generated<number>;
  wave_id: string;
  kind: string;
  actor: string;
  reason: string | null;
  details: string;
  at: string;
}

export interface BlackoutPeriodsTable {
  id: string;
  division: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface GateEvaluationsTable {
  id: string;
  phase_id: string;
  passed: number;
  results: string;
  trigger: string;
  at: string;
}

export interface GateDecisionsTable {
  id: string;
  phase_id: string;
  decision: string;
  reason: string;
  approvers: string;
  evaluation_id: string | null;
  extend_until: string | null;
  decided_by: string | null;
  decided_at: string;
}

export interface RolloutMetricValuesTable {
  id: Generated<number>;
  rollout_id: string;
  phase_id: string | null;
  metric: string;
  value: number;
  source: string;
  recorded_at: string;
}

export interface AssignmentsTable {
  id: Generated<number>;
  rollout_id: string;
  wave_id: string;
  person_id: number;
  program_version_id: string;
  enrollment_mode: string;
  status: string;
  due_at: string | null;
  time_zone: string;
  feasibility: string;
  assigned_at: string;
  assigned_cause: string;
  started_at: string | null;
  completed_at: string | null;
  score: number | null;
  completion_source: string | null;
  closed_at: string | null;
  updated_at: string;
}

export interface AssignmentChangesTable {
  id: Generated<number>;
  assignment_id: number;
  from_status: string;
  to_status: string;
  cause: string;
  actor: string;
  details: string;
  at: string;
}

export interface AssignmentExceptionsTable {
  id: string;
  rollout_id: string;
  kind: string;
  reason: string;
  approved_by: string;
  requested_by: string | null;
  new_due_at: string | null;
  expires_on: string | null;
  assignment_count: number;
  created_by: string | null;
  created_at: string;
  lapsed_at: string | null;
}

export interface AssignmentExceptionItemsTable {
  exception_id: string;
  assignment_id: number;
  previous_status: string;
  previous_due_at: string | null;
}

export type PeopleRow = Selectable<PeopleTable>;
export type NewPeopleRow = Insertable<PeopleTable>;
export type PeopleUpdate = Updateable<PeopleTable>;
export type JobRow = Selectable<JobsTable>;
export type UserRow = Selectable<UsersTable>;
export type ImportRow = Selectable<ImportsTable>;

export interface LrsClientsTable {
  id: string;
  name: string;
  key: string;
  secret_hash: string;
  /** read, write or read_write. */
  access: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface XapiStatementsTable {
  seq: Generated<number>;
  id: string;
  stored: string;
  actor_key: string;
  verb_id: string;
  activity_id: string | null;
  ref_id: string | null;
  registration: string | null;
  voided: number;
  client_id: string;
  person_id: number | null;
  statement: string;
  attachments: number;
}

export interface XapiStatementRefsTable {
  /** a: activity, g: agent. */
  kind: string;
  key: string;
  seq: number;
}

export interface XapiAttachmentsTable {
  sha2: string;
  content_type: string;
  length: number;
  content: Buffer;
}

export interface XapiDocumentsTable {
  id: Generated<number>;
  kind: string;
  activity_id: string;
  agent_key: string;
  registration: string;
  document_id: string;
  content_type: string;
  content: Buffer;
  etag: string;
  updated_at: string;
}

export interface XapiActivitiesTable {
  id: string;
  definition: string;
  updated_at: string;
}

export interface XapiActorsTable {
  actor_key: string;
  agent: string;
  person_id: number | null;
  statement_count: number;
  first_seen: string;
  last_seen: string;
  matched_at: string | null;
}

export interface ModuleProgressTable {
  id: Generated<number>;
  assignment_id: number;
  module_id: string;
  outcome: string;
  score: number | null;
  at: string;
  source: string;
  source_system: string | null;
  statement_id: string | null;
  import_id: string | null;
  created_at: string;
}

export interface CompletionRecordsTable {
  id: Generated<number>;
  dedupe_key: string;
  import_id: string;
  person_id: number;
  program_id: string;
  module_id: string | null;
  completed_on: string;
  score: number | null;
  source_system: string;
  created_at: string;
}

export interface MessageTemplatesTable {
  id: string;
  name: string;
  purpose: string;
  description: string;
  fallback_locale: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessageTemplateVariantsTable {
  template_id: string;
  locale: string;
  subject: string;
  body: string;
  updated_at: string;
}

export interface CadencesTable {
  id: string;
  rollout_id: string;
  wave_id: string | null;
  name: string;
  /** JSON array of cadence rules. */
  rules: string;
  /** JSON send policy. */
  policy: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CadenceProgressTable {
  wave_id: string;
  rule_key: string;
  through_assignment_id: number;
  through_at: string | null;
  planned_at: string;
}

export interface OutboxMessagesTable {
  id: Generated<number>;
  dedupe_key: string;
  rollout_id: string | null;
  wave_id: string | null;
  rule_key: string | null;
  template_id: string;
  purpose: string;
  channel: string;
  recipient_person_id: number | null;
  recipient_role: string;
  assignment_id: number | null;
  condition: string;
  base_at: string | null;
  scheduled_for: string;
  send_after: string;
  state: string;
  attempts: Generated<number>;
  lease_until: string | null;
  resends: Generated<number>;
  message_id: string | null;
  address: string | null;
  locale: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  transport: string | null;
  last_error: string | null;
  sent_at: string | null;
  cancelled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface OutboxEventsTable {
  id: Generated<number>;
  message_id: number;
  from_state: string;
  to_state: string;
  detail: string;
  at: string;
}

export interface EmailSuppressionsTable {
  address: string;
  reason: string;
  detail: string;
  message_id: number | null;
  at: string;
}
