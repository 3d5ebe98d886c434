import { Button, EmptyState, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconBook2, IconCopy, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import type { Program } from "../../api/programs.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BackLink } from "../audiences/BackLink.js";
import { EditProgramModal } from "./EditProgramModal.js";
import { formatMinutes } from "./format.js";
import { versionPath } from "./paths.js";
import { versionsOf } from "./ProgramsTable.js";
import { useProgram } from "./queries.js";
import { useStartDraft } from "./useStartDraft.js";
import { VersionsTable } from "./VersionsTable.js";

/**
 * "New draft version" (copying the newest published version), or the way to the draft when one
 * is already open: a program has at most one draft at a time.
 */
export function DraftAction({ program }: { program: Program }) {
  const { start, starting } = useStartDraft(program.id);
  const { draft, published, latest } = versionsOf(program);
  if (draft)
    return (
      <Button
        component={Link}
        to={versionPath(program.id, draft.id)}
        variant="light"
        leftSection={<IconPencil size={16} aria-hidden />}
        data-testid="open-draft"
      >
        Continue draft (version {draft.number})
      </Button>
    );
  return (
    <Button
      leftSection={<IconCopy size={16} aria-hidden />}
      loading={starting}
      onClick={() => start(published ?? latest)}
      data-testid="new-draft"
    >
      New draft version
    </Button>
  );
}

/** One program: what it is and its versions, with the way to start the next one. */
export function ProgramPage() {
  const { programId = "" } = useParams();
  const program = useProgram(programId);
  const canManage = useAuth().can("programs.manage");
  const [editing, setEditing] = useState(false);
  usePageTitle(program.data?.name ?? "Program");

  if (program.isError) {
    if (isApiError(program.error) && program.error.status === 404)
      return (
        <EmptyState
          mt="xl"
          icon={<IconBook2 size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Program not found</h1>}
          description={`No program has the id “${programId}”.`}
          data-testid="program-not-found"
        >
          <EmptyState.Actions>
            <Button component={Link} to="/programs" variant="light">
              Back to Programs
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    return (
      <Stack>
        <BackLink to="/programs" label="Programs" />
        <ErrorAlert
          title="This program could not be loaded"
          error={program.error}
          onRetry={() => void program.refetch()}
        />
      </Stack>
    );
  }

  if (!program.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading program">
        <Skeleton h={14} w={120} />
        <Skeleton h={32} w={320} />
        <Skeleton h={240} radius="md" />
      </Stack>
    );

  const detail = program.data;
  const { published } = versionsOf(detail);
  return (
    <>
      <PageHeader
        above={<BackLink to="/programs" label="Programs" />}
        title={<span data-testid="program-title">{detail.name}</span>}
        description={
          <Stack gap={2}>
            {detail.description && <Text size="sm">{detail.description}</Text>}
            <Text size="xs" c="dimmed">
              {formatCount(detail.versions.length, "version", "versions")}
              {published
                ? ` · version ${published.number} is the one to roll out, ${formatMinutes(published.expectedMinutes)} of required modules`
                : " · nothing published yet"}
            </Text>
          </Stack>
        }
        actions={
          canManage && (
            <>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
                data-testid="edit-program"
              >
                Edit
              </Button>
              <DraftAction program={detail} />
            </>
          )
        }
      />
      {canManage && (
        <EditProgramModal program={detail} opened={editing} onClose={() => setEditing(false)} />
      )}
      <Paper
        withBorder
        radius="md"
        component="section"
        aria-labelledby="versions-title"
        style={{ overflow: "hidden" }}
      >
        <Title order={2} fz="md" p="md" pb="xs" id="versions-title">
          Versions
        </Title>
        <div style={{ padding: "0 var(--mantine-spacing-md) var(--mantine-spacing-md)" }}>
          <VersionsTable versions={detail.versions} />
        </div>
      </Paper>
    </>
  );
}
