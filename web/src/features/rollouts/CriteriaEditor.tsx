import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { GateCriterion, GateMetric, GateOperator } from "../../api/rollouts.js";
import { metricLabel, operatorLabels } from "./labels.js";

/** A gate criterion being edited: the threshold may be empty while typing. */
export interface CriterionDraft {
  key: number;
  metric: string;
  operator: GateOperator;
  threshold: number | string;
}

let nextKey = 1;

export function newCriterionDraft(criterion?: GateCriterion): CriterionDraft {
  return {
    key: nextKey++,
    metric: criterion?.metric ?? "completion_rate",
    operator: criterion?.operator ?? ">=",
    threshold: criterion?.threshold ?? 80,
  };
}

/** The criteria, or a message naming the first one that is incomplete. */
export function criteriaFromDrafts(
  drafts: CriterionDraft[],
): { criteria: GateCriterion[]; problem: null } | { criteria: null; problem: string } {
  const criteria: GateCriterion[] = [];
  for (const [index, draft] of drafts.entries()) {
    if (typeof draft.threshold !== "number" || !Number.isFinite(draft.threshold))
      return { criteria: null, problem: `Criterion ${index + 1} needs a threshold.` };
    criteria.push({ metric: draft.metric, operator: draft.operator, threshold: draft.threshold });
  }
  return { criteria, problem: null };
}

const operators: GateOperator[] = [">=", ">", "<=", "<"];

/** Rows of metric, comparison and threshold: what must hold before the gate says go. */
export function CriteriaEditor({
  drafts,
  metrics,
  onChange,
  label,
  testId,
}: {
  drafts: CriterionDraft[];
  metrics: GateMetric[];
  onChange: (drafts: CriterionDraft[]) => void;
  /** Names the gate, for screen readers: "Gate into Scale". */
  label: string;
  testId?: string;
}) {
  const metricOptions = metrics.map((metric) => ({
    value: metric.name,
    label: metricLabel(metric.name),
  }));
  // A criterion on a metric the server does not list (recorded by an integration) still shows.
  for (const draft of drafts) {
    if (!metricOptions.some((option) => option.value === draft.metric))
      metricOptions.push({ value: draft.metric, label: metricLabel(draft.metric) });
  }

  function patch(key: number, change: Partial<CriterionDraft>) {
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  }

  return (
    <Stack gap="xs" data-testid={testId} role="group" aria-label={`${label}: criteria`}>
      {drafts.length === 0 && (
        <Text size="sm" c="dimmed">
          No criteria: the gate opens when someone records a go decision.
        </Text>
      )}
      {drafts.map((draft, index) => {
        const description = metrics.find((metric) => metric.name === draft.metric)?.description;
        return (
          <Group key={draft.key} gap="xs" align="flex-end" wrap="wrap" data-testid="criterion-row">
            <Select
              label="Metric"
              aria-label={`${label}, criterion ${index + 1}: metric`}
              data={metricOptions}
              value={draft.metric}
              onChange={(value) => value && patch(draft.key, { metric: value })}
              allowDeselect={false}
              title={description}
              style={{ flex: "2 1 12rem" }}
            />
            <Select
              label="Must be"
              aria-label={`${label}, criterion ${index + 1}: comparison`}
              data={operators.map((operator) => ({
                value: operator,
                label: operatorLabels[operator],
              }))}
              value={draft.operator}
              onChange={(value) => {
                const operator = operators.find((candidate) => candidate === value);
                if (operator) patch(draft.key, { operator });
              }}
              allowDeselect={false}
              style={{ flex: "1 1 8rem" }}
            />
            <NumberInput
              label="Threshold"
              aria-label={`${label}, criterion ${index + 1}: threshold`}
              value={draft.threshold}
              onChange={(value) => patch(draft.key, { threshold: value })}
              decimalScale={2}
              style={{ flex: "1 1 6rem" }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              mb={2}
              aria-label={`Remove criterion ${index + 1}`}
              onClick={() => onChange(drafts.filter((candidate) => candidate.key !== draft.key))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        );
      })}
      <div>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...drafts, newCriterionDraft()])}
          disabled={drafts.length >= 20}
        >
          Add criterion
        </Button>
      </div>
    </Stack>
  );
}
