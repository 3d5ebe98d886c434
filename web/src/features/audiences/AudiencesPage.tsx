import { Button, EmptyState, Paper } from "@mantine/core";
import { IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { Link } from "react-router";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { AudienceCards, AudiencesTable } from "./AudiencesTable.js";
import { useAudiences } from "./queries.js";

function NewAudienceButton({ testId }: { testId: string }) {
  return (
    <Button
      component={Link}
      to="/audiences/new"
      leftSection={<IconPlus size={16} aria-hidden />}
      data-testid={testId}
    >
      New audience
    </Button>
  );
}

/** Every audience with its member count and rule; managers start new ones from here. */
export function AudiencesPage() {
  usePageTitle("Audiences");
  const audiences = useAudiences();
  const canManage = useAuth().can("audiences.manage");
  const isPhone = useIsPhone();
  const items = audiences.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Audiences"
        description={
          audiences.data
            ? `${formatCount(items.length, "audience", "audiences")}. Each is a rule over the directory, kept current as people join, move and leave.`
            : "Groups of people chosen by a rule, kept current as the directory changes."
        }
        actions={canManage && <NewAudienceButton testId="new-audience" />}
      />
      {audiences.isError ? (
        <ErrorAlert
          title="Audiences could not be loaded"
          error={audiences.error}
          onRetry={() => void audiences.refetch()}
        />
      ) : audiences.data && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconUsersGroup size={28} aria-hidden />}
            variant="light"
            title="No audiences yet"
            description={
              canManage
                ? 'Write a rule such as division = "Technology" and see who it selects as you type.'
                : "Program owners create audiences; they will show up here."
            }
            data-testid="audiences-empty"
          >
            {canManage && (
              <EmptyState.Actions>
                <NewAudienceButton testId="new-audience-empty" />
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <AudienceCards audiences={items} loading={audiences.isLoading} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <AudiencesTable audiences={items} loading={audiences.isLoading} />
        </Paper>
      )}
    </>
  );
}
