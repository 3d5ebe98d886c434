import {
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
import type { KeyboardEvent, ReactNode } from "react";
import type { ImportStatus } from "../../api/types.js";
import { ErrorAlert } from "../ErrorAlert.js";
import { formatDateTime, formatNumber, formatRelative } from "../format.js";
import { useIsPhone } from "../useIsPhone.js";
import { ImportStatusBadge } from "./ImportStatusBadge.js";

export const historyPageSize = 10;

/** What every kind of import has in a history list. */
export interface ImportHistoryItem {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  fileName: string;
  createdAt: string;
  createdBy: string | null;
}

/** A column between Status and When. */
export interface HistoryColumn<Item> {
  header: string;
  cell: (item: Item) => ReactNode;
  align?: "right";
  maw?: number;
  nowrap?: boolean;
}

/** A number in a history row, dimmed when zero. */
export function HistoryCount({ value, color }: { value: number; color?: string }) {
  return (
    <Text size="sm" className="tabular-nums" c={value > 0 ? color : "dimmed"}>
      {formatNumber(value)}
    </Text>
  );
}

/** The status badge, and "dry run" for a preview that was not applied. */
export function HistoryStatus({ item }: { item: ImportHistoryItem }) {
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

export function HistoryWhen({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

interface HistoryQuery<Item> {
  data?: { items: Item[]; total: number };
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
}

/**
 * Past imports, newest first, in a paged table: File, Status, the given columns, When and By.
 * With `onOpen` the whole row opens the import; otherwise `fileCell` holds the link. With
 * `renderCards` phones get cards instead of the table, and with `loadingLabel` loading shows a
 * labelled placeholder instead of skeleton rows.
 */
export function ImportHistoryTable<Item extends ImportHistoryItem>({
  query,
  page,
  onPageChange,
  title,
  titleId,
  errorTitle,
  emptyText,
  tableLabel,
  tableTestId,
  rowTestId,
  paginationLabel,
  fileCell,
  columns,
  onOpen,
  renderCards,
  loadingLabel,
}: {
  query: HistoryQuery<Item>;
  page: number;
  onPageChange: (page: number) => void;
  title: string;
  titleId: string;
  errorTitle: string;
  emptyText: string;
  tableLabel: string;
  tableTestId: string;
  rowTestId: string;
  paginationLabel: string;
  fileCell: (item: Item) => ReactNode;
  columns: HistoryColumn<Item>[];
  onOpen?: (item: Item) => void;
  renderCards?: (items: Item[]) => ReactNode;
  loadingLabel?: string;
}) {
  const isPhone = useIsPhone();
  const { data } = query;
  const pages = data ? Math.max(1, Math.ceil(data.total / historyPageSize)) : 1;

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, item: Item) {
    if (onOpen && event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(item);
    }
  }

  function row(item: Item) {
    return (
      <Table.Tr
        key={item.id}
        {...(onOpen && {
          className: "row-link",
          tabIndex: 0,
          "aria-label": `${item.fileName}, ${item.status}, ${formatDateTime(item.createdAt)}`,
          onClick: () => onOpen(item),
          onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => handleKeyDown(event, item),
        })}
        data-testid={rowTestId}
        data-import-id={item.id}
      >
        <Table.Td maw={240}>{fileCell(item)}</Table.Td>
        <Table.Td>
          <HistoryStatus item={item} />
        </Table.Td>
        {columns.map((column) => (
          <Table.Td
            key={column.header}
            ta={column.align}
            maw={column.maw}
            style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}
          >
            {column.cell(item)}
          </Table.Td>
        ))}
        <Table.Td style={{ whiteSpace: "nowrap" }}>
          <HistoryWhen at={item.createdAt} />
        </Table.Td>
        <Table.Td maw={160}>
          <Text size="sm" truncate>
            {item.createdBy ?? "—"}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }

  const skeletonRows = Array.from({ length: 3 }, (_, index) => (
    <Table.Tr key={index} aria-hidden>
      {Array.from({ length: columns.length + 4 }, (_, cell) => (
        <Table.Td key={cell}>
          <Skeleton h={12} />
        </Table.Td>
      ))}
    </Table.Tr>
  ));

  let body: ReactNode;
  if (query.isError)
    body = (
      <div style={{ padding: "var(--mantine-spacing-md)" }}>
        <ErrorAlert title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  else if (!data && loadingLabel)
    body = (
      <Stack p="md" pt={0} gap="xs" aria-busy="true" aria-label={loadingLabel}>
        <Skeleton h={14} />
        <Skeleton h={14} />
        <Skeleton h={14} />
      </Stack>
    );
  else if (data && data.items.length === 0)
    body = (
      <Text size="sm" c="dimmed" p="md" pt={0}>
        {emptyText}
      </Text>
    );
  else if (data && isPhone && renderCards) body = renderCards(data.items);
  else
    body = (
      <Table.ScrollContainer minWidth={860} type="native">
        <Table verticalSpacing="sm" fz="sm" aria-label={tableLabel} data-testid={tableTestId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Status</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.header} ta={column.align}>
                  {column.header}
                </Table.Th>
              ))}
              <Table.Th>When</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{data ? data.items.map(row) : skeletonRows}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper
      withBorder
      radius="md"
      component="section"
      aria-labelledby={titleId}
      style={{ overflow: "hidden" }}
    >
      <Group justify="space-between" p="md" pb="xs">
        <Title order={2} fz="md" id={titleId}>
          {title}
        </Title>
        {data && (
          <Text size="sm" c="dimmed">
            {formatNumber(data.total)} in total
          </Text>
        )}
      </Group>
      {body}
      {pages > 1 && (
        <Group justify="flex-end" p="md" pt="xs">
          <Pagination
            total={pages}
            value={page}
            onChange={onPageChange}
            size="sm"
            aria-label={paginationLabel}
          />
        </Group>
      )}
    </Paper>
  );
}
