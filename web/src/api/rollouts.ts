/**
 * Rollouts, waves, gates, assignments, exceptions and blackout periods, as the web app sees them.
 * The shapes mirror the zod schemas in src/rollouts/rollout.ts, rollouts.routes.ts and
 * assignments.routes.ts.
 */
import { request } from "./client.js";

export type PhaseKind = "pilot" | "scale" | "integrate" | "institutionalize" | "custom";
export type WaveStatus = "planned" | "launched" | "paused" | "rolled_back";
export type EnrollmentMode = "mandatory" | "self_directed";
export type FeasibilityChoice = "assign_anyway" | "extend" | "skip";
export type GateOperator = ">=" | ">" | "<=" | "<";
export type GateDecision = "go" | "no_go" | "extend" | "override";
export type AssignmentStatus =
  "assigned" | "notified" | "started" | "completed" | "exempt" | "overdue" | "withdrawn";
/** How a due date was set against the time the program needs: see plan-assignments.ts. */
export type Feasibility = "ok" | "assigned_anyway" | "extended" | "flagged";
export type ExceptionKind = "extension" | "exemption";

export interface GateCriterion {
  metric: string;
  operator: GateOperator;
  threshold: number;
}

/** When assignments are due, in each person's own time zone. */
export type DeadlinePolicy =
  { kind: "relative"; days: number; time: string } | { kind: "fixed"; date: string; time: string };

export interface Slice {
  regions: string[];
  divisions: string[];
  percent: number | null;
}

export interface Wave {
  id: string;
  rolloutId: string;
  phaseId: string;
  name: string;
  /** Null: the rollout's audience. */
  audienceId: string | null;
  slice: Slice;
  /** YYYY-MM-DD. */
  launchDate: string;
  enrollmentMode: EnrollmentMode;
  deadline: DeadlinePolicy;
  regionDeadlines: Record<string, DeadlinePolicy>;
  joinerGraceDays: number;
  feasibilityChoice: FeasibilityChoice | null;
  status: WaveStatus;
  launchedAt: string | null;
  launchedBy: string | null;
  /** Assignments by status. */
  counts: Partial<Record<AssignmentStatus, number>>;
}

export interface PhaseGateState {
  decision: GateDecision | null;
  decidedAt: string | null;
  lastEvaluationPassed: boolean | null;
  lastEvaluatedAt: string | null;
}

export interface Phase {
  id: string;
  /** 1 for the first phase, which has no gate. */
  position: number;
  kind: PhaseKind;
  name: string;
  gateCriteria: GateCriterion[];
  gate: PhaseGateState;
  waves: Wave[];
}

export interface Rollout {
  id: string;
  name: string;
  description: string;
  programVersionId: string;
  programId: string;
  programName: string;
  versionNumber: number;
  audienceId: string | null;
  /** Null when the rollout has no audience. */
  audienceName: string | null;
  dailyLearningMinutes: number;
  createdAt: string;
  updatedAt: string;
  phases: Phase[];
}

export interface PhaseInput {
  kind: PhaseKind;
  name?: string;
  gateCriteria: GateCriterion[];
}

export interface RolloutInput {
  name: string;
  description: string;
  programVersionId: string;
  audienceId: string | null;
  dailyLearningMinutes: number;
  phases: PhaseInput[];
}

/** A change to a rollout: only what is given changes; the program version stays. */
export interface RolloutChange {
  name?: string;
  description?: string;
  audienceId?: string | null;
  dailyLearningMinutes?: number;
}

export interface WaveInput {
  phaseId: string;
  name: string;
  audienceId: string | null;
  slice: Slice;
  launchDate: string;
  enrollmentMode: EnrollmentMode;
  deadline: DeadlinePolicy;
  regionDeadlines: Record<string, DeadlinePolicy>;
  joinerGraceDays: number;
}

export interface WaveEvent {
  kind: string;
  actor: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

export interface WaveDetail {
  rollout: Rollout;
  phaseId: string;
  /** Newest first. */
  events: WaveEvent[];
}

export interface LaunchPreview {
  waveId: string;
  status: string;
  gate: { required: boolean; open: boolean; latestDecision: GateDecision | null };
  totals: {
    members: number;
    toAssign: number;
    /** Members whose due date leaves too little time. */
    flagged: number;
    /** Members whose division is in a blackout period on the launch date. */
    deferred: number;
    movedByBlackout: number;
  };
  deferred: { division: string; count: number; until: string }[];
  flaggedGroups: {
    timeZone: string;
    region: string;
    division: string;
    count: number;
    dueDate: string;
    availableDays: number;
    requiredDays: number;
    realisticDate: string;
  }[];
  earliestDue: string | null;
  latestDue: string | null;
}

export interface LaunchResult extends LaunchPreview {
  created: number;
  alreadyLaunched: boolean;
}

export interface CriterionResult extends GateCriterion {
  value: number | null;
  met: boolean;
}

export interface GateEvaluation {
  id: string;
  passed: boolean;
  results: CriterionResult[];
  trigger: string;
  at: string;
}

export interface GateDecisionRecord {
  id: string;
  /** Who recorded it (the approvers are listed apart); null when no user did. */
  decidedBy: string | null;
  decision: GateDecision;
  reason: string;
  approvers: string[];
  evaluationId: string | null;
  extendUntil: string | null;
  decidedAt: string;
}

export interface Gate {
  phaseId: string;
  phaseName: string;
  rolloutId: string;
  /** The phase whose results the criteria are measured on. */
  measuredPhase: { id: string; name: string } | null;
  criteria: GateCriterion[];
  current: Record<string, number | null>;
  /** Newest first. */
  evaluations: GateEvaluation[];
  /** Newest first. */
  decisions: GateDecisionRecord[];
}

export interface GateMetric {
  name: string;
  description: string;
}

export interface Assignment {
  id: number;
  rolloutId: string;
  waveId: string;
  programVersionId: string;
  enrollmentMode: string;
  status: AssignmentStatus;
  dueAt: string | null;
  timeZone: string;
  feasibility: Feasibility;
  assignedAt: string;
  assignedCause: string;
  startedAt: string | null;
  completedAt: string | null;
  score: number | null;
  completionSource: string | null;
  closedAt: string | null;
  person: {
    id: string;
    name: string;
    division: string | null;
    region: string | null;
    country: string | null;
    managerId: string | null;
  };
}

export interface AssignmentChange {
  from: string;
  to: string;
  cause: string;
  actor: string;
  details: Record<string, unknown>;
  at: string;
}

export interface AssignmentDetail extends Assignment {
  changes: AssignmentChange[];
}

/** "open": assigned, notified, started or overdue. */
export type AssignmentStatusFilter = AssignmentStatus | "open";

export interface AssignmentsQuery {
  rolloutId?: string;
  waveId?: string;
  status?: AssignmentStatusFilter;
  feasibility?: Feasibility;
  region?: string;
  division?: string;
  country?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface AssignmentsPage {
  items: Assignment[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ExceptionRecord {
  id: string;
  rolloutId: string;
  rolloutName: string;
  kind: ExceptionKind;
  reason: string;
  approvedBy: string;
  requestedBy: string | null;
  newDueDate: string | null;
  expiresOn: string | null;
  assignmentCount: number;
  createdBy: string | null;
  createdAt: string;
  lapsedAt: string | null;
  /** The first 50 people the caller may see. */
  people: { id: string; name: string }[];
}

export interface ExceptionInput {
  kind: ExceptionKind;
  personIds: string[];
  reason: string;
  approvedBy: string;
  newDueDate?: string | null;
  expiresOn?: string | null;
}

export interface Blackout {
  id: string;
  division: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

/** A program version as the rollout form offers it. */
export interface ProgramVersionOption {
  id: string;
  number: number;
  status: "draft" | "published";
  expectedMinutes: number;
  publishedAt: string | null;
}

export interface ProgramOption {
  id: string;
  name: string;
  versions: ProgramVersionOption[];
}

export interface AudienceOption {
  id: string;
  name: string;
  memberCount: number;
}

const rolloutPath = (id: string) => `/api/v1/rollouts/${encodeURIComponent(id)}`;
const wavePath = (id: string) => `/api/v1/waves/${encodeURIComponent(id)}`;
const phasePath = (id: string) => `/api/v1/phases/${encodeURIComponent(id)}`;

export function fetchRollouts(signal?: AbortSignal): Promise<{ items: Rollout[] }> {
  return request<{ items: Rollout[] }>("/api/v1/rollouts", { signal });
}

export function fetchRollout(id: string, signal?: AbortSignal): Promise<Rollout> {
  return request<Rollout>(rolloutPath(id), { signal });
}

export function createRollout(input: RolloutInput): Promise<Rollout> {
  return request<Rollout>("/api/v1/rollouts", { method: "POST", body: input });
}

export function updateRollout(id: string, change: RolloutChange): Promise<Rollout> {
  return request<Rollout>(rolloutPath(id), { method: "PATCH", body: change });
}

export function addWave(rolloutId: string, input: WaveInput): Promise<Rollout> {
  return request<Rollout>(`${rolloutPath(rolloutId)}/waves`, { method: "POST", body: input });
}

export function updateWave(waveId: string, input: Partial<WaveInput>): Promise<Rollout> {
  return request<Rollout>(wavePath(waveId), { method: "PATCH", body: input });
}

/** Deletes a wave that was never launched; a launched one answers 409. */
export function deleteWave(waveId: string): Promise<Rollout> {
  return request<Rollout>(wavePath(waveId), { method: "DELETE" });
}

export function updatePhase(
  phaseId: string,
  input: { name?: string; gateCriteria?: GateCriterion[] },
): Promise<Rollout> {
  return request<Rollout>(phasePath(phaseId), { method: "PATCH", body: input });
}

export function fetchWave(id: string, signal?: AbortSignal): Promise<WaveDetail> {
  return request<WaveDetail>(wavePath(id), { signal });
}

export function fetchLaunchPreview(id: string, signal?: AbortSignal): Promise<LaunchPreview> {
  return request<LaunchPreview>(`${wavePath(id)}/launch-preview`, { signal });
}

export function launchWave(
  id: string,
  input: { feasibility?: FeasibilityChoice; override?: { reason: string } },
): Promise<LaunchResult> {
  return request<LaunchResult>(`${wavePath(id)}/launch`, { method: "POST", body: input });
}

export type WaveAction = "pause" | "resume" | "rollback";

export function changeWaveStatus(
  id: string,
  action: WaveAction,
  reason: string,
): Promise<{ status: WaveStatus; withdrawn: number }> {
  return request<{ status: WaveStatus; withdrawn: number }>(`${wavePath(id)}/${action}`, {
    method: "POST",
    body: { reason },
  });
}

export function syncWave(
  id: string,
): Promise<{ leavers: number; movedOut: number; joined: number; deferred: number }> {
  return request(`${wavePath(id)}/sync`, { method: "POST" });
}

export function fetchGate(phaseId: string, signal?: AbortSignal): Promise<Gate> {
  return request<Gate>(`${phasePath(phaseId)}/gate`, { signal });
}

export function evaluateGate(phaseId: string): Promise<GateEvaluation> {
  return request<GateEvaluation>(`${phasePath(phaseId)}/gate/evaluate`, { method: "POST" });
}

export function decideGate(
  phaseId: string,
  input: {
    decision: Exclude<GateDecision, "override">;
    reason: string;
    approvers: string[];
    extendUntil?: string | null;
  },
): Promise<{ id: string; decidedAt: string; evaluationId: string | null }> {
  return request(`${phasePath(phaseId)}/gate/decisions`, { method: "POST", body: input });
}

export function fetchGateMetrics(signal?: AbortSignal): Promise<{ items: GateMetric[] }> {
  return request<{ items: GateMetric[] }>("/api/v1/gates/metrics", { signal });
}

export function fetchAssignments(
  query: AssignmentsQuery,
  signal?: AbortSignal,
): Promise<AssignmentsPage> {
  return request<AssignmentsPage>("/api/v1/assignments", { query: { ...query }, signal });
}

export function fetchAssignment(id: number, signal?: AbortSignal): Promise<AssignmentDetail> {
  return request<AssignmentDetail>(`/api/v1/assignments/${id}`, { signal });
}

export function grantException(
  rolloutId: string,
  input: ExceptionInput,
): Promise<{ id: string; assignments: number }> {
  return request(`${rolloutPath(rolloutId)}/exceptions`, { method: "POST", body: input });
}

export function fetchExceptions(
  rolloutId: string | undefined,
  signal?: AbortSignal,
): Promise<{ items: ExceptionRecord[] }> {
  return request<{ items: ExceptionRecord[] }>("/api/v1/exceptions", {
    query: { rolloutId },
    signal,
  });
}

export function fetchBlackouts(signal?: AbortSignal): Promise<{ items: Blackout[] }> {
  return request<{ items: Blackout[] }>("/api/v1/blackouts", { signal });
}

export function createBlackout(input: {
  division: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}): Promise<Blackout> {
  return request<Blackout>("/api/v1/blackouts", { method: "POST", body: input });
}

export async function deleteBlackout(id: string): Promise<void> {
  await request<null>(`/api/v1/blackouts/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** Programs with their versions, for choosing the version a rollout delivers. */
export function fetchProgramOptions(signal?: AbortSignal): Promise<{ items: ProgramOption[] }> {
  return request<{ items: ProgramOption[] }>("/api/v1/programs", { signal });
}

/** Audiences, for choosing who a rollout or a wave reaches. */
export function fetchAudienceOptions(signal?: AbortSignal): Promise<{ items: AudienceOption[] }> {
  return request<{ items: AudienceOption[] }>("/api/v1/audiences", { signal });
}
