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
import type { SimpleGridProps } from "@mantine/core";
import { IconArrowLeft, IconFileUnknown } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { isApiError } from "../../api/client.js";
import type { ImportStatus } from "../../api/types.js";
import { ErrorAlert } from "../ErrorAlert.js";
import { formatDateTime } from "../format.js";
import { PageHeader } from "../PageHeader.js";
import { ImportStatusBadge } from "./ImportStatusBadge.js";

function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> {label}
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

interface DetailQuery<Report> {
  data?: Report;
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
}

/**
 * One import's page: a back link to the list, the file name with its status, a row of facts and
 * the report; or "not found", the load error, or a placeholder while loading.
 */
interface DetailReport {
  fileName: string;
  status: ImportStatus;
  createdAt: string;
  appliedAt: string | null;
  createdBy: string | null;
}

export function ImportDetailLayout<Report extends DetailReport>({
  query,
  back,
  notFoundDescription,
  description,
  facts,
  factColumns,
  children,
}: {
  query: DetailQuery<Report>;
  /** The list of imports, e.g. { to: "/imports", label: "Imports" }. */
  back: { to: string; label: string };
  notFoundDescription: string;
  description: (report: Report) => ReactNode;
  /** The facts before Uploaded, Applied and By. */
  facts: (report: Report) => { label: string; value: ReactNode }[];
  factColumns: SimpleGridProps["cols"];
  children: (report: Report) => ReactNode;
}) {
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404)
      return (
        <EmptyState
          mt="xl"
          icon={<IconFileUnknown size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Import not found</h1>}
          description={notFoundDescription}
        >
          <EmptyState.Actions>
            <Button component={Link} to={back.to} variant="light">
              Back to {back.label}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    return (
      <Stack>
        <BackLink {...back} />
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
        above={<BackLink {...back} />}
        title={<span style={{ overflowWrap: "anywhere" }}>{report.fileName}</span>}
        titleAside={<ImportStatusBadge status={report.status} />}
        description={description(report)}
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid component="dl" cols={factColumns} spacing="md" m={0}>
          {facts(report).map((fact) => (
            <Fact key={fact.label} label={fact.label}>
              {fact.value}
            </Fact>
          ))}
          <Fact label="Uploaded">{formatDateTime(report.createdAt)}</Fact>
          <Fact label="Applied">
            {report.appliedAt ? formatDateTime(report.appliedAt) : "Not applied"}
          </Fact>
          <Fact label="By">{report.createdBy ?? "—"}</Fact>
        </SimpleGrid>
      </Paper>
      {children(report)}
    </>
  );
}
