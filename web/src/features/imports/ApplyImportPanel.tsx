import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ImportReport } from "../../api/types.js";
import { formatCount } from "../../components/format.js";
import { ImportApplyPanel } from "../../components/imports/ImportApplyPanel.js";

export { invalidRowCount } from "../../components/imports/ImportApplyPanel.js";

function effectSentence(report: ImportReport): string {
  const { joiners, movers, leavers, rejoiners } = report.summary;
  const parts = [
    joiners > 0 && `add ${formatCount(joiners, "joiner", "joiners")}`,
    movers > 0 && `update ${formatCount(movers, "mover", "movers")}`,
    leavers > 0 && `mark ${formatCount(leavers, "leaver", "leavers")}`,
    rejoiners > 0 && `bring back ${formatCount(rejoiners, "rejoiner", "rejoiners")}`,
  ].filter((part): part is string => typeof part === "string");
  if (parts.length === 0)
    return "Applying changes no one: everyone in the file is already up to date.";
  const last = parts.pop();
  return `Applying will ${parts.length > 0 ? `${parts.join(", ")} and ${last}` : last}.`;
}

export function ApplyImportPanel({
  report,
  skipErrors,
  applying,
  onSkipErrorsChange,
  onApply,
}: {
  report: ImportReport;
  skipErrors: boolean;
  applying: boolean;
  onSkipErrorsChange: (skip: boolean) => void;
  onApply: () => void;
}) {
  const { leavers } = report.summary;
  return (
    <ImportApplyPanel
      report={report}
      effect={effectSentence(report)}
      warning={
        report.mode === "full" &&
        leavers > 0 && (
          <Alert
            color="yellow"
            variant="light"
            p="xs"
            icon={<IconAlertTriangle size={16} aria-hidden />}
          >
            <Text size="sm">
              This is a full export: {formatCount(leavers, "person", "people")} not in the file will
              be marked as {leavers === 1 ? "a leaver" : "leavers"}.
            </Text>
          </Alert>
        )
      }
      idPrefix="apply"
      testId="apply-panel"
      buttonTestId="apply-import"
      skipErrors={skipErrors}
      applying={applying}
      onSkipErrorsChange={onSkipErrorsChange}
      onApply={onApply}
    />
  );
}
