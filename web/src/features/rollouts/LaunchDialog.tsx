import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconLock, IconRocket } from "@tabler/icons-react";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { FeasibilityChoice, LaunchPreview, Phase, Wave } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDate, formatDateTime, formatNumber } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { decisionLooks } from "./labels.js";
import { gatePath } from "./paths.js";
import { useLaunchPreview, useLaunchWave } from "./queries.js";

const choices: { value: FeasibilityChoice; label: string; description: string }[] = [
  {
    value: "assign_anyway",
    label: "Assign anyway",
    description: "Keep the planned due dates; these people will be short on time.",
  },
  {
    value: "extend",
    label: "Extend to the realistic date",
    description: "Each group is due on its realistic date instead.",
  },
  {
    value: "skip",
    label: "Don't assign them",
    description: "They are recorded as not assigned and can be assigned later.",
  },
];

function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2} fw={600} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/**
 * Launching a wave: what it will do (members, due dates, deferrals), what needs a decision first
 * (people short on time), and whether the gate into its phase lets it launch.
 */
export function LaunchDialog({
  opened,
  onClose,
  rolloutId,
  phase,
  wave,
}: {
  opened: boolean;
  onClose: () => void;
  rolloutId: string;
  phase: Phase;
  wave: Wave;
}) {
  const isPhone = useIsPhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={650}>Launch “{wave.name}”</Text>}
      size="xl"
      fullScreen={isPhone}
      data-testid="launch-dialog"
    >
      {opened && (
        <LaunchContent rolloutId={rolloutId} phase={phase} wave={wave} onClose={onClose} />
      )}
    </Modal>
  );
}

function LaunchContent({
  rolloutId,
  phase,
  wave,
  onClose,
}: {
  rolloutId: string;
  phase: Phase;
  wave: Wave;
  onClose: () => void;
}) {
  const { can } = useAuth();
  const preview = useLaunchPreview(wave.id, true);
  const launch = useLaunchWave(wave.id);
  const [choice, setChoice] = useState<FeasibilityChoice | null>(null);
  const [overrideReason, setOverrideReason] = useState("");

  if (preview.isError)
    return (
      <ErrorAlert
        title="The launch preview could not be loaded"
        error={preview.error}
        onRetry={() => void preview.refetch()}
      />
    );
  if (!preview.data)
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the launch preview">
        <Skeleton h={60} />
        <Skeleton h={120} />
      </Stack>
    );

  const data = preview.data;
  const gateClosed = data.gate.required && !data.gate.open;
  const mayOverride = can("gates.override");
  const needsChoice = data.totals.flagged > 0;
  const overrideReady = overrideReason.trim().length >= 3;
  const blocked =
    (needsChoice && choice === null) || (gateClosed && (!mayOverride || !overrideReady));

  function submit() {
    launch.mutate(
      {
        ...(choice ? { feasibility: choice } : {}),
        ...(gateClosed && mayOverride ? { override: { reason: overrideReason.trim() } } : {}),
      },
      {
        onSuccess: (result) => {
          notifications.show({
            color: "teal",
            title: "Wave launched",
            message: `${formatCount(result.created, "assignment", "assignments")} created for “${wave.name}”.`,
          });
          onClose();
        },
      },
    );
  }

  return (
    <Stack gap="md" data-testid="launch-preview">
      {gateClosed && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconLock size={18} aria-hidden />}
          title={`The gate into ${phase.name} has not said go`}
          data-testid="launch-gate-closed"
        >
          <Stack gap="xs">
            <Text size="sm">
              Latest decision:{" "}
              {data.gate.latestDecision
                ? decisionLooks[data.gate.latestDecision].label
                : "none yet"}
              . Waves of this phase launch once a go decision is recorded.{" "}
              <Anchor component={Link} to={gatePath(rolloutId, phase.id)} size="sm">
                Open the gate
              </Anchor>
            </Text>
            {mayOverride ? (
              <Textarea
                label="Override reason"
                description="As an administrator you may launch past the gate; the override is recorded with your reason."
                value={overrideReason}
                onChange={(event) => setOverrideReason(event.currentTarget.value)}
                autosize
                minRows={2}
                data-testid="override-reason"
              />
            ) : (
              <Text size="sm">Ask someone who decides gates to record a go decision.</Text>
            )}
          </Stack>
        </Alert>
      )}

      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="md" m={0}>
        <Fact label="Members" testId="launch-members">
          {formatNumber(data.totals.members)}
        </Fact>
        <Fact label="To assign" testId="launch-to-assign">
          {formatNumber(data.totals.toAssign)}
        </Fact>
        <Fact label="Deferred by blackout" testId="launch-deferred">
          {formatNumber(data.totals.deferred)}
        </Fact>
        <Fact label="Due (your time)" testId="launch-due-range">
          {data.earliestDue === null
            ? "—"
            : data.earliestDue === data.latestDue
              ? formatDateTime(data.earliestDue)
              : `${formatDateTime(data.earliestDue)} – ${formatDateTime(data.latestDue)}`}
        </Fact>
      </SimpleGrid>
      {data.totals.members === 0 && (
        <Alert color="gray" variant="light" title="No one is in this wave">
          Its audience and slice select no active person today. Launching assigns no one now; people
          who join later are assigned as they arrive.
        </Alert>
      )}
      {data.totals.movedByBlackout > 0 && (
        <Text size="sm" c="dimmed">
          {formatCount(
            data.totals.movedByBlackout,
            "person's due date moves",
            "people's due dates move",
          )}{" "}
          past a blackout period.
        </Text>
      )}
      {data.deferred.length > 0 && (
        <div data-testid="launch-deferred-list">
          <Text size="sm" fw={600} mb={4}>
            Deferred: their division is in a blackout period on the launch date
          </Text>
          <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
            {data.deferred.map((entry) => (
              <Text component="li" size="sm" key={entry.division}>
                {entry.division}: {formatCount(entry.count, "person", "people")}, assigned after{" "}
                {formatDate(entry.until)}
              </Text>
            ))}
          </Stack>
        </div>
      )}

      {needsChoice && (
        <FlaggedGroups
          preview={data}
          choice={choice}
          onChoice={setChoice}
          showError={launch.isError && choice === null}
        />
      )}

      {launch.isError && <ErrorAlert title="The wave was not launched" error={launch.error} />}

      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          leftSection={<IconRocket size={16} aria-hidden />}
          onClick={submit}
          loading={launch.isPending}
          disabled={blocked}
          color={gateClosed ? "grape" : undefined}
          data-testid="confirm-launch"
        >
          {gateClosed && mayOverride ? "Override the gate and launch" : "Launch wave"}
        </Button>
      </Group>
    </Stack>
  );
}

function FlaggedGroups({
  preview,
  choice,
  onChoice,
  showError,
}: {
  preview: LaunchPreview;
  choice: FeasibilityChoice | null;
  onChoice: (choice: FeasibilityChoice) => void;
  showError: boolean;
}) {
  return (
    <Stack gap="sm" data-testid="launch-flagged">
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} aria-hidden />}
        title={`${formatCount(preview.totals.flagged, "person", "people")} would be short on time`}
      >
        Their due date leaves fewer working days than the program needs at the rollout's daily
        learning time.
      </Alert>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table fz="sm" verticalSpacing={6} aria-label="People short on time, by group">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Region</Table.Th>
              <Table.Th>Division</Table.Th>
              <Table.Th>Time zone</Table.Th>
              <Table.Th ta="right">People</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th ta="right">Working days</Table.Th>
              <Table.Th>Realistic date</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.flaggedGroups.map((group) => (
              <Table.Tr
                key={`${group.region}|${group.division}|${group.timeZone}`}
                data-testid="flagged-group"
              >
                <Table.Td>{group.region || "—"}</Table.Td>
                <Table.Td>{group.division || "—"}</Table.Td>
                <Table.Td>{group.timeZone}</Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {formatNumber(group.count)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(group.dueDate)}</Table.Td>
                <Table.Td ta="right" className="tabular-nums" style={{ whiteSpace: "nowrap" }}>
                  {group.availableDays} of {group.requiredDays} needed
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="flagged-realistic-date">
                  {formatDate(group.realisticDate)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Radio.Group
        label="What should happen to them?"
        description="Choose one to launch."
        value={choice}
        onChange={(value) => {
          const next = choices.find((candidate) => candidate.value === value);
          if (next) onChoice(next.value);
        }}
        required
        error={showError ? "Choose what happens to the people short on time." : undefined}
        data-testid="feasibility-choice"
      >
        <Stack gap="xs" mt="xs">
          {choices.map((option) => (
            <Radio
              key={option.value}
              value={option.value}
              label={option.label}
              description={option.description}
              data-testid={`feasibility-${option.value}`}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
