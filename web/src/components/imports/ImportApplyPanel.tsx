import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { formatCount, formatNumber } from "../format.js";

interface RowCounts {
  rowCount: number;
  validRowCount: number;
  errorCount: number;
}

/** Rows with at least one error; a row can have several errors. */
export function invalidRowCount(report: RowCounts): number {
  const invalid = report.rowCount - report.validRowCount;
  return invalid > 0 ? invalid : report.errorCount;
}

/**
 * Apply a previewed file: all of it, or only its valid rows when the person chooses so.
 * `idPrefix` keeps the heading and hint ids unique per screen ("apply" → "apply-title").
 */
export function ImportApplyPanel({
  report,
  effect,
  warning,
  idPrefix,
  testId,
  buttonTestId,
  skipErrors,
  applying,
  onSkipErrorsChange,
  onApply,
}: {
  report: RowCounts;
  /** What applying will do, in one sentence. */
  effect: string;
  /** Shown under the skip-errors box, e.g. a warning about leavers. */
  warning?: ReactNode;
  idPrefix: string;
  testId?: string;
  buttonTestId: string;
  skipErrors: boolean;
  applying: boolean;
  onSkipErrorsChange: (skip: boolean) => void;
  onApply: () => void;
}) {
  const invalid = invalidRowCount(report);
  const hasErrors = report.errorCount > 0;
  const nothingValid = report.validRowCount === 0;
  const blocked = nothingValid || (hasErrors && !skipErrors);
  const titleId = `${idPrefix}-title`;
  const hintId = `${idPrefix}-hint`;

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
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <Stack gap="sm">
        <Title order={3} fz="md" id={titleId}>
          Apply this import
        </Title>
        <Text size="sm">{effect}</Text>
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
        {warning}
        <Group gap="sm" align="center">
          <Button
            leftSection={<IconCheck size={16} aria-hidden />}
            onClick={onApply}
            loading={applying}
            disabled={blocked}
            aria-describedby={hint ? hintId : undefined}
            data-testid={buttonTestId}
          >
            Apply import
          </Button>
        </Group>
        {hint && (
          <Text size="sm" c="dimmed" id={hintId} data-testid="apply-hint">
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
