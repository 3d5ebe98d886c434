import { SimpleGrid } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArchive,
  IconCircleCheck,
  IconCopy,
  IconDatabasePlus,
  IconPlayerPlay,
} from "@tabler/icons-react";
import type { CompletionImportSummary } from "../../api/completions.js";
import { StatCard } from "../../components/StatCard.js";

/** The counts of a completion import: what was recorded, skipped and moved. */
export function CompletionCounts({ report }: { report: CompletionImportSummary }) {
  const { summary } = report;
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, lg: 6 }} spacing="sm" data-testid="completion-counts">
      <StatCard
        label="Recorded"
        value={summary.recorded}
        color="indigo"
        icon={<IconDatabasePlus size={18} />}
        hint="New completions"
        testId="count-recorded"
      />
      <StatCard
        label="Completed"
        value={summary.completed}
        color="teal"
        icon={<IconCircleCheck size={18} />}
        hint="Assignments completed"
        testId="count-completed"
      />
      <StatCard
        label="Started"
        value={summary.started}
        color="blue"
        icon={<IconPlayerPlay size={18} />}
        hint="Some modules still open"
        testId="count-started"
      />
      <StatCard
        label="No assignment"
        value={summary.keptWithoutAssignment}
        color="gray"
        icon={<IconArchive size={18} />}
        hint="Kept as evidence"
        testId="count-kept"
      />
      <StatCard
        label="Duplicates"
        value={summary.duplicates}
        color="gray"
        icon={<IconCopy size={18} />}
        hint="Already known, skipped"
        testId="count-duplicates"
      />
      <StatCard
        label="Errors"
        value={report.errorCount}
        color={report.errorCount > 0 ? "red" : "gray"}
        icon={<IconAlertTriangle size={18} />}
        testId="count-errors"
      />
    </SimpleGrid>
  );
}
