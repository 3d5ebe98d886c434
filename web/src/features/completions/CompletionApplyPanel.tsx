import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import type { CompletionImportReport } from "../../api/completions.js";
import { formatCount, formatNumber } from "../../components/format.js";

function effectSentence(report: CompletionImportReport): string {
  const { recorded, completed, started, keptWithoutAssignment, duplicates } = report.summary;
  if (recorded === 0)
    return duplicates > 0
      ? "Applying records nothing new: every valid completion is already known."
      : "Applying records nothing: there is no valid completion in the file.";
  const effects = [
    completed > 0 && `complete ${formatCount(completed, "assignment", "assignments")}`,
    started > 0 && `start ${formatCount(started, "assignment", "assignments")}`,
  ].filter((part): part is string => typeof part === "string");
  const kept =
    keptWithoutAssignment > 0
      ? ` ${formatCount(keptWithoutAssignment, "completion concerns", "completions concern")} no assignment and will be kept as evidence only.`
      : "";
  return `Applying will record ${formatCount(recorded, "completion", "completions")}${
    effects.length > 0 ? ` and ${effects.join(" and ")}` : ""
  }.${kept}`;
}

/** Apply a previewed file: all of it, or only its valid rows when the person chooses so. */
export function CompletionApplyPanel({
  report,
  skipErrors,
  applying,
  onSkipErrorsChange,
  onApply,
}: {
  report: CompletionImportReport;
  skipErrors: boolean;
  applying: boolean;
  onSkipErrorsChange: (skip: boolean) => void;
  onApply: () => void;
}) {
  // Rows with at least one error; a row can have several.
  const invalid =
    report.rowCount > report.validRowCount
      ? report.rowCount - report.validRowCount
      : report.errorCount;
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
      aria-labelledby="completion-apply-title"
    >
      <Stack gap="sm">
        <Title order={3} fz="md" id="completion-apply-title">
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
        <Group gap="sm" align="center">
          <Button
            leftSection={<IconCheck size={16} aria-hidden />}
            onClick={onApply}
            loading={applying}
            disabled={blocked}
            aria-describedby={hint ? "completion-apply-hint" : undefined}
            data-testid="apply-completions"
          >
            Apply import
          </Button>
        </Group>
        {hint && (
          <Text size="sm" c="dimmed" id="completion-apply-hint" data-testid="apply-hint">
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
