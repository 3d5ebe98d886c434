import { Anchor, Badge, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { AudienceChange, AudienceChangeKind } from "../../api/audiences.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime, formatNumber, formatRelative } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { personPath } from "../directory/PeopleTable.js";
import { changeLimit, useAudienceChanges } from "./queries.js";

const importCause = /^directory import (\S+)$/;

function ChangeBadge({ change }: { change: AudienceChangeKind }) {
  return change === "joined" ? (
    <Badge color="teal" variant="light" miw="max-content" data-testid="change-kind">
      Joined
    </Badge>
  ) : (
    <Badge color="gray" variant="light" miw="max-content" data-testid="change-kind">
      Left
    </Badge>
  );
}

/** Why someone joined or left: a rule change, a directory import (linked) or another change. */
function Cause({ cause }: { cause: string }) {
  const canOpenImports = useAuth().can("people.import");
  const fromImport = importCause.exec(cause);
  if (fromImport?.[1] && canOpenImports)
    return (
      <Anchor component={Link} to={`/imports/${encodeURIComponent(fromImport[1])}`} size="sm">
        Directory import
      </Anchor>
    );
  if (fromImport) return <>Directory import</>;
  return <>{cause.charAt(0).toUpperCase() + cause.slice(1)}</>;
}

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

function ChangesTable({ changes }: { changes: AudienceChange[] }) {
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table verticalSpacing="sm" fz="sm" aria-label="Change log" data-testid="audience-changes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>Person</Table.Th>
            <Table.Th>Cause</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((entry, index) => (
            <Table.Tr
              key={`${entry.personId}-${entry.at}-${index}`}
              data-testid="change-row"
              data-change={entry.change}
            >
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <When at={entry.at} />
              </Table.Td>
              <Table.Td>
                <ChangeBadge change={entry.change} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={personPath(entry.personId)} size="sm">
                  {entry.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Cause cause={entry.cause} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChangeCards({ changes }: { changes: AudienceChange[] }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Change log"
      data-testid="audience-changes"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {changes.map((entry, index) => (
        <li
          key={`${entry.personId}-${entry.at}-${index}`}
          data-testid="change-row"
          data-change={entry.change}
        >
          <Paper withBorder radius="md" p="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Anchor component={Link} to={personPath(entry.personId)} size="sm" fw={600} truncate>
                {entry.name}
              </Anchor>
              <ChangeBadge change={entry.change} />
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              <When at={entry.at} /> · <Cause cause={entry.cause} />
            </Text>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}

/** Who joined and left the audience and why, newest first. */
export function AudienceChanges({ audienceId }: { audienceId: string }) {
  const changes = useAudienceChanges(audienceId);
  const isPhone = useIsPhone();
  const items = changes.data?.items ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="changes-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="md" id="changes-title">
          Change log
        </Title>
        {items.length >= changeLimit && (
          <Text size="sm" c="dimmed">
            The latest {formatNumber(changeLimit)}
          </Text>
        )}
      </Group>
      {changes.isError ? (
        <ErrorAlert
          title="The change log could not be loaded"
          error={changes.error}
          onRetry={() => void changes.refetch()}
        />
      ) : !changes.data ? (
        <Stack gap="sm" aria-hidden>
          <Skeleton h={14} />
          <Skeleton h={14} />
          <Skeleton h={14} />
        </Stack>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="changes-empty">
          No one has joined or left since the audience was created. Changes to the rule and to the
          directory show up here.
        </Text>
      ) : isPhone ? (
        <ChangeCards changes={items} />
      ) : (
        <ChangesTable changes={items} />
      )}
    </Paper>
  );
}
