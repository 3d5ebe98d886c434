import { Text } from "@mantine/core";
import { ImportFlowPage } from "../../components/imports/ImportFlowPage.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { CompletionApplyPanel } from "./CompletionApplyPanel.js";
import { CompletionImportForm } from "./CompletionImportForm.js";
import { CompletionImportHelp } from "./CompletionImportHelp.js";
import { CompletionImportHistory } from "./CompletionImportHistory.js";
import { CompletionReportView } from "./CompletionReportView.js";
import { completionImportPath } from "./paths.js";
import { useCompletionUpload } from "./useCompletionUpload.js";

/** Upload completions exported from another LMS: preview, apply, and the history of imports. */
export function CompletionsImportPage() {
  usePageTitle("Completion imports");
  const flow = useCompletionUpload();

  return (
    <ImportFlowPage
      title="Completion imports"
      description="Bring in completions recorded in other learning systems. Preview first: nothing changes until you apply."
      form={
        <CompletionImportForm
          file={flow.file}
          sourceSystem={flow.sourceSystem}
          previewing={flow.previewing}
          onFileChange={flow.setFile}
          onSourceSystemChange={flow.setSourceSystem}
          onPreview={flow.runPreview}
        />
      }
      help={<CompletionImportHelp />}
      flow={flow}
      resultTitleId="completion-result-title"
      appliedNotice={{
        title: "The completions were imported",
        testId: "completions-applied",
        importPath: completionImportPath,
        next: { to: "/rollouts", label: "Go to Rollouts" },
      }}
      renderReport={(report) => <CompletionReportView report={report} />}
      renderApplyPanel={(report) => (
        <CompletionApplyPanel
          report={report}
          skipErrors={flow.skipErrors}
          applying={flow.applying}
          onSkipErrorsChange={flow.setSkipErrors}
          onApply={flow.runApply}
        />
      )}
      rejectedNote={
        <Text size="sm" c="dimmed">
          Nothing was changed. Fix the file and preview it again.
        </Text>
      }
      history={<CompletionImportHistory />}
    />
  );
}
