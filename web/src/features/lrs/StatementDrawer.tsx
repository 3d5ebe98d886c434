import {
  Anchor,
  Badge,
  Code,
  Drawer,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconListSearch } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { StatementDetail, StatementProgress } from "../../api/lrs.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { wavePath } from "../rollouts/paths.js";
import { useAssignment } from "../rollouts/queries.js";
import { VoidedBadge } from "./badges.js";
import { CopyValueButton } from "./CopyField.js";
import { actorStatementsPath } from "./paths.js";
import { useStatement } from "./queries.js";
import { objectLabel, ResultSummary } from "./StatementsTable.js";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

/** One stored statement: what it says, the progress it recorded and its full JSON. */
export function StatementDrawer({
  statementId,
  onClose,
}: {
  statementId: string | null;
  onClose: () => void;
}) {
  const isPhone = useIsPhone();
  const statement = useStatement(statementId);
  const summary = statement.data?.summary;
  return (
    <Drawer
      opened={statementId !== null}
      onClose={onClose}
      position="right"
      size={isPhone ? "100%" : "xl"}
      title={
        <Text fw={650}>
          {summary ? `${summary.verb.display} · ${objectLabel(summary)}` : "Statement"}
        </Text>
      }
      data-testid="statement-drawer"
    >
      {statement.isError ? (
        <ErrorAlert
          title="This statement could not be loaded"
          error={statement.error}
          onRetry={() => void statement.refetch()}
        />
      ) : !statement.data ? (
        <Stack gap="sm" aria-busy="true">
          <Skeleton h={16} w="50%" />
          <Skeleton h={120} />
          <Skeleton h={300} />
        </Stack>
      ) : (
        <StatementDetails detail={statement.data} />
      )}
    </Drawer>
  );
}

function StatementDetails({ detail }: { detail: StatementDetail }) {
  const canReadPeople = useAuth().can("people.read");
  const { summary } = detail;
  const json = JSON.stringify(detail.statement, null, 2);
  return (
    <Stack gap="lg" data-testid="statement-details">
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" m={0}>
        <Fact label="Actor">
          {summary.actor.name && (
            <span style={{ display: "block", fontWeight: 600 }}>{summary.actor.name}</span>
          )}
          <span data-testid="statement-actor-identifier">{summary.actor.identifier}</span>
        </Fact>
        <Fact label="Person in the directory">
          {summary.person ? (
            canReadPeople ? (
              <Anchor
                component={Link}
                to={`/people/${encodeURIComponent(summary.person.externalId)}`}
                size="sm"
                data-testid="statement-person-link"
              >
                {summary.person.name}
              </Anchor>
            ) : (
              summary.person.name
            )
          ) : (
            <Text span size="sm" c="orange">
              Not in the directory yet
            </Text>
          )}
        </Fact>
        <Fact label="Verb">
          <span style={{ display: "block" }}>
            {summary.verb.display} {summary.voided && <VoidedBadge />}
          </span>
          <Text span size="xs" c="dimmed">
            {summary.verb.id}
          </Text>
        </Fact>
        <Fact label={summary.object.kind === "Activity" ? "Activity" : summary.object.kind}>
          {summary.object.name && <span style={{ display: "block" }}>{summary.object.name}</span>}
          <Text span size="xs" c="dimmed">
            {summary.object.id}
          </Text>
        </Fact>
        <Fact label="Result">
          <ResultSummary result={summary.result} />
        </Fact>
        <Fact label="Client">{summary.client}</Fact>
        <Fact label="Stored">{formatDateTime(summary.stored)}</Fact>
        <Fact label="Happened">{formatDateTime(summary.timestamp)}</Fact>
      </SimpleGrid>
      <Anchor
        component={Link}
        to={actorStatementsPath(summary.actor.key)}
        size="sm"
        w="fit-content"
        data-testid="actor-statements-link"
      >
        <Group gap={4} component="span">
          <IconListSearch size={16} aria-hidden /> All statements from this actor
        </Group>
      </Anchor>

      <section aria-labelledby="statement-progress-title">
        <Title order={3} fz="sm" mb="xs" id="statement-progress-title">
          Progress recorded
        </Title>
        {detail.progress.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="statement-no-progress">
            {summary.person
              ? "None: no assignment of this person has a module with this activity, or the verb does not count as progress."
              : "None yet: it is applied when the person appears in the directory."}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {detail.progress.map((progress) => (
              <ProgressItem
                key={`${progress.assignmentId}-${progress.module}`}
                progress={progress}
              />
            ))}
          </Stack>
        )}
      </section>

      <section aria-labelledby="statement-json-title">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Title order={3} fz="sm" id="statement-json-title">
            Statement as stored
          </Title>
          <CopyValueButton value={json} label="the JSON" testId="copy-statement-json" />
        </Group>
        <Code
          block
          tabIndex={0}
          aria-label="The statement's JSON"
          data-testid="statement-json"
          style={{
            maxHeight: "min(28rem, 55vh)",
            overflow: "auto",
            fontSize: 12,
            lineHeight: 1.5,
            whiteSpace: "pre",
          }}
        >
          {json}
        </Code>
      </section>
    </Stack>
  );
}

const outcomeLabels: Record<string, string> = { started: "Started", completed: "Completed" };

/** One module moved by the statement, with a way to the assignment in its wave. */
function ProgressItem({ progress }: { progress: StatementProgress }) {
  const canReadAssignments = useAuth().can("assignments.read");
  return (
    <li data-testid="statement-progress" data-assignment-id={progress.assignmentId}>
      <Paper withBorder radius="md" p="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
            {progress.module}
          </Text>
          <Badge
            variant="light"
            color={progress.outcome === "completed" ? "teal" : "blue"}
            miw="max-content"
            data-testid="statement-progress-outcome"
          >
            {outcomeLabels[progress.outcome] ?? progress.outcome}
            {progress.score !== null ? ` · ${progress.score}%` : ""}
          </Badge>
        </Group>
        <Group justify="space-between" gap="xs" mt={4}>
          <Text size="xs" c="dimmed">
            {formatDateTime(progress.at)}
          </Text>
          {canReadAssignments ? (
            <AssignmentLink assignmentId={progress.assignmentId} />
          ) : (
            <Text size="xs" c="dimmed">
              Assignment {progress.assignmentId}
            </Text>
          )}
        </Group>
      </Paper>
    </li>
  );
}

/** The assignment opened in its wave's page, once its rollout and wave are known. */
function AssignmentLink({ assignmentId }: { assignmentId: number }) {
  const assignment = useAssignment(assignmentId);
  if (!assignment.data)
    return (
      <Text size="xs" c="dimmed">
        Assignment {assignmentId}
      </Text>
    );
  const { rolloutId, waveId } = assignment.data;
  return (
    <Anchor
      component={Link}
      to={`${wavePath(rolloutId, waveId)}?assignment=${assignmentId}`}
      size="xs"
      data-testid="statement-assignment-link"
    >
      Open the assignment in its wave
    </Anchor>
  );
}
