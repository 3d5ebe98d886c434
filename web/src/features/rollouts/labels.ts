import type {
  AssignmentStatus,
  DeadlinePolicy,
  EnrollmentMode,
  ExceptionKind,
  Feasibility,
  FeasibilityChoice,
  GateDecision,
  GateOperator,
  PhaseKind,
  WaveStatus,
} from "../../api/rollouts.js";
import { formatDate, formatNumber } from "../../components/format.js";

/** Words and colours for the rollout vocabulary, in one place so every screen says the same. */

export const phaseKindLabels: Record<PhaseKind, string> = {
  pilot: "Pilot",
  scale: "Scale",
  integrate: "Integrate",
  institutionalize: "Institutionalize",
  custom: "Custom",
};

export const waveStatusLooks: Record<WaveStatus, { label: string; color: string }> = {
  planned: { label: "Planned", color: "blue" },
  launched: { label: "Live", color: "teal" },
  paused: { label: "Paused", color: "yellow" },
  rolled_back: { label: "Rolled back", color: "gray" },
};

export const assignmentStatuses: AssignmentStatus[] = [
  "assigned",
  "notified",
  "started",
  "completed",
  "overdue",
  "exempt",
  "withdrawn",
];

export const assignmentStatusLooks: Record<AssignmentStatus, { label: string; color: string }> = {
  assigned: { label: "Assigned", color: "blue" },
  notified: { label: "Notified", color: "cyan" },
  started: { label: "Started", color: "indigo" },
  completed: { label: "Completed", color: "teal" },
  overdue: { label: "Overdue", color: "red" },
  exempt: { label: "Exempt", color: "grape" },
  withdrawn: { label: "Withdrawn", color: "gray" },
};

export const feasibilityLooks: Record<Feasibility, { label: string; color: string }> = {
  ok: { label: "Enough time", color: "gray" },
  assigned_anyway: { label: "Short on time", color: "orange" },
  extended: { label: "Extended", color: "indigo" },
  flagged: { label: "Not assigned", color: "red" },
};

export const feasibilityChoiceLabels: Record<FeasibilityChoice, string> = {
  assign_anyway: "Assigned anyway",
  extend: "Extended to realistic dates",
  skip: "Not assigned",
};

export const decisionLooks: Record<GateDecision, { label: string; color: string }> = {
  go: { label: "Go", color: "teal" },
  no_go: { label: "No-go", color: "red" },
  extend: { label: "Extended", color: "yellow" },
  override: { label: "Overridden", color: "grape" },
};

export const enrollmentLabels: Record<EnrollmentMode, string> = {
  mandatory: "Mandatory",
  self_directed: "Self-directed",
};

export const exceptionKindLabels: Record<ExceptionKind, string> = {
  extension: "Extension",
  exemption: "Exemption",
};

export const operatorLabels: Record<GateOperator, string> = {
  ">=": "at least",
  ">": "more than",
  "<=": "at most",
  "<": "less than",
};

const metricLabels: Record<string, string> = {
  completion_rate: "Completion rate",
  overdue_rate: "Overdue rate",
  average_score: "Average score",
  satisfaction: "Satisfaction",
  competency_lift: "Competency lift",
};

/** "completion_rate" → "Completion rate"; unknown metrics keep their name, made readable. */
export function metricLabel(metric: string): string {
  return metricLabels[metric] ?? metric.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

const percentMetrics = new Set(["completion_rate", "overdue_rate"]);

/** A measured value or threshold: rates with a % sign, others as numbers. */
export function formatMetricValue(metric: string, value: number | null): string {
  if (value === null) return "Not measured";
  const rounded = Math.round(value * 10) / 10;
  return percentMetrics.has(metric) ? `${formatNumber(rounded)}%` : formatNumber(rounded);
}

/** "30 days after launch, 23:59" or "on 31 Mar 2026, 17:00", in each person's own time. */
export function deadlineSentence(policy: DeadlinePolicy): string {
  return policy.kind === "relative"
    ? `${policy.days} ${policy.days === 1 ? "day" : "days"} after launch, ${policy.time}`
    : `on ${formatDate(policy.date)}, ${policy.time}`;
}

export const waveEventLabels: Record<string, string> = {
  launched: "Launched",
  paused: "Paused",
  resumed: "Resumed",
  rolled_back: "Rolled back",
  synchronised: "Synchronised with the directory",
};
