import { Button, EmptyState, Paper } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBook2, IconPlus } from "@tabler/icons-react";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { NewProgramModal } from "./NewProgramModal.js";
import { ProgramCards, ProgramsTable } from "./ProgramsTable.js";
import { usePrograms } from "./queries.js";

/** Every training program with its latest version; managers create new ones from here. */
export function ProgramsPage() {
  usePageTitle("Programs");
  const programs = usePrograms();
  const canManage = useAuth().can("programs.manage");
  const isPhone = useIsPhone();
  const [creating, { open, close }] = useDisclosure(false);
  const items = programs.data?.items ?? [];

  const newButton = (testId: string) => (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open} data-testid={testId}>
      New program
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Programs"
        description={
          programs.data
            ? `${formatCount(items.length, "program", "programs")}. A program's published versions are what rollouts assign; a version never changes once published.`
            : "Training programs and their versions."
        }
        actions={canManage && newButton("new-program")}
      />
      {programs.isError ? (
        <ErrorAlert
          title="Programs could not be loaded"
          error={programs.error}
          onRetry={() => void programs.refetch()}
        />
      ) : programs.data && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconBook2 size={28} aria-hidden />}
            variant="light"
            title="No programs yet"
            description={
              canManage
                ? "Create a program, add its modules to the first draft and publish it."
                : "Program owners create programs; they will show up here."
            }
            data-testid="programs-empty"
          >
            {canManage && <EmptyState.Actions>{newButton("new-program-empty")}</EmptyState.Actions>}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <ProgramCards programs={items} loading={programs.isLoading} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <ProgramsTable programs={items} loading={programs.isLoading} />
        </Paper>
      )}
      {canManage && <NewProgramModal opened={creating} onClose={close} />}
    </>
  );
}
