import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconRefresh } from "@tabler/icons-react";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ImportStatusBadge } from "../imports/ImportStatusBadge.js";
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
  const { report, applied } = flow;

  return (
    <>
      <PageHeader
        title="Completion imports"
        description="Bring in completions recorded in other learning systems. Preview first: nothing changes until you apply."
      />
      <Grid gap="md" mb="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <CompletionImportForm
            file={flow.file}
            sourceSystem={flow.sourceSystem}
            previewing={flow.previewing}
            onFileChange={flow.setFile}
            onSourceSystemChange={flow.setSourceSystem}
            onPreview={flow.runPreview}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CompletionImportHelp />
        </Grid.Col>
      </Grid>

      {flow.previewError && (
        <Stack mb="lg">
          <ErrorAlert title="The file could not be previewed" error={flow.previewError} />
        </Stack>
      )}

      {report && (
        <Stack gap="md" mb="xl" component="section" aria-labelledby="completion-result-title">
          <Group gap="sm">
            <Title order={2} fz="lg" id="completion-result-title">
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
              title="The completions were imported"
              data-testid="completions-applied"
            >
              <Group gap="md">
                <Anchor component={Link} to={completionImportPath(applied.id)} size="sm" fw={600}>
                  View this import
                </Anchor>
                <Anchor component={Link} to="/rollouts" size="sm">
                  Go to Rollouts
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
            </Alert>
          )}
          {flow.applyError !== null && (
            <ErrorAlert title="The import was not applied" error={flow.applyError} />
          )}

          <CompletionReportView report={report} />

          {!applied && report.status === "previewed" && (
            <CompletionApplyPanel
              report={report}
              skipErrors={flow.skipErrors}
              applying={flow.applying}
              onSkipErrorsChange={flow.setSkipErrors}
              onApply={flow.runApply}
            />
          )}
          {!applied && report.status === "rejected" && (
            <Text size="sm" c="dimmed">
              Nothing was changed. Fix the file and preview it again.
            </Text>
          )}
        </Stack>
      )}

      <CompletionImportHistory />
    </>
  );
}
