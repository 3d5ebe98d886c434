import {
  Anchor,
  Button,
  EmptyState,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
  Group,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconRocket } from "@tabler/icons-react";
import type { KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { Rollout } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDate } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { rolloutPath } from "./paths.js";
import { PhaseSummary } from "./PhaseSummary.js";
import { rolloutProgress } from "./progress.js";
import { RolloutForm } from "./RolloutForm.js";
import { RolloutProgress } from "./RolloutProgress.js";
import { useRollouts } from "./queries.js";

function waveSummary(rollout: Rollout): string {
  const waves = rollout.phases.flatMap((phase) => phase.waves);
  const live = waves.filter((wave) => wave.status === "launched").length;
  const count = formatCount(waves.length, "wave", "waves");
  return live > 0 ? `${count} · ${live} live` : count;
}

function programLabel(rollout: Rollout): string {
  return `${rollout.programName} · v${rollout.versionNumber}`;
}

export function RolloutsPage() {
  usePageTitle("Rollouts");
  const rollouts = useRollouts();
  const { can } = useAuth();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [formOpened, form] = useDisclosure(false);

  function created(rollout: Rollout) {
    form.close();
    notifications.show({
      color: "teal",
      title: "Rollout created",
      message: `“${rollout.name}” is ready for its first wave.`,
    });
    void navigate(rolloutPath(rollout.id));
  }

  const items = rollouts.data?.items;
  return (
    <>
      <PageHeader
        title="Rollouts"
        description={
          <Text size="sm" c="dimmed" data-testid="rollouts-total">
            {items === undefined
              ? "Loading rollouts…"
              : `${formatCount(items.length, "rollout", "rollouts")}: programs delivered in phases and waves, each phase opened by a gate.`}
          </Text>
        }
        actions={
          can("rollouts.manage") && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={form.open}
              data-testid="new-rollout"
            >
              New rollout
            </Button>
          )
        }
      />
      {rollouts.isError ? (
        <ErrorAlert
          title="Rollouts could not be loaded"
          error={rollouts.error}
          onRetry={() => void rollouts.refetch()}
        />
      ) : items && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconRocket size={28} aria-hidden />}
            variant="light"
            title="No rollouts yet"
            description="A rollout delivers a published program version to an audience, a pilot first, then wave by wave."
            data-testid="rollouts-empty"
          >
            {can("rollouts.manage") && (
              <EmptyState.Actions>
                <Button variant="light" onClick={form.open}>
                  Create the first rollout
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <RolloutCards rollouts={items} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <RolloutTable rollouts={items} />
        </Paper>
      )}
      <Modal
        opened={formOpened}
        onClose={form.close}
        title={<Text fw={650}>New rollout</Text>}
        size="xl"
        fullScreen={isPhone}
      >
        <RolloutForm onCreated={created} onCancel={form.close} />
      </Modal>
    </>
  );
}

function RolloutTable({ rollouts }: { rollouts: Rollout[] | undefined }) {
  const navigate = useNavigate();

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, rollout: Rollout) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      void navigate(rolloutPath(rollout.id));
    }
  }

  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table
        verticalSpacing="sm"
        aria-label="Rollouts"
        data-testid="rollouts-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rollout</Table.Th>
            <Table.Th>Program</Table.Th>
            <Table.Th>Phases</Table.Th>
            <Table.Th>Waves</Table.Th>
            <Table.Th w={220}>Progress</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!rollouts
            ? Array.from({ length: 4 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: 5 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} w={cell === 0 ? "80%" : "60%"} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : rollouts.map((rollout) => (
                <Table.Tr
                  key={rollout.id}
                  className="row-link"
                  tabIndex={0}
                  onClick={() => void navigate(rolloutPath(rollout.id))}
                  onKeyDown={(event) => handleKeyDown(event, rollout)}
                  data-testid="rollout-row"
                  data-rollout-id={rollout.id}
                >
                  <Table.Td maw={280}>
                    <Anchor
                      component={Link}
                      to={rolloutPath(rollout.id)}
                      fw={600}
                      size="sm"
                      tabIndex={-1}
                      onClick={(event) => event.stopPropagation()}
                      display="block"
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {rollout.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      Created {formatDate(rollout.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{programLabel(rollout)}</Text>
                    {rollout.audienceName && (
                      <Text size="xs" c="dimmed" data-testid="rollout-audience">
                        for {rollout.audienceName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <PhaseSummary phases={rollout.phases} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" data-testid="rollout-waves">
                      {waveSummary(rollout)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RolloutProgress progress={rolloutProgress(rollout)} />
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RolloutCards({ rollouts }: { rollouts: Rollout[] | undefined }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Rollouts"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {!rollouts
        ? Array.from({ length: 4 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={120} radius="md" />
            </li>
          ))
        : rollouts.map((rollout) => (
            <li key={rollout.id}>
              <UnstyledButton
                component={Link}
                to={rolloutPath(rollout.id)}
                display="block"
                w="100%"
                data-testid="rollout-row"
                data-rollout-id={rollout.id}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper withBorder radius="md" p="sm" className="row-link">
                  <Text fw={600} size="sm" c="var(--mantine-primary-color-filled)">
                    {rollout.name}
                  </Text>
                  <Group justify="space-between" gap="xs" mb={6}>
                    <Text size="xs" c="dimmed">
                      {programLabel(rollout)}
                      {rollout.audienceName && ` · for ${rollout.audienceName}`}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {waveSummary(rollout)}
                    </Text>
                  </Group>
                  <PhaseSummary phases={rollout.phases} />
                  <div style={{ marginTop: 8 }}>
                    <RolloutProgress progress={rolloutProgress(rollout)} />
                  </div>
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
