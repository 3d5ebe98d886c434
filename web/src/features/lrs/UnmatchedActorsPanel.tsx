import {
  Alert,
  Anchor,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconInfoCircle, IconUserCheck } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { UnmatchedActor } from "../../api/lrs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelative,
} from "../../components/format.js";
import { Pager } from "../../components/Pager.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { actorStatementsPath } from "./paths.js";
import { useUnmatchedActors } from "./queries.js";

const pageSizes = [25, 50, 100] as const;

function Seen({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/**
 * People the LMSes sent statements about who are not in the directory. Nothing is lost: their
 * statements are kept and applied when the person appears.
 */
export function UnmatchedActorsPanel({ canManage }: { canManage: boolean }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(pageSizes[0]);
  const actors = useUnmatchedActors((page - 1) * pageSize, pageSize);
  const isPhone = useIsPhone();
  const items = actors.data?.items;

  return (
    <Stack gap="md">
      <Alert
        color="blue"
        variant="light"
        icon={<IconInfoCircle size={18} aria-hidden />}
        title="Their records are kept"
        data-testid="unmatched-explanation"
      >
        These actors sent statements, but no one in the directory has their e-mail or id. Nothing is
        lost: when the person appears in the directory, through a people import or a corrected
        e-mail, their statements are matched and their progress applied.
        {canManage
          ? " Matching runs after every import; “Match again” runs it now."
          : " Matching runs after every import."}
      </Alert>
      {actors.isError ? (
        <ErrorAlert
          title="Unmatched actors could not be loaded"
          error={actors.error}
          onRetry={() => void actors.refetch()}
        />
      ) : items && items.length === 0 && page === 1 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconUserCheck size={28} aria-hidden />}
            variant="light"
            title="Everyone is matched"
            description="Every actor in the stored statements is a person in the directory."
            data-testid="unmatched-empty"
          />
        </Paper>
      ) : isPhone ? (
        <UnmatchedCards actors={items} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <UnmatchedTable actors={items} />
        </Paper>
      )}
      {actors.data && actors.data.total > 0 && (
        <Pager
          page={page}
          pageSize={pageSize}
          pageSizes={pageSizes}
          total={actors.data.total}
          onPage={setPage}
          onPageSize={(size) => {
            setPageSize(size);
            setPage(1);
          }}
          testIds={{
            range: "unmatched-range",
            pageSize: "unmatched-page-size",
            pagination: "unmatched-pagination",
          }}
        />
      )}
    </Stack>
  );
}

function StatementsLink({
  actor,
  withWord = false,
}: {
  actor: UnmatchedActor;
  withWord?: boolean;
}) {
  return (
    <Anchor
      component={Link}
      to={actorStatementsPath(actor.actorKey)}
      size="sm"
      className="tabular-nums"
      aria-label={`${formatNumber(actor.statementCount)} statements from ${actor.identifier}: show them`}
      data-testid="unmatched-statements"
    >
      {withWord
        ? formatCount(actor.statementCount, "statement", "statements")
        : formatNumber(actor.statementCount)}
    </Anchor>
  );
}

function UnmatchedTable({ actors }: { actors: UnmatchedActor[] | undefined }) {
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table
        verticalSpacing="sm"
        aria-label="Unmatched actors"
        data-testid="unmatched-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Identifier</Table.Th>
            <Table.Th>Name sent</Table.Th>
            <Table.Th ta="right">Statements</Table.Th>
            <Table.Th>First seen</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!actors
            ? Array.from({ length: 4 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: 5 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : actors.map((actor) => (
                <Table.Tr key={actor.actorKey} data-testid="unmatched-row">
                  <Table.Td maw={340}>
                    <Text
                      size="sm"
                      fw={600}
                      style={{ overflowWrap: "anywhere" }}
                      data-testid="unmatched-identifier"
                    >
                      {actor.identifier}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={220}>
                    <Text size="sm" c={actor.name ? undefined : "dimmed"} truncate>
                      {actor.name ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <StatementsLink actor={actor} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{formatDate(actor.firstSeen)}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      <Seen at={actor.lastSeen} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function UnmatchedCards({ actors }: { actors: UnmatchedActor[] | undefined }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Unmatched actors"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {!actors
        ? Array.from({ length: 3 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={80} radius="md" />
            </li>
          ))
        : actors.map((actor) => (
            <li key={actor.actorKey} data-testid="unmatched-row">
              <Paper withBorder radius="md" p="sm">
                <Text
                  size="sm"
                  fw={600}
                  style={{ overflowWrap: "anywhere" }}
                  data-testid="unmatched-identifier"
                >
                  {actor.identifier}
                </Text>
                {actor.name && (
                  <Text size="xs" c="dimmed">
                    {actor.name}
                  </Text>
                )}
                <Group justify="space-between" gap="xs" mt={6}>
                  <Text size="xs" c="dimmed">
                    First seen {formatDate(actor.firstSeen)} · last <Seen at={actor.lastSeen} />
                  </Text>
                  <StatementsLink actor={actor} withWord />
                </Group>
              </Paper>
            </li>
          ))}
    </Stack>
  );
}
