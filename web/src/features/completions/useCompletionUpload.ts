import { useState } from "react";
import type { CompletionImportReport } from "../../api/completions.js";
import { formatCount } from "../../components/format.js";
import { useImportUpload } from "../../components/imports/useImportUpload.js";
import { useApplyCompletions, usePreviewCompletions } from "./queries.js";

function isCompletionReport(value: unknown): value is CompletionImportReport {
  return typeof value === "object" && value !== null && "summary" in value && "errors" in value;
}

function appliedNotice(report: CompletionImportReport) {
  const { recorded, completed, started } = report.summary;
  return {
    title: "Completions imported",
    message: `${formatCount(recorded, "completion", "completions")} recorded; ${formatCount(completed, "assignment", "assignments")} completed, ${formatCount(started, "assignment", "assignments")} started.`,
  };
}

/**
 * The upload flow: choose a file and its source system, preview (dry run), then apply the same
 * file. Changing either discards the preview, so what is applied is what was previewed.
 */
export function useCompletionUpload() {
  const [sourceSystem, setSourceSystemState] = useState("");

  const upload = useImportUpload({
    options: { sourceSystem },
    preview: usePreviewCompletions(),
    apply: useApplyCompletions(),
    isReport: isCompletionReport,
    appliedNotice,
  });

  return {
    ...upload,
    sourceSystem,
    setSourceSystem: (next: string) => {
      setSourceSystemState(next);
      upload.discardResults();
    },
    startOver: () => {
      setSourceSystemState("");
      upload.clear();
    },
  };
}
