import { Badge, Box, Button, Tabs } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconListDetails,
  IconPlugConnected,
  IconPlus,
  IconRefresh,
  IconUserQuestion,
} from "@tabler/icons-react";
import { useState } from "react";
import { errorMessage } from "../../api/client.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatNumber } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { ClientsPanel } from "./ClientsPanel.js";
import { EndpointPanel, LrsFigures } from "./LrsFigures.js";
import { lrsTabs, useLrsParams } from "./lrsParams.js";
import { NewClientModal } from "./NewClientModal.js";
import { useLrsOverview, useMatchUnmatchedActors } from "./queries.js";
import { StatementsPanel } from "./StatementsPanel.js";
import { UnmatchedActorsPanel } from "./UnmatchedActorsPanel.js";

/**
 * The learning record store: where LMSes send xAPI statements, the credentials they use, what
 * arrived, and the actors who are not in the directory yet.
 */
export function LrsPage() {
  usePageTitle("Learning records");
  const { can } = useAuth();
  const canManage = can("lrs.manage");
  // Three tabs with icons do not fit a phone's width on one line; the words alone do.
  const isPhone = useIsPhone();
  const { params, update } = useLrsParams();
  const overview = useLrsOverview();
  const match = useMatchUnmatchedActors();
  const [creating, setCreating] = useState(false);

  function matchAgain() {
    match.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: result.matched > 0 ? "teal" : "blue",
          title:
            result.matched > 0
              ? `${formatCount(result.matched, "actor", "actors")} matched`
              : "No one new matched",
          message:
            result.matched > 0
              ? `${formatCount(result.statements, "statement was", "statements were")} applied to their assignments.`
              : "None of the unmatched actors is in the directory yet.",
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Matching did not run",
          message: errorMessage(error),
        }),
    });
  }

  const unmatched = overview.data?.unmatchedActors ?? 0;
  return (
    <>
      <PageHeader
        title="Learning records"
        description="The learning record store (LRS): LMSes and e-learning courses send xAPI statements here, and statements from people in the directory move their assignments."
        actions={
          canManage &&
          (params.tab === "clients" ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCreating(true)}
              data-testid="new-client"
            >
              New client
            </Button>
          ) : params.tab === "unmatched" ? (
            <Button
              variant="light"
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={matchAgain}
              loading={match.isPending}
              data-testid="match-again"
            >
              Match again
            </Button>
          ) : null)
        }
      />
      {overview.isError && (
        <ErrorAlert
          title="The LRS figures could not be loaded"
          error={overview.error}
          onRetry={() => void overview.refetch()}
        />
      )}
      <EndpointPanel overview={overview.data} />
      <LrsFigures overview={overview.data} />
      <Tabs
        value={params.tab}
        onChange={(value) => {
          const tab = lrsTabs.find((t) => t === value);
          if (tab) update({ tab });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab
            value="statements"
            leftSection={isPhone ? undefined : <IconListDetails size={16} aria-hidden />}
            data-testid="tab-statements"
          >
            Statements
          </Tabs.Tab>
          <Tabs.Tab
            value="clients"
            leftSection={isPhone ? undefined : <IconPlugConnected size={16} aria-hidden />}
            data-testid="tab-clients"
          >
            Clients
          </Tabs.Tab>
          <Tabs.Tab
            value="unmatched"
            leftSection={isPhone ? undefined : <IconUserQuestion size={16} aria-hidden />}
            rightSection={
              unmatched > 0 ? (
                <Badge size="sm" variant="light" color="orange" aria-hidden>
                  {formatNumber(unmatched)}
                </Badge>
              ) : undefined
            }
            aria-label={unmatched > 0 ? `Unmatched actors (${unmatched})` : "Unmatched actors"}
            data-testid="tab-unmatched"
          >
            Unmatched
            <Box component="span" visibleFrom="xs">
              {" "}
              actors
            </Box>
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="statements">
          <StatementsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="clients">
          <ClientsPanel
            canManage={canManage}
            endpoint={overview.data?.endpoint}
            onNew={() => setCreating(true)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="unmatched">
          <UnmatchedActorsPanel canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
      {canManage && <NewClientModal opened={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
