import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconRefresh } from "@tabler/icons-react";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ApplyImportPanel } from "./ApplyImportPanel.js";
import { ImportForm } from "./ImportForm.js";
import { ImportHelp } from "./ImportHelp.js";
import { importPath, ImportHistory } from "./ImportHistory.js";
import { ImportReportView } from "./ImportReportView.js";
import { ImportStatusBadge } from "./ImportStatusBadge.js";
import { usePeopleImport } from "./usePeopleImport.js";

export function ImportsPage() {
  usePageTitle("Imports");
  const flow = usePeopleImport();
  const { report, applied } = flow;

  return (
    <>
      <PageHeader
        title="Imports"
        description="Bring people in from your HRIS. Preview first: nothing changes until you apply."
      />
      <Grid gap="md" mb="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ImportHelp />
        </Grid.Col>
      </Grid>

      {flow.previewError && (
        <Stack mb="lg">
          <ErrorAlert title="The file could not be previewed" error={flow.previewError} />
        </Stack>
      )}

      {report && (
        <Stack gap="md" mb="xl" component="section" aria-labelledby="import-result-title">
          <Group gap="sm">
            <Title order={2} fz="lg" id="import-result-title">
              {applied
                ? "Import result"
                : report.status === "rejected"
                  ? "Import rejected"
                  : "Preview"}
            </Title>
            <ImportStatusBadge status={report.status} />
          </Group>

          {applied && (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck size={18} aria-hidden />}
              title="The import was applied"
              data-testid="import-applied"
            >
              <Stack gap="xs">
                <Text size="sm">The directory now reflects this file.</Text>
                <Group gap="md">
                  <Anchor
                    component={Link}
                    to={importPath(applied.id)}
                    size="sm"
                    fw={600}
                    data-testid="applied-import-link"
                  >
                    View this import
                  </Anchor>
                  <Anchor component={Link} to="/people" size="sm">
                    Go to People
                  </Anchor>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconRefresh size={14} aria-hidden />}
                    onClick={flow.startOver}
                  >
                    Import another file
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {flow.applyError !== null && (
            <ErrorAlert title="The import was not applied" error={flow.applyError} />
          )}

          <ImportReportView report={report} />

          {!applied && report.status === "previewed" && (
            <ApplyImportPanel
              report={report}
              skipErrors={flow.skipErrors}
              applying={flow.applying}
              onSkipErrorsChange={flow.setSkipErrors}
              onApply={flow.runApply}
            />
          )}
        </Stack>
      )}

      <ImportHistory />
    </>
  );
}
