import { SimpleGrid } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconEqual,
  IconRefresh,
  IconUserMinus,
  IconUserPlus,
} from "@tabler/icons-react";
import type { ImportSummary } from "../../api/types.js";
import { StatCard } from "../../components/StatCard.js";

export function ImportCounts({ report }: { report: ImportSummary }) {
  const { summary } = report;
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, lg: 6 }} spacing="sm" data-testid="import-counts">
      <StatCard
        label="Joiners"
        value={summary.joiners}
        color="teal"
        icon={<IconUserPlus size={18} />}
        testId="count-joiners"
      />
      <StatCard
        label="Movers"
        value={summary.movers}
        color="indigo"
        icon={<IconArrowsExchange size={18} />}
        testId="count-movers"
      />
      <StatCard
        label="Leavers"
        value={summary.leavers}
        color="gray"
        icon={<IconUserMinus size={18} />}
        testId="count-leavers"
      />
      <StatCard
        label="Rejoiners"
        value={summary.rejoiners}
        color="grape"
        icon={<IconRefresh size={18} />}
        testId="count-rejoiners"
      />
      <StatCard
        label="Unchanged"
        value={summary.unchanged}
        color="gray"
        icon={<IconEqual size={18} />}
        testId="count-unchanged"
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
