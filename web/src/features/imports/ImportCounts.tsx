import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconEqual,
  IconRefresh,
  IconUserMinus,
  IconUserPlus,
} from "@tabler/icons-react";
import type { ImportSummary } from "../../api/types.js";
import { CountsGrid } from "../../components/CountsGrid.js";

export function ImportCounts({ report }: { report: ImportSummary }) {
  const { summary } = report;
  return (
    <CountsGrid
      testId="import-counts"
      items={[
        {
          label: "Joiners",
          value: summary.joiners,
          color: "teal",
          icon: <IconUserPlus size={18} />,
          testId: "count-joiners",
        },
        {
          label: "Movers",
          value: summary.movers,
          color: "indigo",
          icon: <IconArrowsExchange size={18} />,
          testId: "count-movers",
        },
        {
          label: "Leavers",
          value: summary.leavers,
          color: "gray",
          icon: <IconUserMinus size={18} />,
          testId: "count-leavers",
        },
        {
          label: "Rejoiners",
          value: summary.rejoiners,
          color: "grape",
          icon: <IconRefresh size={18} />,
          testId: "count-rejoiners",
        },
        {
          label: "Unchanged",
          value: summary.unchanged,
          color: "gray",
          icon: <IconEqual size={18} />,
          testId: "count-unchanged",
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
