import { ImportFlowPage } from "../../components/imports/ImportFlowPage.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ApplyImportPanel } from "./ApplyImportPanel.js";
import { ImportForm } from "./ImportForm.js";
import { ImportHelp } from "./ImportHelp.js";
import { importPath, ImportHistory } from "./ImportHistory.js";
import { ImportReportView } from "./ImportReportView.js";
import { usePeopleImport } from "./usePeopleImport.js";

export function ImportsPage() {
  usePageTitle("Imports");
  const flow = usePeopleImport();

  return (
    <ImportFlowPage
      title="Imports"
      description="Bring people in from your HRIS. Preview first: nothing changes until you apply."
      form={
        <ImportForm
          file={flow.file}
          mode={flow.mode}
          mappingRows={flow.mappingRows}
          mapping={flow.mapping}
          mappingProblems={flow.mappingProblems}
          previewing={flow.previewing}
          onFileChange={flow.setFile}
          onModeChange={flow.setMode}
          onMappingChange={flow.setMappingRows}
          onPreview={flow.runPreview}
        />
      }
      help={<ImportHelp />}
      flow={flow}
      resultTitleId="import-result-title"
      appliedNotice={{
        title: "The import was applied",
        testId: "import-applied",
        message: "The directory now reflects this file.",
        importPath,
        viewLinkTestId: "applied-import-link",
        next: { to: "/people", label: "Go to People" },
      }}
      renderReport={(report) => <ImportReportView report={report} />}
      renderApplyPanel={(report) => (
        <ApplyImportPanel
          report={report}
          skipErrors={flow.skipErrors}
          applying={flow.applying}
          onSkipErrorsChange={flow.setSkipErrors}
          onApply={flow.runApply}
        />
      )}
      history={<ImportHistory />}
    />
  );
}
