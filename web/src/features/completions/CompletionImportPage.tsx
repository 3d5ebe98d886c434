import { useParams } from "react-router";
import { ImportDetailLayout } from "../../components/imports/ImportDetailLayout.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { CompletionReportView } from "./CompletionReportView.js";
import { completionImportsPath } from "./paths.js";
import { useCompletionImport } from "./queries.js";

/** One completion import's report. */
export function CompletionImportPage() {
  const { id = "" } = useParams();
  const query = useCompletionImport(id);
  usePageTitle(query.data ? `Completion import ${query.data.fileName}` : "Completion import");

  return (
    <ImportDetailLayout
      query={query}
      back={{ to: completionImportsPath, label: "Completion imports" }}
      notFoundDescription="This completion import does not exist, or you cannot see it."
      description={(report) =>
        report.status === "applied"
          ? "Applied: the completions were recorded and assignments moved forward."
          : report.dryRun
            ? "A preview: nothing was changed."
            : "Rejected: nothing was changed."
      }
      factColumns={{ base: 2, sm: 4 }}
      facts={(report) => [
        { label: "Source system", value: report.sourceSystem ?? "Given per row" },
      ]}
    >
      {(report) => <CompletionReportView report={report} />}
    </ImportDetailLayout>
  );
}
