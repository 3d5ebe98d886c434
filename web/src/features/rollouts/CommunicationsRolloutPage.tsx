import { Button, Group, Select, Skeleton, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCalendarEvent, IconListDetails, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client.js";
import type { Rollout } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BackLink } from "./BackLink.js";
import { CadencePanel } from "./CadencePanel.js";
import { CommunicationsCalendar } from "./CommunicationsCalendar.js";
import { communicationsTabs, useCommunicationsParams } from "./communicationsParams.js";
import { waveStatusLooks } from "./labels.js";
import { RolloutNotFound } from "./NotFound.js";
import { rolloutPath } from "./paths.js";
import { usePlanMessages, useRollout } from "./queries.js";

/** The rollout's communications: its cadence (or a wave's) and the calendar of messages. */
export function CommunicationsRolloutPage() {
  const { id = "" } = useParams();
  const rollout = useRollout(id);
  usePageTitle(rollout.data ? `Communications · ${rollout.data.name}` : "Communications");

  if (rollout.isError) {
    if (isApiError(rollout.error) && rollout.error.status === 404)
      return (
        <RolloutNotFound
          title="Rollout not found"
          description={`No rollout has the id “${id}”.`}
          backTo="/rollouts"
          backLabel="Back to Rollouts"
        />
      );
    return (
      <Stack>
        <BackLink to={rolloutPath(id)}>Rollout</BackLink>
        <ErrorAlert
          title="This rollout could not be loaded"
          error={rollout.error}
          onRetry={() => void rollout.refetch()}
        />
      </Stack>
    );
  }
  if (!rollout.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading communications">
        <Skeleton h={14} w={160} />
        <Skeleton h={32} w={320} />
        <Skeleton h={320} radius="md" />
      </Stack>
    );
  return <CommunicationsView rollout={rollout.data} />;
}

/** The wave selector's choice for the rollout as a whole (no wave id looks like this). */
const wholeRollout = "rollout";

/** How many messages a plan wrote, read defensively: the API types its waves loosely. */
function plannedCount(waves: unknown[]): number {
  let total = 0;
  for (const wave of waves) {
    const rules: unknown =
      typeof wave === "object" && wave !== null && "rules" in wave ? wave.rules : [];
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as unknown[])
      if (typeof rule === "object" && rule !== null && "planned" in rule)
        total += Number(rule.planned) || 0;
  }
  return total;
}

function CommunicationsView({ rollout }: { rollout: Rollout }) {
  const { can } = useAuth();
  const isPhone = useIsPhone();
  const canManage = can("rollouts.manage");
  const { params, update } = useCommunicationsParams();
  const plan = usePlanMessages(rollout.id);
  const waves = rollout.phases.flatMap((phase) => phase.waves);
  // A wave of another rollout, or one deleted since, falls back to the rollout.
  const waveId = waves.some((wave) => wave.id === params.waveId) ? params.waveId : null;
  const live = waves.filter((wave) => wave.status === "launched");
  // While a cadence is being edited, changing wave or tab would drop the draft.
  const [editing, setEditing] = useState(false);

  function planNow() {
    plan.mutate(undefined, {
      onSuccess: (result) => {
        const written = plannedCount(result.waves);
        notifications.show({
          color: "teal",
          title:
            written > 0 ? `${formatCount(written, "message", "messages")} planned` : "Up to date",
          message:
            written > 0
              ? "The next 48 hours of the live waves' messages are in the outbox."
              : "Every message due in the next 48 hours was in the outbox already.",
        });
        update({ tab: "calendar" });
      },
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Nothing was planned",
          message: errorMessage(error),
        }),
    });
  }

  return (
    <>
      <PageHeader
        above={<BackLink to={rolloutPath(rollout.id)}>{rollout.name}</BackLink>}
        title={<span data-testid="communications-title">Communications</span>}
        description={`What ${rollout.name} sends, to whom and when: the cadence of messages, and the calendar of what went and will go out.`}
        actions={
          canManage && (
            <Button
              variant="light"
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={planNow}
              loading={plan.isPending}
              disabled={live.length === 0}
              title={live.length === 0 ? "Messages are planned once a wave is live" : undefined}
              data-testid="plan-now"
            >
              Plan now
            </Button>
          )
        }
      />
      <Group mb="md" align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Wave"
          data={[
            { value: wholeRollout, label: "Whole rollout" },
            ...waves.map((wave) => ({
              value: wave.id,
              label: `${wave.name} (${waveStatusLooks[wave.status].label.toLowerCase()})`,
            })),
          ]}
          value={waveId ?? wholeRollout}
          onChange={(value) => update({ waveId: value === wholeRollout ? null : value })}
          allowDeselect={false}
          disabled={editing}
          description={editing ? "Save or cancel the cadence first" : undefined}
          w={{ base: "100%", sm: 360 }}
          data-testid="cadence-wave"
        />
        {live.length === 0 && waves.length > 0 && (
          <Text size="sm" c="dimmed" mb={6}>
            No wave is live yet: nothing is in the outbox.
          </Text>
        )}
      </Group>
      <Tabs
        value={params.tab}
        onChange={(value) => {
          const tab = communicationsTabs.find((candidate) => candidate === value);
          if (tab) update({ tab });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab
            value="cadence"
            leftSection={isPhone ? undefined : <IconListDetails size={16} aria-hidden />}
            data-testid="tab-cadence"
          >
            Cadence
          </Tabs.Tab>
          <Tabs.Tab
            value="calendar"
            disabled={editing}
            leftSection={isPhone ? undefined : <IconCalendarEvent size={16} aria-hidden />}
            data-testid="tab-calendar"
          >
            Calendar
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cadence">
          <CadencePanel
            key={waveId ?? "rollout"}
            rollout={rollout}
            waveId={waveId}
            canManage={canManage}
            onEditingChange={setEditing}
          />
        </Tabs.Panel>
        <Tabs.Panel value="calendar">
          <CommunicationsCalendar
            rollout={rollout}
            waveId={waveId}
            from={params.from}
            to={params.to}
            onRange={(range) => update(range)}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
