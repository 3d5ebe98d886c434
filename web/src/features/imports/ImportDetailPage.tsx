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
import type { ImportReport } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ImportReportView } from "./ImportReportView.js";
import { ImportStatusBadge, importModeLabel } from "./ImportStatusBadge.js";
import { useImport } from "./queries.js";

function BackToImports() {
  return (
    <Anchor component={Link} to="/imports" size="sm" w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> Imports
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

function ImportFacts({ report }: { report: ImportReport }) {
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 5 }} spacing="md" m={0}>
        <Fact label="Mode">{importModeLabel(report.mode)}</Fact>
        <Fact label="Format">{report.format === "csv" ? "CSV" : "JSON lines"}</Fact>
        <Fact label="Uploaded">{formatDateTime(report.createdAt)}</Fact>
        <Fact label="Applied">
          {report.appliedAt ? formatDateTime(report.appliedAt) : "Not applied"}
        </Fact>
        <Fact label="By">{report.createdBy ?? "—"}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

export function ImportDetailPage() {
  const { id = "" } = useParams();
  const query = useImport(id);
  usePageTitle(query.data ? `Import ${query.data.fileName}` : "Import");

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <EmptyState
          mt="xl"
          icon={<IconFileUnknown size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Import not found</h1>}
          description="This import does not exist, or you cannot see it."
        >
          <EmptyState.Actions>
            <Button component={Link} to="/imports" variant="light">
              Back to Imports
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    }
    return (
      <Stack>
        <BackToImports />
        <ErrorAlert
          title="This import could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </Stack>
    );
  }

  if (!query.data) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading import">
        <Skeleton h={14} w={120} />
        <Skeleton h={32} w={320} />
        <Skeleton h={80} radius="md" />
        <Skeleton h={200} radius="md" />
      </Stack>
    );
  }

  const report = query.data;
  return (
    <>
      <PageHeader
        above={<BackToImports />}
        title={<span style={{ overflowWrap: "anywhere" }}>{report.fileName}</span>}
        titleAside={<ImportStatusBadge status={report.status} />}
        description={
          report.dryRun
            ? "A preview: nothing in the directory was changed."
            : "Applied to the directory."
        }
      />
      <ImportFacts report={report} />
      <ImportReportView report={report} />
    </>
  );
}
