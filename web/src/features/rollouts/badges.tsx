import { Badge } from "@mantine/core";
import type {
  AssignmentStatus,
  Feasibility,
  GateDecision,
  WaveStatus,
} from "../../api/rollouts.js";
import {
  assignmentStatusLooks,
  decisionLooks,
  feasibilityLooks,
  waveStatusLooks,
} from "./labels.js";

export function WaveStatusBadge({ status }: { status: WaveStatus }) {
  const look = waveStatusLooks[status] ?? { label: status, color: "gray" };
  return (
    <Badge color={look.color} variant="light" miw="max-content" data-testid="wave-status">
      {look.label}
    </Badge>
  );
}

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  const look = assignmentStatusLooks[status] ?? { label: status, color: "gray" };
  return (
    <Badge color={look.color} variant="light" miw="max-content" data-testid="assignment-status">
      {look.label}
    </Badge>
  );
}

export function FeasibilityBadge({ feasibility }: { feasibility: Feasibility }) {
  const look = feasibilityLooks[feasibility] ?? { label: feasibility, color: "gray" };
  if (feasibility === "ok")
    return (
      <Badge color="gray" variant="transparent" miw="max-content" px={0} fw={500} tt="none">
        {look.label}
      </Badge>
    );
  return (
    <Badge color={look.color} variant="outline" miw="max-content">
      {look.label}
    </Badge>
  );
}

/** The state of a gate: its latest decision, or that one is still awaited. */
export function GateDecisionBadge({ decision }: { decision: GateDecision | null }) {
  if (decision === null)
    return (
      <Badge color="gray" variant="outline" miw="max-content" data-testid="gate-decision">
        Awaiting decision
      </Badge>
    );
  const look = decisionLooks[decision] ?? { label: decision, color: "gray" };
  return (
    <Badge color={look.color} variant="light" miw="max-content" data-testid="gate-decision">
      {look.label}
    </Badge>
  );
}
