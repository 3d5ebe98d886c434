import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import { errorMessage, isApiError } from "../../api/client.js";
import type { ImportMode, ImportReport } from "../../api/types.js";
import { formatCount } from "../../components/format.js";
import type { MappingRow } from "./mapping.js";
import { mappingFromRows } from "./mapping.js";
import { useApplyImport, usePreviewImport } from "./queries.js";

function isImportReport(value: unknown): value is ImportReport {
  return (
    typeof value === "object" &&
    value !== null &&
    "summary" in value &&
    "errors" in value &&
    "samples" in value
  );
}

/**
 * The upload flow: choose a file and options, preview (dry run), then apply the same file.
 * Changing the file or an option discards the preview, so what is applied is what was previewed.
 */
export function usePeopleImport() {
  const [file, setFileState] = useState<File | null>(null);
  const [mode, setModeState] = useState<ImportMode>("full");
  const [mappingRows, setMappingRowsState] = useState<MappingRow[]>([]);
  const [skipErrors, setSkipErrors] = useState(false);
  const preview = usePreviewImport();
  const apply = useApplyImport();

  const { mapping, problems: mappingProblems } = useMemo(
    () => mappingFromRows(mappingRows),
    [mappingRows],
  );

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
      { file, mode, mapping },
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
      { file, mode, mapping, applyValidRows: skipErrors },
      {
        onSuccess: (report) => {
          const { joiners, movers, leavers, rejoiners } = report.summary;
          notifications.show({
            color: "teal",
            title: "Import applied",
            message: `${formatCount(joiners, "joiner", "joiners")}, ${formatCount(movers, "mover", "movers")}, ${formatCount(leavers, "leaver", "leavers")}, ${formatCount(rejoiners, "rejoiner", "rejoiners")}.`,
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
    isApiError(apply.error) && isImportReport(apply.error.details) ? apply.error.details : null;
  const report: ImportReport | null = apply.data ?? rejectedReport ?? preview.data ?? null;

  return {
    file,
    mode,
    mappingRows,
    mapping,
    mappingProblems,
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
    setMode: (next: ImportMode) => {
      setModeState(next);
      discardResults();
    },
    setMappingRows: (next: MappingRow[]) => {
      setMappingRowsState(next);
      discardResults();
    },
    setSkipErrors,
    runPreview,
    runApply,
    startOver: () => {
      setFileState(null);
      setModeState("full");
      setMappingRowsState([]);
      discardResults();
    },
  };
}
