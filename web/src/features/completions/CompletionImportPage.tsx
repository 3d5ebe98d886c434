import {
  Anchor,
  Button,
  EmptyState,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import { IconArrowLeft, IconFileUnknown } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import type { CompletionImportReport } from "../../api/completions.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ImportStatusBadge } from "../imports/ImportStatusBadge.js";
import { CompletionReportView } from "./CompletionReportView.js";
import { completionImportsPath } from "./paths.js";
import { useCompletionImport } from "./queries.js";

function BackToCompletionImports() {
  return (
    <Anchor component={Link} to={completionImportsPath} size="sm" w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> Completion imports
      </Group>
    </Anchor>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2}>
        {children}
      </Text>
    </div>
  );
}

function Facts({ report }: { report: CompletionImportReport }) {
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="md" m={0}>
        <Fact label="Source system">{report.sourceSystem ?? "Given per row"}</Fact>
        <Fact label="Uploaded">{formatDateTime(report.createdAt)}</Fact>
        <Fact label="Applied">
          {report.appliedAt ? formatDateTime(report.appliedAt) : "Not applied"}
        </Fact>
        <Fact label="By">{report.createdBy ?? "—"}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

/** One completion import's report. */
export function CompletionImportPage() {
  const { id = "" } = useParams();
  const query = useCompletionImport(id);
  usePageTitle(query.data ? `Completion import ${query.data.fileName}` : "Completion import");

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404)
      return (
        <EmptyState
          mt="xl"
          icon={<IconFileUnknown size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Import not found</h1>}
          description="This completion import does not exist, or you cannot see it."
        >
          <EmptyState.Actions>
            <Button component={Link} to={completionImportsPath} variant="light">
              Back to Completion imports
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    return (
      <Stack>
        <BackToCompletionImports />
        <ErrorAlert
          title="This import could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </Stack>
    );
  }

  if (!query.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading import">
        <Skeleton h={14} w={120} />
        <Skeleton h={32} w={320} />
        <Skeleton h={80} radius="md" />
        <Skeleton h={200} radius="md" />
      </Stack>
    );

  const report = query.data;
  return (
    <>
      <PageHeader
        above={<BackToCompletionImports />}
        title={<span style={{ overflowWrap: "anywhere" }}>{report.fileName}</span>}
        titleAside={<ImportStatusBadge status={report.status} />}
        description={
          report.status === "applied"
            ? "Applied: the completions were recorded and assignments moved forward."
            : report.dryRun
              ? "A preview: nothing was changed."
              : "Rejected: nothing was changed."
        }
      />
      <Facts report={report} />
      <CompletionReportView report={report} />
    </>
  );
}
