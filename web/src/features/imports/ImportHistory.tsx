import { Text } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import {
  HistoryCount,
  historyPageSize,
  ImportHistoryTable,
} from "../../components/imports/ImportHistoryTable.js";
import { importModeLabel } from "./ImportStatusBadge.js";
import { useImports } from "./queries.js";

export function importPath(id: string): string {
  return `/imports/${encodeURIComponent(id)}`;
}

export function ImportHistory() {
  const [page, setPage] = useState(1);
  const imports = useImports(page, historyPageSize);
  const navigate = useNavigate();

  return (
    <ImportHistoryTable
      query={imports}
      page={page}
      onPageChange={setPage}
      title="Recent imports"
      titleId="import-history-title"
      errorTitle="Imports could not be loaded"
      emptyText="No imports yet. Your first preview will show up here."
      tableLabel="Recent imports"
      tableTestId="import-history"
      rowTestId="import-row"
      paginationLabel="Import history pages"
      onOpen={(item) => void navigate(importPath(item.id))}
      fileCell={(item) => (
        <Text size="sm" fw={600} truncate>
          {item.fileName}
        </Text>
      )}
      columns={[
        { header: "Mode", nowrap: true, cell: (item) => importModeLabel(item.mode) },
        { header: "Rows", align: "right", cell: (item) => <HistoryCount value={item.rowCount} /> },
        {
          header: "Joiners",
          align: "right",
          cell: (item) => <HistoryCount value={item.summary.joiners} color="teal" />,
        },
        {
          header: "Movers",
          align: "right",
          cell: (item) => <HistoryCount value={item.summary.movers} color="indigo" />,
        },
        {
          header: "Leavers",
          align: "right",
          cell: (item) => <HistoryCount value={item.summary.leavers} />,
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
