import { Badge, Group, Pagination, Paper, Skeleton, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { KeyboardEvent } from "react";
import { useNavigate } from "react-router";
import type { ImportSummary } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime, formatNumber, formatRelative } from "../../components/format.js";
import { ImportStatusBadge, importModeLabel } from "./ImportStatusBadge.js";
import { useImports } from "./queries.js";

const pageSize = 10;

export function importPath(id: string): string {
  return `/imports/${encodeURIComponent(id)}`;
}

function Count({ value, color }: { value: number; color?: string }) {
  return (
    <Text size="sm" className="tabular-nums" c={value > 0 ? color : "dimmed"}>
      {formatNumber(value)}
    </Text>
  );
}

export function ImportHistory() {
  const [page, setPage] = useState(1);
  const imports = useImports(page, pageSize);
  const navigate = useNavigate();

  function open(item: ImportSummary) {
    void navigate(importPath(item.id));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, item: ImportSummary) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      open(item);
    }
  }

  const pages = imports.data ? Math.max(1, Math.ceil(imports.data.total / pageSize)) : 1;

  return (
    <Paper
      withBorder
      radius="md"
      component="section"
      aria-labelledby="import-history-title"
      style={{ overflow: "hidden" }}
    >
      <Group justify="space-between" p="md" pb="xs">
        <Title order={2} fz="md" id="import-history-title">
          Recent imports
        </Title>
        {imports.data && (
          <Text size="sm" c="dimmed">
            {formatNumber(imports.data.total)} in total
          </Text>
        )}
      </Group>
      {imports.isError ? (
        <div style={{ padding: "var(--mantine-spacing-md)" }}>
          <ErrorAlert
            title="Imports could not be loaded"
            error={imports.error}
            onRetry={() => void imports.refetch()}
          />
        </div>
      ) : imports.data && imports.data.items.length === 0 ? (
        <Text size="sm" c="dimmed" p="md" pt={0}>
          No imports yet. Your first preview will show up here.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860} type="native">
          <Table
            verticalSpacing="sm"
            fz="sm"
            aria-label="Recent imports"
            data-testid="import-history"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th ta="right">Rows</Table.Th>
                <Table.Th ta="right">Joiners</Table.Th>
                <Table.Th ta="right">Movers</Table.Th>
                <Table.Th ta="right">Leavers</Table.Th>
                <Table.Th ta="right">Errors</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!imports.data
                ? Array.from({ length: 3 }, (_, row) => (
                    <Table.Tr key={row} aria-hidden>
                      {Array.from({ length: 10 }, (_, cell) => (
                        <Table.Td key={cell}>
                          <Skeleton h={12} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : imports.data.items.map((item) => (
                    <Table.Tr
                      key={item.id}
                      className="row-link"
                      tabIndex={0}
                      aria-label={`${item.fileName}, ${item.status}, ${formatDateTime(item.createdAt)}`}
                      onClick={() => open(item)}
                      onKeyDown={(event) => handleKeyDown(event, item)}
                      data-testid="import-row"
                      data-import-id={item.id}
                    >
                      <Table.Td maw={240}>
                        <Text size="sm" fw={600} truncate>
                          {item.fileName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <ImportStatusBadge status={item.status} />
                          {item.dryRun && item.status !== "previewed" && (
                            <Badge size="xs" variant="outline" color="gray">
                              dry run
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {importModeLabel(item.mode)}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Count value={item.rowCount} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Count value={item.summary.joiners} color="teal" />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Count value={item.summary.movers} color="indigo" />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Count value={item.summary.leavers} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Count value={item.errorCount} color="red" />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
                          {formatRelative(item.createdAt)}
                        </time>
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
      )}
      {pages > 1 && (
        <Group justify="flex-end" p="md" pt="xs">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            size="sm"
            aria-label="Import history pages"
          />
        </Group>
      )}
    </Paper>
  );
}
