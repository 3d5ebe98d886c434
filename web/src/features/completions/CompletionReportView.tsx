import { Stack, Text } from "@mantine/core";
import type { CompletionImportReport } from "../../api/completions.js";
import { formatCount, formatNumber } from "../../components/format.js";
import { ImportErrorsTable } from "../imports/ImportErrorsTable.js";
import { CompletionCounts } from "./CompletionCounts.js";

/** What a completion import did (or would do): rows read, counts and errors. */
export function CompletionReportView({ report }: { report: CompletionImportReport }) {
  return (
    <Stack gap="md" data-testid="completion-report">
      <Text size="sm" c="dimmed" data-testid="completion-rows">
        {formatCount(report.rowCount, "row", "rows")} read from {report.fileName}
        {report.sourceSystem ? ` (${report.sourceSystem})` : ""},{" "}
        {formatNumber(report.validRowCount)} valid.
      </Text>
      <CompletionCounts report={report} />
      {report.errorCount > 0 && (
        <ImportErrorsTable
          errors={report.errors}
          errorCount={report.errorCount}
          fixHint="Fix them in the export, or skip them when applying."
        />
      )}
    </Stack>
  );
}
