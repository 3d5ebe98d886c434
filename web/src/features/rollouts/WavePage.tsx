import {
  Anchor,
  Button,
  Grid,
  Group,
  Menu,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCircleCheck,
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconProgress,
  IconRefresh,
  IconRocket,
  IconTrash,
  IconUserOff,
  IconUsers,
} from "@tabler/icons-react";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client.js";
import type { Phase, Rollout, Wave, WaveAction, WaveDetail } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate, formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { StatCard } from "../../components/StatCard.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { AssignmentsSection } from "./AssignmentsSection.js";
import { BackLink } from "./BackLink.js";
import { GateDecisionBadge, WaveStatusBadge } from "./badges.js";
import { communicationsPath } from "./communicationsParams.js";
import { DeleteWaveDialog } from "./DeleteWaveDialog.js";
import { deadlineSentence, enrollmentLabels, feasibilityChoiceLabels } from "./labels.js";
import { LaunchDialog } from "./LaunchDialog.js";
import { RolloutNotFound } from "./NotFound.js";
import { gatePath, rolloutPath } from "./paths.js";
import { useSyncWave, useWave } from "./queries.js";
import { sliceSummary, waveDates } from "./RolloutTimeline.js";
import { WaveEvents } from "./WaveEvents.js";
import { WaveForm } from "./WaveForm.js";
import { WaveStatusDialog } from "./WaveStatusDialog.js";

function findWave(rollout: Rollout, waveId: string): { phase: Phase; wave: Wave } | null {
  for (const phase of rollout.phases) {
    const wave = phase.waves.find((candidate) => candidate.id === waveId);
    if (wave) return { phase, wave };
  }
  return null;
}

/** A wave: its state and numbers, launching and stopping it, its assignments and history. */
export function WavePage() {
  const { id = "", waveId = "" } = useParams();
  const detail = useWave(waveId);
  const found = detail.data ? findWave(detail.data.rollout, waveId) : null;
  usePageTitle(found?.wave.name ?? "Wave");

  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.status === 404)
      return (
        <RolloutNotFound
          title="Wave not found"
          description={`No wave has the id “${waveId}”.`}
          backTo={rolloutPath(id)}
          backLabel="Back to the rollout"
        />
      );
    return (
      <Stack>
        <BackLink to={rolloutPath(id)}>Rollout</BackLink>
        <ErrorAlert
          title="This wave could not be loaded"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </Stack>
    );
  }
  if (!detail.data || !found)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading wave">
        <Skeleton h={14} w={160} />
        <Skeleton h={32} w={320} />
        <Skeleton h={92} radius="md" />
        <Skeleton h={320} radius="md" />
      </Stack>
    );
  return <WaveView detail={detail.data} phase={found.phase} wave={found.wave} />;
}

function WaveView({ detail, phase, wave }: { detail: WaveDetail; phase: Phase; wave: Wave }) {
  const { can } = useAuth();
  const isPhone = useIsPhone();
  const rollout = detail.rollout;
  const [launching, setLaunching] = useState(false);
  const [editing, setEditing] = useState(false);
  const [statusAction, setStatusAction] = useState<WaveAction | null>(null);
  const [deleting, setDeleting] = useState(false);
  const sync = useSyncWave(wave.id);
  const navigate = useNavigate();

  const canLaunch = can("rollouts.launch");
  const canManage = can("rollouts.manage");
  const planned = wave.status === "planned";
  const live = wave.status === "launched";
  const paused = wave.status === "paused";

  function runSync() {
    sync.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: "teal",
          title: "Wave synchronised",
          message: `${result.joined} joined, ${result.leavers} leavers and ${result.movedOut} moved out withdrawn, ${result.deferred} deferred.`,
        }),
      onError: (error) =>
        notifications.show({ color: "red", title: "Sync failed", message: errorMessage(error) }),
    });
  }

  const actions: ReactNode[] = [];
  if (planned && canManage)
    actions.push(
      <Button
        key="edit"
        variant="default"
        leftSection={<IconPencil size={16} aria-hidden />}
        onClick={() => setEditing(true)}
        data-testid="edit-wave"
      >
        Edit
      </Button>,
    );
  if (planned && canLaunch)
    actions.push(
      <Button
        key="launch"
        leftSection={<IconRocket size={16} aria-hidden />}
        onClick={() => setLaunching(true)}
        data-testid="launch-wave"
      >
        Launch…
      </Button>,
    );
  if (live && canLaunch)
    actions.push(
      <Button
        key="pause"
        variant="default"
        leftSection={<IconPlayerPause size={16} aria-hidden />}
        onClick={() => setStatusAction("pause")}
        data-testid="pause-wave"
      >
        Pause…
      </Button>,
    );
  if (paused && canLaunch)
    actions.push(
      <Button
        key="resume"
        leftSection={<IconPlayerPlay size={16} aria-hidden />}
        onClick={() => setStatusAction("resume")}
        data-testid="resume-wave"
      >
        Resume…
      </Button>,
    );
  // Less frequent actions, the destructive ones among them, wait behind "More".
  const moreActions: ReactNode[] = [];
  if (live && canLaunch)
    moreActions.push(
      <Menu.Item
        key="sync"
        leftSection={<IconRefresh size={14} aria-hidden />}
        onClick={runSync}
        disabled={sync.isPending}
      >
        Sync with the directory now
      </Menu.Item>,
    );
  if ((live || paused) && canLaunch)
    moreActions.push(
      <Menu.Item
        key="rollback"
        color="red"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={() => setStatusAction("rollback")}
        data-testid="rollback-wave"
      >
        Roll back…
      </Menu.Item>,
    );
  if (planned && canManage)
    moreActions.push(
      <Menu.Item
        key="delete"
        color="red"
        leftSection={<IconTrash size={14} aria-hidden />}
        onClick={() => setDeleting(true)}
        data-testid="delete-wave"
      >
        Delete wave…
      </Menu.Item>,
    );
  if (moreActions.length > 0)
    actions.push(
      <Menu key="more" position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            px="xs"
            aria-label="More wave actions"
            data-testid="more-wave-actions"
          >
            <IconDots size={16} aria-hidden />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>{moreActions}</Menu.Dropdown>
      </Menu>,
    );

  const counts = wave.counts;
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  const notStarted = (counts.assigned ?? 0) + (counts.notified ?? 0);

  return (
    <>
      <PageHeader
        above={<BackLink to={rolloutPath(rollout.id)}>{rollout.name}</BackLink>}
        title={<span data-testid="wave-name">{wave.name}</span>}
        titleAside={<WaveStatusBadge status={wave.status} />}
        description={
          <Text size="sm" c="dimmed" data-testid="wave-summary">
            {phase.name} · {waveDates(wave)} · {enrollmentLabels[wave.enrollmentMode]} ·{" "}
            {sliceSummary(wave)}
          </Text>
        }
        actions={actions.length > 0 ? actions : undefined}
      />
      <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="md" mb="lg">
        <StatCard
          label="Assignments"
          value={total}
          icon={<IconUsers size={18} />}
          testId="wave-stat-total"
        />
        <StatCard
          label="Not started"
          value={notStarted}
          icon={<IconUsers size={18} />}
          color="blue"
          testId="wave-stat-not-started"
        />
        <StatCard
          label="Started"
          value={counts.started ?? 0}
          icon={<IconProgress size={18} />}
          color="indigo"
          testId="wave-stat-started"
        />
        <StatCard
          label="Completed"
          value={counts.completed ?? 0}
          icon={<IconCircleCheck size={18} />}
          color="teal"
          testId="wave-stat-completed"
        />
        <StatCard
          label="Overdue"
          value={counts.overdue ?? 0}
          icon={<IconAlertTriangle size={18} />}
          color="red"
          testId="wave-stat-overdue"
        />
        <StatCard
          label="Exempt or withdrawn"
          value={(counts.exempt ?? 0) + (counts.withdrawn ?? 0)}
          icon={<IconUserOff size={18} />}
          color="gray"
          hint={`${counts.exempt ?? 0} exempt · ${counts.withdrawn ?? 0} withdrawn`}
          testId="wave-stat-closed"
        />
      </SimpleGrid>

      <Grid gap="md" mb="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <WaveFacts rollout={rollout} phase={phase} wave={wave} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <WaveEvents events={detail.events} />
        </Grid.Col>
      </Grid>

      <AssignmentsSection waveId={wave.id} planned={planned} />

      <LaunchDialog
        opened={launching}
        onClose={() => setLaunching(false)}
        rolloutId={rollout.id}
        phase={phase}
        wave={wave}
      />
      <WaveStatusDialog action={statusAction} wave={wave} onClose={() => setStatusAction(null)} />
      {planned && (
        <DeleteWaveDialog
          wave={wave}
          opened={deleting}
          onClose={() => setDeleting(false)}
          onDeleted={() => void navigate(rolloutPath(rollout.id), { replace: true })}
        />
      )}
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={<Text fw={650}>Edit “{wave.name}”</Text>}
        size="xl"
        fullScreen={isPhone}
      >
        {editing && (
          <WaveForm
            rollout={rollout}
            wave={wave}
            onSaved={() => {
              setEditing(false);
              notifications.show({ color: "teal", title: "Wave saved", message: wave.name });
            }}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

function WaveFacts({ rollout, phase, wave }: { rollout: Rollout; phase: Phase; wave: Wave }) {
  const regional = Object.entries(wave.regionDeadlines);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      h="100%"
      component="section"
      aria-labelledby="wave-facts-title"
    >
      <Title order={2} fz="md" mb="md" id="wave-facts-title">
        Plan
      </Title>
      <SimpleGrid component="dl" cols={2} spacing="md" m={0}>
        <Fact label="Launch date">{formatDate(wave.launchDate)}</Fact>
        <Fact label="Due">{deadlineSentence(wave.deadline)}</Fact>
        {regional.length > 0 && (
          <Fact label="Regional deadlines">
            {regional.map(([region, policy]) => (
              <span key={region} style={{ display: "block" }}>
                {region}: {deadlineSentence(policy)}
              </span>
            ))}
          </Fact>
        )}
        <Fact label="Joiners get at least">
          {wave.joinerGraceDays} {wave.joinerGraceDays === 1 ? "day" : "days"}
        </Fact>
        <Fact label="Who">{sliceSummary(wave)}</Fact>
        <Fact label="Enrollment">{enrollmentLabels[wave.enrollmentMode]}</Fact>
        <Fact label="Communications">
          <Anchor
            component={Link}
            to={communicationsPath(rollout.id, wave.id)}
            size="sm"
            data-testid="wave-communications"
          >
            Cadence and calendar
          </Anchor>
        </Fact>
        {wave.launchedAt && (
          <Fact label="Launched">
            {formatDateTime(wave.launchedAt)}
            {wave.launchedBy ? ` by ${wave.launchedBy}` : ""}
          </Fact>
        )}
        {wave.feasibilityChoice && (
          <Fact label="People short on time">
            {feasibilityChoiceLabels[wave.feasibilityChoice]}
          </Fact>
        )}
        {phase.position > 1 && (
          <Fact label={`Gate into ${phase.name}`}>
            <Group gap={6}>
              <GateDecisionBadge decision={phase.gate.decision} />
              <Anchor component={Link} to={gatePath(rollout.id, phase.id)} size="sm">
                Open the gate
              </Anchor>
            </Group>
          </Fact>
        )}
      </SimpleGrid>
    </Paper>
  );
}
