import type { CompletionImportReport } from "../../api/completions.js";
import { formatCount } from "../../components/format.js";
import { ImportApplyPanel } from "../../components/imports/ImportApplyPanel.js";

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
  return (
    <ImportApplyPanel
      report={report}
      effect={effectSentence(report)}
      idPrefix="completion-apply"
      buttonTestId="apply-completions"
      skipErrors={skipErrors}
      applying={applying}
      onSkipErrorsChange={onSkipErrorsChange}
      onApply={onApply}
    />
  );
}
