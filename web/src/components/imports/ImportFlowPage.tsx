import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconRefresh } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ImportStatus } from "../../api/types.js";
import { ErrorAlert } from "../ErrorAlert.js";
import { PageHeader } from "../PageHeader.js";
import { ImportStatusBadge } from "./ImportStatusBadge.js";

/** What the flow hook (useImportUpload) tells the page. */
interface UploadState<Report> {
  report: Report | null;
  applied: { id: string } | null;
  previewError: Error | null;
  applyError: Error | null;
  startOver: () => void;
}

/** The success notice once a file was applied. */
export interface AppliedNotice {
  title: string;
  testId: string;
  /** A line above the links, if any. */
  message?: string;
  /** Where "View this import" goes. */
  importPath: (id: string) => string;
  viewLinkTestId?: string;
  /** The screen the import feeds, e.g. People. */
  next: { to: string; label: string };
}

/**
 * An upload screen: the form beside its help, then the preview or result of the file (with the
 * apply panel while it is a preview), then the history of imports.
 */
export function ImportFlowPage<Report extends { status: ImportStatus }>({
  title,
  description,
  form,
  help,
  flow,
  resultTitleId,
  appliedNotice,
  renderReport,
  renderApplyPanel,
  rejectedNote,
  history,
}: {
  title: string;
  description: string;
  form: ReactNode;
  help: ReactNode;
  flow: UploadState<Report>;
  resultTitleId: string;
  appliedNotice: AppliedNotice;
  renderReport: (report: Report) => ReactNode;
  /** Shown while the report is a preview that was not applied. */
  renderApplyPanel: (report: Report) => ReactNode;
  /** Shown under a rejected report. */
  rejectedNote?: ReactNode;
  history: ReactNode;
}) {
  const { report, applied } = flow;

  const links = applied && (
    <Group gap="md">
      <Anchor
        component={Link}
        to={appliedNotice.importPath(applied.id)}
        size="sm"
        fw={600}
        data-testid={appliedNotice.viewLinkTestId}
      >
        View this import
      </Anchor>
      <Anchor component={Link} to={appliedNotice.next.to} size="sm">
        {appliedNotice.next.label}
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
  );

  return (
    <>
      <PageHeader title={title} description={description} />
      <Grid gap="md" mb="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>{form}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{help}</Grid.Col>
      </Grid>

      {flow.previewError && (
        <Stack mb="lg">
          <ErrorAlert title="The file could not be previewed" error={flow.previewError} />
        </Stack>
      )}

      {report && (
        <Stack gap="md" mb="xl" component="section" aria-labelledby={resultTitleId}>
          <Group gap="sm">
            <Title order={2} fz="lg" id={resultTitleId}>
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
              title={appliedNotice.title}
              data-testid={appliedNotice.testId}
            >
              {appliedNotice.message ? (
                <Stack gap="xs">
                  <Text size="sm">{appliedNotice.message}</Text>
                  {links}
                </Stack>
              ) : (
                links
              )}
            </Alert>
          )}
          {flow.applyError !== null && (
            <ErrorAlert title="The import was not applied" error={flow.applyError} />
          )}

          {renderReport(report)}

          {!applied && report.status === "previewed" && renderApplyPanel(report)}
          {!applied && report.status === "rejected" && rejectedNote}
        </Stack>
      )}

      {history}
    </>
  );
}
