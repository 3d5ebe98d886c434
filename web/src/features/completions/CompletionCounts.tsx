import {
  IconAlertTriangle,
  IconArchive,
  IconCircleCheck,
  IconCopy,
  IconDatabasePlus,
  IconPlayerPlay,
} from "@tabler/icons-react";
import type { CompletionImportSummary } from "../../api/completions.js";
import { CountsGrid } from "../../components/CountsGrid.js";

/** The counts of a completion import: what was recorded, skipped and moved. */
export function CompletionCounts({ report }: { report: CompletionImportSummary }) {
  const { summary } = report;
  return (
    <CountsGrid
      testId="completion-counts"
      items={[
        {
          label: "Recorded",
          value: summary.recorded,
          color: "indigo",
          icon: <IconDatabasePlus size={18} />,
          hint: "New completions",
          testId: "count-recorded",
        },
        {
          label: "Completed",
          value: summary.completed,
          color: "teal",
          icon: <IconCircleCheck size={18} />,
          hint: "Assignments completed",
          testId: "count-completed",
        },
        {
          label: "Started",
          value: summary.started,
          color: "blue",
          icon: <IconPlayerPlay size={18} />,
          hint: "Some modules still open",
          testId: "count-started",
        },
        {
          label: "No assignment",
          value: summary.keptWithoutAssignment,
          color: "gray",
          icon: <IconArchive size={18} />,
          hint: "Kept as evidence",
          testId: "count-kept",
        },
        {
          label: "Duplicates",
          value: summary.duplicates,
          color: "gray",
          icon: <IconCopy size={18} />,
          hint: "Already known, skipped",
          testId: "count-duplicates",
        },
        {
          label: "Errors",
          value: report.errorCount,
          color: report.errorCount > 0 ? "red" : "gray",
          icon: <IconAlertTriangle size={18} />,
          testId: "count-errors",
        },
      ]}
    />
  );
}
