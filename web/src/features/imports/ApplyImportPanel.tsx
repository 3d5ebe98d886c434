import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCheck } from "@tabler/icons-react";
import type { ImportReport } from "../../api/types.js";
import { formatCount, formatNumber } from "../../components/format.js";

/** Rows with at least one error; a row can have several errors. */
export function invalidRowCount(report: ImportReport): number {
  const invalid = report.rowCount - report.validRowCount;
  return invalid > 0 ? invalid : report.errorCount;
}

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
  const invalid = invalidRowCount(report);
  const hasErrors = report.errorCount > 0;
  const nothingValid = report.validRowCount === 0;
  const blocked = nothingValid || (hasErrors && !skipErrors);

  let hint: string | null = null;
  if (nothingValid)
    hint =
      "No row in this file is valid, so there is nothing to apply. Fix the file and preview again.";
  else if (hasErrors && !skipErrors)
    hint = `Apply is unavailable while ${formatCount(invalid, "row has", "rows have")} errors: fix the file and preview again, or tick the box above to skip ${invalid === 1 ? "it" : "them"}.`;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="apply-title"
      data-testid="apply-panel"
    >
      <Stack gap="sm">
        <Title order={3} fz="md" id="apply-title">
          Apply this import
        </Title>
        <Text size="sm">{effectSentence(report)}</Text>
        {hasErrors && !nothingValid && (
          <Checkbox
            checked={skipErrors}
            onChange={(event) => onSkipErrorsChange(event.currentTarget.checked)}
            label={`Skip the ${formatCount(invalid, "row", "rows")} with errors and apply the valid ${
              report.validRowCount === 1 ? "row" : "rows"
            }`}
            description={`${formatNumber(report.validRowCount)} valid ${report.validRowCount === 1 ? "row" : "rows"} will be applied; the rows with errors are left out.`}
            data-testid="skip-errors"
          />
        )}
        {report.mode === "full" && report.summary.leavers > 0 && (
          <Alert
            color="yellow"
            variant="light"
            p="xs"
            icon={<IconAlertTriangle size={16} aria-hidden />}
          >
            <Text size="sm">
              This is a full export: {formatCount(report.summary.leavers, "person", "people")} not
              in the file will be marked as {report.summary.leavers === 1 ? "a leaver" : "leavers"}.
            </Text>
          </Alert>
        )}
        <Group gap="sm" align="center">
          <Button
            leftSection={<IconCheck size={16} aria-hidden />}
            onClick={onApply}
            loading={applying}
            disabled={blocked}
            aria-describedby={hint ? "apply-hint" : undefined}
            data-testid="apply-import"
          >
            Apply import
          </Button>
        </Group>
        {hint && (
          <Text size="sm" c="dimmed" id="apply-hint" data-testid="apply-hint">
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
