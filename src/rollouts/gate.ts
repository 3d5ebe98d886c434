import { z } from "zod";

/**
 * Metrics a gate can read. The first three are measured from assignments; the others are recorded
 * by evaluation features (or through the API) as metric values. Any other metric name recorded as
 * a value can be used too.
 */
export const knownMetrics = {
  completion_rate: "Completed assignments, % of assigned (withdrawn and exempt excluded)",
  overdue_rate: "Overdue assignments, % of assigned (withdrawn and exempt excluded)",
  average_score: "Average score of completed assignments that have one (0–100)",
  satisfaction: "Average satisfaction (recorded metric value)",
  competency_lift: "Competency lift, post minus pre (recorded metric value)",
} as const;

/** Metrics measured from assignments; recorded values cannot replace them. */
export const measuredMetrics: readonly string[] = [
  "completion_rate",
  "overdue_rate",
  "average_score",
];

export const gateOperators = [">=", ">", "<=", "<"] as const;
export type GateOperator = (typeof gateOperators)[number];

export const gateCriterionSchema = z.object({
  metric: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, "A metric name is lower-case letters, digits and _"),
  operator: z.enum(gateOperators),
  threshold: z.number().finite(),
});
export type GateCriterion = z.infer<typeof gateCriterionSchema>;

export const gateDecisions = ["go", "no_go", "extend", "override"] as const;
export type GateDecision = (typeof gateDecisions)[number];

export interface CriterionResult extends GateCriterion {
  value: number | null;
  met: boolean;
}

/** Whether one measured value meets a criterion; a missing measurement never does. */
export function meets(criterion: GateCriterion, value: number | null): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  switch (criterion.operator) {
    case ">=":
      return value >= criterion.threshold;
    case ">":
      return value > criterion.threshold;
    case "<=":
      return value <= criterion.threshold;
    case "<":
      return value < criterion.threshold;
  }
}

/** Evaluates every criterion of a gate against measured values; the gate passes when all are met. */
export function evaluateCriteria(
  criteria: readonly GateCriterion[],
  values: Readonly<Record<string, number | null>>,
): { passed: boolean; results: CriterionResult[] } {
  const results = criteria.map((c) => {
    const value = values[c.metric] ?? null;
    return { ...c, value, met: meets(c, value) };
  });
  return { passed: results.every((r) => r.met), results };
}

/**
 * Whether a phase's waves may launch. A gate stands before every phase but the first; it opens with
 * a recorded "go" (or an admin's override) as its latest decision.
 */
export function gateAllowsLaunch(position: number, latestDecision: GateDecision | null): boolean {
  if (position <= 1) return true;
  return latestDecision === "go" || latestDecision === "override";
}
