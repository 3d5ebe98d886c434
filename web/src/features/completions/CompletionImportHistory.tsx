import {
  Anchor,
  Badge,
  Group,
  Pagination,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { CompletionImportSummary } from "../../api/completions.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import {
  formatCount,
  formatDateTime,
  formatNumber,
  formatRelative,
} from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { ImportStatusBadge } from "../imports/ImportStatusBadge.js";
import { completionImportPath } from "./paths.js";
import { useCompletionImports } from "./queries.js";

const pageSize = 10;

function Count({ value, color }: { value: number; color?: string }) {
  return (
    <Text size="sm" className="tabular-nums" c={value > 0 ? color : "dimmed"}>
      {formatNumber(value)}
    </Text>
  );
}

function FileLink({ item }: { item: CompletionImportSummary }) {
  return (
    <Anchor
      component={Link}
      to={completionImportPath(item.id)}
      size="sm"
      fw={600}
      style={{ overflowWrap: "anywhere" }}
      data-testid="completion-import-link"
    >
      {item.fileName}
    </Anchor>
  );
}

function Status({ item }: { item: CompletionImportSummary }) {
  return (
    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
      <ImportStatusBadge status={item.status} />
      {item.dryRun && item.status !== "previewed" && (
        <Badge size="xs" variant="outline" color="gray">
          dry run
        </Badge>
      )}
    </Group>
  );
}

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/** On phones: one card per import, the figures that matter on one line. */
function HistoryCards({ items }: { items: CompletionImportSummary[] }) {
  return (
    <Stack gap="xs" p="md" pt={0} component="ul" style={{ listStyle: "none", margin: 0 }}>
      {items.map((item) => (
        <Paper
          key={item.id}
          withBorder
          radius="sm"
          p="sm"
          component="li"
          data-testid="completion-import-row"
          data-import-id={item.id}
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <FileLink item={item} />
            <Status item={item} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {item.sourceSystem ?? "source per row"} · <When at={item.createdAt} />
          </Text>
          <Text size="sm" mt={4} className="tabular-nums">
            {formatCount(item.rowCount, "row", "rows")} · {formatNumber(item.summary.completed)}{" "}
            completed · {formatCount(item.summary.duplicates, "duplicate", "duplicates")} ·{" "}
            {formatCount(item.errorCount, "error", "errors")}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

/** Past completion imports and dry runs, newest first, each linking to its report. */
export function CompletionImportHistory() {
  const [page, setPage] = useState(1);
  const imports = useCompletionImports(page, pageSize);
  const isPhone = useIsPhone();
  const pages = imports.data ? Math.max(1, Math.ceil(imports.data.total / pageSize)) : 1;

  let body;
  if (imports.isError)
    body = (
      <div style={{ padding: "var(--mantine-spacing-md)" }}>
        <ErrorAlert
          title="Completion imports could not be loaded"
          error={imports.error}
          onRetry={() => void imports.refetch()}
        />
      </div>
    );
  else if (!imports.data)
    body = (
      <Stack p="md" pt={0} gap="xs" aria-busy="true" aria-label="Loading completion imports">
        <Skeleton h={14} />
        <Skeleton h={14} />
        <Skeleton h={14} />
      </Stack>
    );
  else if (imports.data.items.length === 0)
    body = (
      <Text size="sm" c="dimmed" p="md" pt={0}>
        No completion imports yet. Your first preview will show up here.
      </Text>
    );
  else if (isPhone) body = <HistoryCards items={imports.data.items} />;
  else
    body = (
      <Table.ScrollContainer minWidth={860} type="native">
        <Table
          verticalSpacing="sm"
          fz="sm"
          aria-label="Recent completion imports"
          data-testid="completion-import-history"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Source system</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Recorded</Table.Th>
              <Table.Th ta="right">Completed</Table.Th>
              <Table.Th ta="right">Duplicates</Table.Th>
              <Table.Th ta="right">Errors</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.data.items.map((item) => (
              <Table.Tr key={item.id} data-testid="completion-import-row" data-import-id={item.id}>
                <Table.Td maw={240}>
                  <FileLink item={item} />
                </Table.Td>
                <Table.Td>
                  <Status item={item} />
                </Table.Td>
                <Table.Td maw={180}>
                  <Text size="sm" truncate>
                    {item.sourceSystem ?? "Per row"}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Count value={item.rowCount} />
                </Table.Td>
                <Table.Td ta="right">
                  <Count value={item.summary.recorded} color="indigo" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count value={item.summary.completed} color="teal" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count value={item.summary.duplicates} />
                </Table.Td>
                <Table.Td ta="right">
                  <Count value={item.errorCount} color="red" />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <When at={item.createdAt} />
                </Table.Td>
                <Table.Td maw={160}>
                  <Text size="sm" truncate>
                    {item.createdBy ?? "—"}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper
      withBorder
      radius="md"
      component="section"
      aria-labelledby="completion-history-title"
      style={{ overflow: "hidden" }}
    >
      <Group justify="space-between" p="md" pb="xs">
        <Title order={2} fz="md" id="completion-history-title">
          Recent completion imports
        </Title>
        {imports.data && (
          <Text size="sm" c="dimmed">
            {formatNumber(imports.data.total)} in total
          </Text>
        )}
      </Group>
      {body}
      {pages > 1 && (
        <Group justify="flex-end" p="md" pt="xs">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            size="sm"
            aria-label="Completion import history pages"
          />
        </Group>
      )}
    </Paper>
  );
}
