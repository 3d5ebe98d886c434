import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { errorMessage, isApiError } from "../../api/client.js";
import type { CompletionImportReport } from "../../api/completions.js";
import { formatCount } from "../../components/format.js";
import { useApplyCompletions, usePreviewCompletions } from "./queries.js";

function isCompletionReport(value: unknown): value is CompletionImportReport {
  return typeof value === "object" && value !== null && "summary" in value && "errors" in value;
}

/**
 * The upload flow: choose a file and its source system, preview (dry run), then apply the same
 * file. Changing either discards the preview, so what is applied is what was previewed.
 */
export function useCompletionUpload() {
  const [file, setFileState] = useState<File | null>(null);
  const [sourceSystem, setSourceSystemState] = useState("");
  const [skipErrors, setSkipErrors] = useState(false);
  const preview = usePreviewCompletions();
  const apply = useApplyCompletions();

  function discardResults() {
    preview.reset();
    apply.reset();
    setSkipErrors(false);
  }

  function runPreview() {
    if (!file) return;
    apply.reset();
    setSkipErrors(false);
    preview.mutate(
      { file, sourceSystem },
      {
        onError: (error) =>
          notifications.show({
            color: "red",
            title: "Preview failed",
            message: errorMessage(error),
          }),
      },
    );
  }

  function runApply() {
    if (!file) return;
    apply.mutate(
      { file, sourceSystem, applyValidRows: skipErrors },
      {
        onSuccess: (report) => {
          const { recorded, completed, started } = report.summary;
          notifications.show({
            color: "teal",
            title: "Completions imported",
            message: `${formatCount(recorded, "completion", "completions")} recorded; ${formatCount(completed, "assignment", "assignments")} completed, ${formatCount(started, "assignment", "assignments")} started.`,
          });
        },
        onError: (error) =>
          notifications.show({
            color: "red",
            title: "The import was not applied",
            message: errorMessage(error),
          }),
      },
    );
  }

  /** A 422 carries the report of the rejected import. */
  const rejectedReport =
    isApiError(apply.error) && isCompletionReport(apply.error.details) ? apply.error.details : null;
  const report: CompletionImportReport | null =
    apply.data ?? rejectedReport ?? preview.data ?? null;

  return {
    file,
    sourceSystem,
    skipErrors,
    report,
    previewing: preview.isPending,
    previewError: preview.error,
    applying: apply.isPending,
    applyError: apply.error,
    applied: apply.data ?? null,
    setFile: (next: File | null) => {
      setFileState(next);
      discardResults();
    },
    setSourceSystem: (next: string) => {
      setSourceSystemState(next);
      discardResults();
    },
    setSkipErrors,
    runPreview,
    runApply,
    startOver: () => {
      setFileState(null);
      setSourceSystemState("");
      discardResults();
    },
  };
}
