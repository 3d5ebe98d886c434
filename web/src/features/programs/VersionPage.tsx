import {
  Alert,
  Button,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconBook2, IconCopy, IconLock, IconPencil } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import type { Program, ProgramVersion } from "../../api/programs.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BackLink } from "../audiences/BackLink.js";
import { formatMinutes } from "./format.js";
import { ModuleList } from "./ModuleList.js";
import { programPath, versionPath } from "./paths.js";
import { versionsOf } from "./ProgramsTable.js";
import { useProgram, useProgramVersion } from "./queries.js";
import { useStartDraft } from "./useStartDraft.js";
import { VersionEditor } from "./VersionEditor.js";
import { VersionStatusBadge } from "./VersionStatusBadge.js";

/** Says a published version is final, with the way to the next draft (copying this one). */
function PublishedNote({
  version,
  program,
  canManage,
}: {
  version: ProgramVersion;
  program: Program | undefined;
  canManage: boolean;
}) {
  const { start, starting } = useStartDraft(version.programId);
  const draft = program ? versionsOf(program).draft : null;
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconLock size={18} aria-hidden />}
      title="Published: this version is read-only"
      data-testid="published-note"
    >
      <Stack gap="xs">
        <Text size="sm">
          Published {formatDateTime(version.publishedAt)}
          {version.publishedBy ? ` by ${version.publishedBy}` : ""}. A published version cannot
          change, so what people were assigned stays exactly as it was. To make changes, start a new
          draft version: it copies these modules.
        </Text>
        {canManage && program && (
          <Group gap="xs">
            {draft ? (
              <Button
                component={Link}
                to={versionPath(program.id, draft.id)}
                variant="light"
                size="xs"
                leftSection={<IconPencil size={14} aria-hidden />}
                data-testid="open-draft"
              >
                Continue the draft (version {draft.number})
              </Button>
            ) : (
              <Button
                size="xs"
                leftSection={<IconCopy size={14} aria-hidden />}
                loading={starting}
                onClick={() => start(version)}
                data-testid="new-draft"
              >
                New draft version
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** One version of a program: its modules, editable while it is a draft, read-only once published. */
export function VersionPage() {
  const { programId = "", versionId = "" } = useParams();
  const program = useProgram(programId);
  const version = useProgramVersion(versionId);
  const canManage = useAuth().can("programs.manage");
  const programName = program.data?.name;
  usePageTitle(
    version.data ? `${programName ?? "Program"} · version ${version.data.number}` : "Version",
  );

  if (version.isError) {
    if (isApiError(version.error) && version.error.status === 404)
      return (
        <EmptyState
          mt="xl"
          icon={<IconBook2 size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Version not found</h1>}
          description="This program version does not exist."
          data-testid="version-not-found"
        >
          <EmptyState.Actions>
            <Button component={Link} to={programPath(programId)} variant="light">
              Back to the program
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    return (
      <Stack>
        <BackLink to={programPath(programId)} label={programName ?? "Program"} />
        <ErrorAlert
          title="This version could not be loaded"
          error={version.error}
          onRetry={() => void version.refetch()}
        />
      </Stack>
    );
  }

  if (!version.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading version">
        <Skeleton h={14} w={160} />
        <Skeleton h={32} w={280} />
        <Skeleton h={160} radius="md" />
        <Skeleton h={160} radius="md" />
      </Stack>
    );

  const detail = version.data;
  const editable = detail.status === "draft" && canManage;
  return (
    <>
      <PageHeader
        above={<BackLink to={programPath(programId)} label={programName ?? "Program"} />}
        title={<span data-testid="version-title">Version {detail.number}</span>}
        titleAside={<VersionStatusBadge status={detail.status} />}
        description={
          <Text size="sm" c="dimmed" component="span">
            {programName && <>{programName} · </>}
            {formatCount(detail.modules.length, "module", "modules")} ·{" "}
            <span data-testid="version-duration">{formatMinutes(detail.expectedMinutes)}</span> of
            required modules
          </Text>
        }
      />
      {detail.status === "published" ? (
        <Stack gap="md">
          <PublishedNote version={detail} program={program.data} canManage={canManage} />
          {detail.notes && (
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="notes-title">
              <Title order={2} fz="md" mb={4} id="notes-title">
                Notes
              </Title>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {detail.notes}
              </Text>
            </Paper>
          )}
          <section aria-labelledby="modules-title">
            <Title order={2} fz="md" mb="sm" id="modules-title">
              Modules
            </Title>
            <ModuleList modules={detail.modules} />
          </section>
        </Stack>
      ) : editable ? (
        <VersionEditor key={detail.id} version={detail} />
      ) : (
        <Stack gap="md">
          <Alert color="yellow" variant="light" title="Draft" data-testid="draft-note">
            This version is still being prepared and may change before it is published.
          </Alert>
          <section aria-labelledby="modules-title">
            <Title order={2} fz="md" mb="sm" id="modules-title">
              Modules
            </Title>
            <ModuleList modules={detail.modules} />
          </section>
        </Stack>
      )}
    </>
  );
}
