import { Stack, Text } from "@mantine/core";
import type { ImportReport } from "../../api/types.js";
import { formatCount, formatNumber } from "../../components/format.js";
import { ImportCounts } from "./ImportCounts.js";
import { ImportErrorsTable } from "./ImportErrorsTable.js";
import { ImportSamples } from "./ImportSamples.js";

/** What an import did (or would do): counts, errors and examples. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <Stack gap="md" data-testid="import-report">
      <Text size="sm" c="dimmed" data-testid="import-rows">
        {formatCount(report.rowCount, "row", "rows")} read from {report.fileName} (
        {report.format.toUpperCase()}), {formatNumber(report.validRowCount)} valid.
      </Text>
      <ImportCounts report={report} />
      {report.errorCount > 0 && (
        <ImportErrorsTable errors={report.errors} errorCount={report.errorCount} />
      )}
      <ImportSamples report={report} />
    </Stack>
  );
}
