import { useMemo, useState } from "react";
import type { ImportMode, ImportReport } from "../../api/types.js";
import { formatCount } from "../../components/format.js";
import { useImportUpload } from "../../components/imports/useImportUpload.js";
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

function appliedNotice(report: ImportReport) {
  const { joiners, movers, leavers, rejoiners } = report.summary;
  return {
    title: "Import applied",
    message: `${formatCount(joiners, "joiner", "joiners")}, ${formatCount(movers, "mover", "movers")}, ${formatCount(leavers, "leaver", "leavers")}, ${formatCount(rejoiners, "rejoiner", "rejoiners")}.`,
  };
}

/**
 * The upload flow: choose a file and options, preview (dry run), then apply the same file.
 * Changing the file or an option discards the preview, so what is applied is what was previewed.
 */
export function usePeopleImport() {
  const [mode, setModeState] = useState<ImportMode>("full");
  const [mappingRows, setMappingRowsState] = useState<MappingRow[]>([]);

  const { mapping, problems: mappingProblems } = useMemo(
    () => mappingFromRows(mappingRows),
    [mappingRows],
  );

  const upload = useImportUpload({
    options: { mode, mapping },
    preview: usePreviewImport(),
    apply: useApplyImport(),
    isReport: isImportReport,
    appliedNotice,
  });

  return {
    ...upload,
    mode,
    mappingRows,
    mapping,
    mappingProblems,
    setMode: (next: ImportMode) => {
      setModeState(next);
      upload.discardResults();
    },
    setMappingRows: (next: MappingRow[]) => {
      setMappingRowsState(next);
      upload.discardResults();
    },
    startOver: () => {
      setModeState("full");
      setMappingRowsState([]);
      upload.clear();
    },
  };
}
