import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { CompletionImportSummary } from "../../api/completions.js";
import { formatCount, formatNumber } from "../../components/format.js";
import {
  HistoryCount,
  historyPageSize,
  HistoryStatus,
  HistoryWhen,
  ImportHistoryTable,
} from "../../components/imports/ImportHistoryTable.js";
import { completionImportPath } from "./paths.js";
import { useCompletionImports } from "./queries.js";

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
            <HistoryStatus item={item} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {item.sourceSystem ?? "source per row"} · <HistoryWhen at={item.createdAt} />
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
  const imports = useCompletionImports(page, historyPageSize);

  return (
    <ImportHistoryTable
      query={imports}
      page={page}
      onPageChange={setPage}
      title="Recent completion imports"
      titleId="completion-history-title"
      errorTitle="Completion imports could not be loaded"
      emptyText="No completion imports yet. Your first preview will show up here."
      tableLabel="Recent completion imports"
      tableTestId="completion-import-history"
      rowTestId="completion-import-row"
      paginationLabel="Completion import history pages"
      loadingLabel="Loading completion imports"
      renderCards={(items) => <HistoryCards items={items} />}
      fileCell={(item) => <FileLink item={item} />}
      columns={[
        {
          header: "Source system",
          maw: 180,
          cell: (item) => (
            <Text size="sm" truncate>
              {item.sourceSystem ?? "Per row"}
            </Text>
          ),
        },
        { header: "Rows", align: "right", cell: (item) => <HistoryCount value={item.rowCount} /> },
        {
          header: "Recorded",
          align: "right",
          cell: (item) => <HistoryCount value={item.summary.recorded} color="indigo" />,
        },
        {
          header: "Completed",
          align: "right",
          cell: (item) => <HistoryCount value={item.summary.completed} color="teal" />,
        },
        {
          header: "Duplicates",
          align: "right",
          cell: (item) => <HistoryCount value={item.summary.duplicates} />,
        },
        {
          header: "Errors",
          align: "right",
          cell: (item) => <HistoryCount value={item.errorCount} color="red" />,
        },
      ]}
    />
  );
}
