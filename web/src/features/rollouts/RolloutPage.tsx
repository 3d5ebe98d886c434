import { Button, Modal, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconCircleCheck,
  IconMail,
  IconPencil,
  IconPlayerPlay,
  IconPlus,
  IconUsers,
  IconWaveSine,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import type { Rollout, WaveInput } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDate } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { StatCard } from "../../components/StatCard.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BackLink } from "./BackLink.js";
import { communicationsPath } from "./communicationsParams.js";
import { RolloutNotFound } from "./NotFound.js";
import { rolloutProgress } from "./progress.js";
import { useRollout } from "./queries.js";
import { RolloutEditForm } from "./RolloutEditForm.js";
import { RolloutTimeline } from "./RolloutTimeline.js";
import { WaveForm } from "./WaveForm.js";

/** The rollout planner: its phases and waves on a time axis, and adding waves. */
export function RolloutPage() {
  const { id = "" } = useParams();
  const rollout = useRollout(id);
  usePageTitle(rollout.data?.name ?? "Rollout");

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
        <BackLink to="/rollouts">Rollouts</BackLink>
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
      <Stack gap="md" aria-busy="true" aria-label="Loading rollout">
        <Skeleton h={14} w={120} />
        <Skeleton h={32} w={320} />
        <Skeleton h={92} radius="md" />
        <Skeleton h={320} radius="md" />
      </Stack>
    );
  return <RolloutPlanner rollout={rollout.data} />;
}

function RolloutPlanner({ rollout }: { rollout: Rollout }) {
  const { can } = useAuth();
  const isPhone = useIsPhone();
  const [addingTo, setAddingTo] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const canManage = can("rollouts.manage");

  const waves = rollout.phases.flatMap((phase) => phase.waves);
  const live = waves.filter((wave) => wave.status === "launched").length;
  const progress = rolloutProgress(rollout);

  function saved(_: Rollout, input: WaveInput) {
    setAddingTo(null);
    notifications.show({
      color: "teal",
      title: "Wave added",
      message: `“${input.name}” launches on ${formatDate(input.launchDate)}.`,
    });
  }

  function edited(changed: Rollout) {
    setEditing(false);
    notifications.show({ color: "teal", title: "Rollout saved", message: changed.name });
  }

  return (
    <>
      <PageHeader
        above={<BackLink to="/rollouts">Rollouts</BackLink>}
        title={<span data-testid="rollout-name">{rollout.name}</span>}
        description={
          <Stack gap={2}>
            <Text size="sm" c="dimmed" data-testid="rollout-facts">
              {[
                `${rollout.programName} · v${rollout.versionNumber}`,
                rollout.audienceName ? `for ${rollout.audienceName}` : null,
                `${rollout.dailyLearningMinutes} min a working day`,
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
            {rollout.description && (
              <Text size="sm" c="dimmed">
                {rollout.description}
              </Text>
            )}
          </Stack>
        }
        actions={
          <>
            <Button
              component={Link}
              to={communicationsPath(rollout.id)}
              variant="default"
              leftSection={<IconMail size={16} aria-hidden />}
              data-testid="rollout-communications"
            >
              Communications
            </Button>
            {canManage && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => setEditing(true)}
                  data-testid="edit-rollout"
                >
                  Edit rollout
                </Button>
                <Button
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setAddingTo(rollout.phases[0]?.id ?? "")}
                  data-testid="add-wave"
                >
                  Add wave
                </Button>
              </>
            )}
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mb="lg">
        <StatCard
          label="Waves"
          value={waves.length}
          icon={<IconWaveSine size={18} />}
          hint={formatCount(rollout.phases.length, "phase", "phases")}
          testId="stat-waves"
        />
        <StatCard
          label="Live waves"
          value={live}
          icon={<IconPlayerPlay size={18} />}
          color="teal"
          testId="stat-live-waves"
        />
        <StatCard
          label="Assigned"
          value={progress.assigned}
          icon={<IconUsers size={18} />}
          color="blue"
          testId="stat-assigned"
        />
        <StatCard
          label="Completed"
          value={progress.completed}
          icon={<IconCircleCheck size={18} />}
          color="teal"
          hint={
            progress.assigned > 0
              ? `${Math.round((progress.completed / progress.assigned) * 100)}% of assigned`
              : undefined
          }
          testId="stat-completed"
        />
      </SimpleGrid>
      <RolloutTimeline
        rollout={rollout}
        onAddWave={canManage ? (phaseId) => setAddingTo(phaseId) : undefined}
      />
      <Modal
        opened={addingTo !== null}
        onClose={() => setAddingTo(null)}
        title={<Text fw={650}>Add a wave</Text>}
        size="xl"
        fullScreen={isPhone}
      >
        {addingTo !== null && (
          <WaveForm
            rollout={rollout}
            phaseId={addingTo || undefined}
            onSaved={saved}
            onCancel={() => setAddingTo(null)}
          />
        )}
      </Modal>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={<Text fw={650}>Edit rollout</Text>}
        size="lg"
        fullScreen={isPhone}
      >
        {editing && (
          <RolloutEditForm rollout={rollout} onSaved={edited} onCancel={() => setEditing(false)} />
        )}
      </Modal>
    </>
  );
}
