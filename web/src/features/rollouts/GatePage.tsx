import {
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconGauge, IconPencil, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client.js";
import type { Gate, GateEvaluation, GateMetric, Phase, Rollout } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate, formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BackLink } from "./BackLink.js";
import { GateDecisionBadge } from "./badges.js";
import type { CriterionDraft } from "./CriteriaEditor.js";
import { CriteriaEditor, criteriaFromDrafts, newCriterionDraft } from "./CriteriaEditor.js";
import { GateDecisionForm } from "./GateDecisionForm.js";
import { decisionLooks, formatMetricValue, metricLabel, operatorLabels } from "./labels.js";
import { RolloutNotFound } from "./NotFound.js";
import { rolloutPath } from "./paths.js";
import { useEvaluateGate, useGate, useGateMetrics, useRollout, useUpdatePhase } from "./queries.js";

/** A gate into a phase: its criteria against today's measures, evaluations and decisions. */
export function GatePage() {
  const { id = "", phaseId = "" } = useParams();
  const gate = useGate(phaseId);
  const rollout = useRollout(id);
  const phase = rollout.data?.phases.find((candidate) => candidate.id === phaseId);
  usePageTitle(gate.data ? `Gate into ${gate.data.phaseName}` : "Gate");

  const error = gate.error ?? rollout.error;
  if (error) {
    if (isApiError(error) && error.status === 404)
      return (
        <RolloutNotFound
          title="Gate not found"
          description={`No phase has the id “${phaseId}”.`}
          backTo={rolloutPath(id)}
          backLabel="Back to the rollout"
        />
      );
    return (
      <Stack>
        <BackLink to={rolloutPath(id)}>Rollout</BackLink>
        <ErrorAlert
          title="This gate could not be loaded"
          error={error}
          onRetry={() => {
            void gate.refetch();
            void rollout.refetch();
          }}
        />
      </Stack>
    );
  }
  if (!gate.data || !rollout.data || !phase)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading gate">
        <Skeleton h={14} w={160} />
        <Skeleton h={32} w={320} />
        <Skeleton h={240} radius="md" />
      </Stack>
    );
  return <GateView gate={gate.data} rollout={rollout.data} phase={phase} />;
}

function GateView({ gate, rollout, phase }: { gate: Gate; rollout: Rollout; phase: Phase }) {
  const { can } = useAuth();
  const metrics = useGateMetrics();
  const evaluate = useEvaluateGate(phase.id);
  const [editing, setEditing] = useState(false);
  const latest = gate.decisions[0] ?? null;
  const isFirst = phase.position <= 1;

  function runEvaluation() {
    evaluate.mutate(undefined, {
      onSuccess: (evaluation) =>
        notifications.show({
          color: evaluation.passed ? "teal" : "orange",
          title: evaluation.passed ? "Every criterion is met" : "Not every criterion is met",
          message: `${evaluation.results.filter((r) => r.met).length} of ${evaluation.results.length} met. The evaluation is kept in the history.`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "The gate was not evaluated",
          message: errorMessage(error),
        }),
    });
  }

  return (
    <>
      <PageHeader
        above={<BackLink to={rolloutPath(rollout.id)}>{rollout.name}</BackLink>}
        title={<span data-testid="gate-title">Gate into {gate.phaseName}</span>}
        titleAside={<GateDecisionBadge decision={latest?.decision ?? null} />}
        description={
          isFirst
            ? "The first phase has no gate: its waves launch when they are ready."
            : `Measured on ${gate.measuredPhase?.name ?? "the phase before"}. Waves of ${gate.phaseName} launch once the latest decision is go.`
        }
        actions={
          !isFirst && (
            <>
              {can("rollouts.manage") && (
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => setEditing(true)}
                >
                  Edit criteria
                </Button>
              )}
              <Button
                variant="light"
                leftSection={<IconGauge size={16} aria-hidden />}
                onClick={runEvaluation}
                loading={evaluate.isPending}
                data-testid="evaluate-gate"
              >
                Evaluate now
              </Button>
            </>
          )
        }
      />
      {!isFirst && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="md">
              <CriteriaPanel gate={gate} metrics={metrics.data?.items ?? []} />
              <EvaluationsPanel gate={gate} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              {can("gates.decide") && (
                <GateDecisionForm phaseId={phase.id} phaseName={gate.phaseName} />
              )}
              <DecisionsPanel gate={gate} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={<Text fw={650}>Criteria of the gate into {gate.phaseName}</Text>}
        size="lg"
      >
        {editing && (
          <CriteriaDialog
            gate={gate}
            metrics={metrics.data?.items ?? []}
            onDone={() => setEditing(false)}
          />
        )}
      </Modal>
    </>
  );
}

function MetBadge({ met }: { met: boolean }) {
  return met ? (
    <Badge
      color="teal"
      variant="light"
      miw="max-content"
      leftSection={<IconCheck size={12} aria-hidden />}
    >
      Met
    </Badge>
  ) : (
    <Badge
      color="red"
      variant="light"
      miw="max-content"
      leftSection={<IconX size={12} aria-hidden />}
    >
      Not met
    </Badge>
  );
}

function CriteriaPanel({ gate, metrics }: { gate: Gate; metrics: GateMetric[] }) {
  const isPhone = useIsPhone();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="criteria-title">
      <Title order={2} fz="md" mb={4} id="criteria-title">
        Criteria
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Measured now on {gate.measuredPhase?.name ?? "the phase before"}.
      </Text>
      {gate.criteria.length === 0 ? (
        <Text size="sm" c="dimmed">
          No criteria: the gate opens when someone records a go decision.
        </Text>
      ) : isPhone ? (
        <Stack
          gap="xs"
          component="ul"
          aria-label="Criteria"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
        >
          {gate.criteria.map((criterion, index) => {
            const value = gate.current[criterion.metric] ?? null;
            const met = meetsNow(criterion.operator, criterion.threshold, value);
            return (
              <li key={index} data-testid="gate-criterion" data-met={met}>
                <Paper withBorder radius="md" p="sm">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={600}>
                      {metricLabel(criterion.metric)}
                    </Text>
                    <MetBadge met={met} />
                  </Group>
                  <Text size="sm">
                    Must be {operatorLabels[criterion.operator]}{" "}
                    {formatMetricValue(criterion.metric, criterion.threshold)} · now{" "}
                    <span data-testid="gate-criterion-value">
                      {formatMetricValue(criterion.metric, value)}
                    </span>
                  </Text>
                </Paper>
              </li>
            );
          })}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table verticalSpacing="sm" aria-label="Criteria" data-testid="gate-criteria">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Metric</Table.Th>
                <Table.Th>Must be</Table.Th>
                <Table.Th>Now</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gate.criteria.map((criterion, index) => {
                const value = gate.current[criterion.metric] ?? null;
                const met = meetsNow(criterion.operator, criterion.threshold, value);
                return (
                  <Table.Tr key={index} data-testid="gate-criterion" data-met={met}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {metricLabel(criterion.metric)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {metrics.find((metric) => metric.name === criterion.metric)?.description}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {operatorLabels[criterion.operator]}{" "}
                      {formatMetricValue(criterion.metric, criterion.threshold)}
                    </Table.Td>
                    <Table.Td
                      className="tabular-nums"
                      style={{ whiteSpace: "nowrap" }}
                      data-testid="gate-criterion-value"
                    >
                      {formatMetricValue(criterion.metric, value)}
                    </Table.Td>
                    <Table.Td>
                      <MetBadge met={met} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** The same rule as the server's `meets`: a missing measurement never meets a criterion. */
function meetsNow(operator: string, threshold: number, value: number | null): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  switch (operator) {
    case ">=":
      return value >= threshold;
    case ">":
      return value > threshold;
    case "<=":
      return value <= threshold;
    case "<":
      return value < threshold;
    default:
      return false;
  }
}

function EvaluationResultBadge({ passed }: { passed: boolean }) {
  return (
    <Badge color={passed ? "teal" : "orange"} variant="light" miw="max-content">
      {passed ? "Passed" : "Not passed"}
    </Badge>
  );
}

function EvaluationMeasures({ evaluation }: { evaluation: GateEvaluation }) {
  return evaluation.results.map((result) => (
    <Text key={result.metric} size="xs" c={result.met ? undefined : "red.7"}>
      {metricLabel(result.metric)}: {formatMetricValue(result.metric, result.value)}
      {result.met
        ? ""
        : ` (needs ${operatorLabels[result.operator]} ${formatMetricValue(result.metric, result.threshold)})`}
    </Text>
  ));
}

function triggerLabel(trigger: string): string {
  return trigger === "on_demand" ? "On demand" : trigger.replace(/_/g, " ");
}

function EvaluationsPanel({ gate }: { gate: Gate }) {
  const isPhone = useIsPhone();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="evaluations-title">
      <Title order={2} fz="md" mb="sm" id="evaluations-title">
        Evaluations
      </Title>
      {gate.evaluations.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not evaluated yet. “Evaluate now” measures the criteria and keeps the result.
        </Text>
      ) : isPhone ? (
        <Stack
          gap="xs"
          component="ul"
          aria-label="Evaluations"
          data-testid="gate-evaluations"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
        >
          {gate.evaluations.map((evaluation) => (
            <li key={evaluation.id} data-testid="gate-evaluation">
              <Paper withBorder radius="md" p="sm">
                <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
                  <Text size="sm" fw={600}>
                    {formatDateTime(evaluation.at)}
                  </Text>
                  <EvaluationResultBadge passed={evaluation.passed} />
                </Group>
                <EvaluationMeasures evaluation={evaluation} />
                <Text size="xs" c="dimmed" mt={4}>
                  {triggerLabel(evaluation.trigger)}
                </Text>
              </Paper>
            </li>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table
            verticalSpacing="xs"
            fz="sm"
            aria-label="Evaluations"
            data-testid="gate-evaluations"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Measures</Table.Th>
                <Table.Th>Trigger</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gate.evaluations.map((evaluation) => (
                <Table.Tr key={evaluation.id} data-testid="gate-evaluation">
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {formatDateTime(evaluation.at)}
                  </Table.Td>
                  <Table.Td>
                    <EvaluationResultBadge passed={evaluation.passed} />
                  </Table.Td>
                  <Table.Td>
                    <EvaluationMeasures evaluation={evaluation} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {triggerLabel(evaluation.trigger)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function DecisionsPanel({ gate }: { gate: Gate }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="decisions-title">
      <Title order={2} fz="md" mb="md" id="decisions-title">
        Decisions
      </Title>
      {gate.decisions.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-decisions">
          No decision yet.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={-1} data-testid="gate-decisions">
          {gate.decisions.map((decision) => {
            const look = decisionLooks[decision.decision];
            return (
              <Timeline.Item
                key={decision.id}
                bullet={<ThemeIcon size={22} radius="xl" color={look.color} variant="filled" />}
                title={
                  <Group gap="xs">
                    <Text size="sm" fw={650}>
                      {look.label}
                    </Text>
                    {decision.extendUntil && (
                      <Text size="xs" c="dimmed">
                        until {formatDate(decision.extendUntil)}
                      </Text>
                    )}
                  </Group>
                }
                data-testid="gate-decision-entry"
                data-decision={decision.decision}
              >
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  “{decision.reason}”
                </Text>
                <Text size="xs" c="dimmed">
                  <time dateTime={decision.decidedAt}>{formatDateTime(decision.decidedAt)}</time>
                  {decision.decidedBy && (
                    <>
                      {" "}
                      · recorded by{" "}
                      <span data-testid="gate-decision-recorded-by">{decision.decidedBy}</span>
                    </>
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  Approved by {decision.approvers.join(", ")}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}

function CriteriaDialog({
  gate,
  metrics,
  onDone,
}: {
  gate: Gate;
  metrics: GateMetric[];
  onDone: () => void;
}) {
  const update = useUpdatePhase();
  const [drafts, setDrafts] = useState<CriterionDraft[]>(() =>
    gate.criteria.map((criterion) => newCriterionDraft(criterion)),
  );
  const result = criteriaFromDrafts(drafts);

  function save() {
    if (!result.criteria) return;
    update.mutate(
      { phaseId: gate.phaseId, gateCriteria: result.criteria },
      {
        onSuccess: () => {
          notifications.show({
            color: "teal",
            title: "Criteria saved",
            message: `The gate into ${gate.phaseName} has ${result.criteria.length} ${result.criteria.length === 1 ? "criterion" : "criteria"}.`,
          });
          onDone();
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <CriteriaEditor
        drafts={drafts}
        metrics={metrics}
        onChange={setDrafts}
        label={`Gate into ${gate.phaseName}`}
      />
      {result.problem && (
        <Text size="sm" c="red.7">
          {result.problem}
        </Text>
      )}
      {update.isError && <ErrorAlert title="The criteria were not saved" error={update.error} />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={save} loading={update.isPending} disabled={result.problem !== null}>
          Save criteria
        </Button>
      </Group>
    </Stack>
  );
}
