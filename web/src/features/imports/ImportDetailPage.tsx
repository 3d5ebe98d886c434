import { useParams } from "react-router";
import { ImportDetailLayout } from "../../components/imports/ImportDetailLayout.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ImportReportView } from "./ImportReportView.js";
import { importModeLabel } from "./ImportStatusBadge.js";
import { useImport } from "./queries.js";

export function ImportDetailPage() {
  const { id = "" } = useParams();
  const query = useImport(id);
  usePageTitle(query.data ? `Import ${query.data.fileName}` : "Import");

  return (
    <ImportDetailLayout
      query={query}
      back={{ to: "/imports", label: "Imports" }}
      notFoundDescription="This import does not exist, or you cannot see it."
      description={(report) =>
        report.dryRun
          ? "A preview: nothing in the directory was changed."
          : "Applied to the directory."
      }
      factColumns={{ base: 2, sm: 3, md: 5 }}
      facts={(report) => [
        { label: "Mode", value: importModeLabel(report.mode) },
        { label: "Format", value: report.format === "csv" ? "CSV" : "JSON lines" },
      ]}
    >
      {(report) => <ImportReportView report={report} />}
    </ImportDetailLayout>
  );
}
