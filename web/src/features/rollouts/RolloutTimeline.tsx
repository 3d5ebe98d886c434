import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconDiamond, IconPlus } from "@tabler/icons-react";
import type { CSSProperties } from "react";
import { Link } from "react-router";
import type { Phase, Rollout, Wave, WaveStatus } from "../../api/rollouts.js";
import { formatDate, formatDateTime } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { GateDecisionBadge, WaveStatusBadge } from "./badges.js";
import { waveDueRange } from "./dates.js";
import { decisionLooks, phaseKindLabels, waveStatusLooks } from "./labels.js";
import { gatePath, wavePath } from "./paths.js";
import type { TimeScale } from "./timelineScale.js";
import { timeScaleOf } from "./timelineScale.js";

/** "Europe, Asia Pacific · Risk · 10% sample", or the whole audience. */
export function sliceSummary(wave: Wave): string {
  const parts = [
    wave.slice.regions.join(", "),
    wave.slice.divisions.join(", "),
    wave.slice.percent !== null ? `${wave.slice.percent}% sample` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "Whole audience";
}

/** "2 Mar 2026 → 1 Apr 2026" (to the latest regional due date when regions differ). */
export function waveDates(wave: Wave): string {
  const due = waveDueRange(wave);
  const dueText =
    due.first === due.last
      ? formatDate(due.last)
      : `${formatDate(due.first)}–${formatDate(due.last)}`;
  return `${formatDate(wave.launchDate)} → due ${dueText}`;
}

const barLooks: Record<WaveStatus, CSSProperties> = {
  planned: {
    background: "var(--mantine-color-blue-light)",
    border: "1px dashed var(--mantine-color-blue-filled)",
    color: "var(--mantine-color-blue-light-color)",
  },
  launched: {
    background: "var(--mantine-color-teal-filled)",
    border: "1px solid var(--mantine-color-teal-filled)",
    color: "var(--mantine-color-white)",
  },
  paused: {
    background: "var(--mantine-color-yellow-light)",
    border: "1px solid var(--mantine-color-yellow-filled)",
    color: "var(--mantine-color-yellow-light-color)",
  },
  rolled_back: {
    background:
      "repeating-linear-gradient(45deg, var(--mantine-color-gray-light), var(--mantine-color-gray-light) 6px, transparent 6px, transparent 12px)",
    border: "1px solid var(--mantine-color-gray-5)",
    color: "var(--mantine-color-dimmed)",
  },
};

/** The gate into a phase: who decided what, or that it waits for a decision. */
function gateText(phase: Phase): string {
  const decision = phase.gate.decision;
  if (!decision) return `Gate into ${phase.name}: awaiting a decision`;
  const when = phase.gate.decidedAt ? ` on ${formatDateTime(phase.gate.decidedAt)}` : "";
  return `Gate into ${phase.name}: ${decisionLooks[decision].label}${when}`;
}

/**
 * The rollout's plan on a time axis: one row per wave from its launch to its due date, grouped by
 * phase, with the gate into each later phase between the groups. On a phone it is a list.
 */
export function RolloutTimeline({
  rollout,
  onAddWave,
}: {
  rollout: Rollout;
  /** Shown to people who may add waves. */
  onAddWave?: (phaseId: string) => void;
}) {
  const isPhone = useIsPhone();
  return isPhone ? (
    <TimelineList rollout={rollout} onAddWave={onAddWave} />
  ) : (
    <TimelineGrid rollout={rollout} onAddWave={onAddWave} />
  );
}

function TrackLines({ scale }: { scale: TimeScale }) {
  return (
    <>
      {scale.ticks.map((tick) => (
        <span
          key={tick.date}
          aria-hidden
          style={{
            position: "absolute",
            top: 0,
            bottom: 0,
            left: `${tick.at}%`,
            borderLeft: "1px solid var(--mantine-color-default-border)",
          }}
        />
      ))}
      {scale.today !== null && (
        <span
          aria-hidden
          style={{
            position: "absolute",
            top: 0,
            bottom: 0,
            left: `${scale.today}%`,
            borderLeft: "2px dashed var(--mantine-color-red-5)",
            zIndex: 1,
          }}
        />
      )}
    </>
  );
}

const labelCell: CSSProperties = {
  padding: "6px 12px",
  borderTop: "1px solid var(--mantine-color-default-border)",
  minWidth: 0,
};
const trackCell: CSSProperties = {
  position: "relative",
  borderTop: "1px solid var(--mantine-color-default-border)",
  minHeight: 44,
};

function TimelineGrid({
  rollout,
  onAddWave,
}: {
  rollout: Rollout;
  onAddWave: ((phaseId: string) => void) | undefined;
}) {
  const scale = timeScaleOf(rollout);
  return (
    <Paper
      withBorder
      radius="md"
      style={{ overflow: "hidden" }}
      component="section"
      aria-label="Timeline"
      data-testid="rollout-timeline"
      data-layout="grid"
    >
      <div style={{ display: "grid", gridTemplateColumns: "minmax(12rem, 18rem) 1fr" }}>
        <div style={{ padding: "8px 12px" }}>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase" lts={0.3}>
            Phase and wave
          </Text>
        </div>
        <div style={{ position: "relative", height: 32 }} aria-hidden>
          {scale.ticks.map((tick) => (
            <Text
              key={tick.date}
              size="xs"
              c="dimmed"
              style={{
                position: "absolute",
                top: 8,
                left: `${tick.at}%`,
                transform: tick.at > 92 ? "translateX(-100%)" : "translateX(4px)",
                whiteSpace: "nowrap",
              }}
            >
              {tick.label}
            </Text>
          ))}
          {scale.today !== null && (
            <Text
              size="xs"
              c="red.7"
              fw={600}
              style={{
                position: "absolute",
                bottom: 0,
                left: `${scale.today}%`,
                transform: "translateX(-50%)",
              }}
            >
              Today
            </Text>
          )}
        </div>

        {rollout.phases.map((phase) => (
          <PhaseRows
            key={phase.id}
            rollout={rollout}
            phase={phase}
            scale={scale}
            onAddWave={onAddWave}
          />
        ))}
      </div>
    </Paper>
  );
}

function PhaseRows({
  rollout,
  phase,
  scale,
  onAddWave,
}: {
  rollout: Rollout;
  phase: Phase;
  scale: TimeScale;
  onAddWave: ((phaseId: string) => void) | undefined;
}) {
  const firstLaunch = phase.waves.map((wave) => wave.launchDate).sort()[0];
  const gateDate = phase.gate.decidedAt?.slice(0, 10) ?? firstLaunch ?? null;
  const decision = phase.gate.decision;
  const gateColor = decision ? decisionLooks[decision].color : "gray";
  return (
    <div style={{ display: "contents" }} role="group" aria-label={`Phase ${phase.name}`}>
      {phase.position > 1 && (
        <>
          <div style={labelCell} data-testid="timeline-gate" data-phase-id={phase.id}>
            <Group gap={6} wrap="nowrap">
              <IconDiamond
                size={14}
                aria-hidden
                style={{ color: `var(--mantine-color-${gateColor}-filled)`, flexShrink: 0 }}
              />
              <Anchor
                component={Link}
                to={gatePath(rollout.id, phase.id)}
                size="sm"
                aria-label={gateText(phase)}
                title={gateText(phase)}
              >
                Gate
              </Anchor>
              <GateDecisionBadge decision={decision} />
            </Group>
          </div>
          <div style={{ ...trackCell, minHeight: 32 }}>
            <TrackLines scale={scale} />
            {gateDate && (
              <span
                title={gateText(phase)}
                aria-hidden
                style={{
                  position: "absolute",
                  top: "50%",
                  left: `${scale.at(gateDate)}%`,
                  width: 14,
                  height: 14,
                  transform: "translate(-50%, -50%) rotate(45deg)",
                  background: decision
                    ? `var(--mantine-color-${gateColor}-filled)`
                    : "var(--mantine-color-body)",
                  border: `2px solid var(--mantine-color-${gateColor}-${decision ? "filled" : "5"})`,
                  zIndex: 2,
                }}
              />
            )}
          </div>
        </>
      )}
      <div
        style={{
          ...labelCell,
          gridColumn: "1 / -1",
          background: "var(--mantine-color-default-hover)",
        }}
      >
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text fw={650} size="sm" component="h3" m={0}>
              {phase.name}
            </Text>
            {phase.name !== phaseKindLabels[phase.kind] && (
              <Badge size="xs" variant="outline" color="gray">
                {phaseKindLabels[phase.kind]}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {phase.waves.length === 1 ? "1 wave" : `${phase.waves.length} waves`}
            </Text>
          </Group>
          {onAddWave && (
            <Button
              variant="subtle"
              size="compact-xs"
              leftSection={<IconPlus size={12} aria-hidden />}
              onClick={() => onAddWave(phase.id)}
              aria-label={`Add a wave to ${phase.name}`}
            >
              Add wave
            </Button>
          )}
        </Group>
      </div>
      {phase.waves.length === 0 && (
        <div style={{ ...labelCell, gridColumn: "1 / -1" }}>
          <Text size="sm" c="dimmed">
            No waves in this phase yet.
          </Text>
        </div>
      )}
      {[...phase.waves]
        .sort((a, b) => a.launchDate.localeCompare(b.launchDate))
        .map((wave) => (
          <WaveRow key={wave.id} rollout={rollout} wave={wave} scale={scale} />
        ))}
    </div>
  );
}

function WaveRow({ rollout, wave, scale }: { rollout: Rollout; wave: Wave; scale: TimeScale }) {
  const due = waveDueRange(wave);
  const left = scale.at(wave.launchDate);
  const solid = Math.max(scale.at(due.first) - left, 0.8);
  const total = Math.max(scale.at(due.last) - left, solid);
  const look = barLooks[wave.status];
  const to = wavePath(rollout.id, wave.id);
  return (
    <>
      <div style={labelCell} data-testid="timeline-wave" data-wave-id={wave.id}>
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Anchor component={Link} to={to} size="sm" fw={600} truncate title={wave.name}>
            {wave.name}
          </Anchor>
          <WaveStatusBadge status={wave.status} />
        </Group>
        <Text size="xs" c="dimmed" data-testid="timeline-wave-dates">
          {waveDates(wave)}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {sliceSummary(wave)}
        </Text>
      </div>
      <div style={trackCell}>
        <TrackLines scale={scale} />
        <Box
          component={Link}
          to={to}
          tabIndex={-1}
          aria-hidden
          title={`${wave.name}: ${waveDates(wave)} (${waveStatusLooks[wave.status].label})`}
          data-testid="timeline-bar"
          data-wave-id={wave.id}
          style={{
            position: "absolute",
            top: "50%",
            left: `${left}%`,
            width: `${total}%`,
            height: 24,
            transform: "translateY(-50%)",
            display: "flex",
            zIndex: 2,
            textDecoration: "none",
          }}
        >
          <span
            style={{
              ...look,
              width: `${(solid / total) * 100}%`,
              minWidth: 8,
              borderRadius: total === solid ? 6 : "6px 0 0 6px",
              padding: "0 8px",
              fontSize: 12,
              fontWeight: 600,
              lineHeight: "22px",
              whiteSpace: "nowrap",
              overflow: "hidden",
              textOverflow: "ellipsis",
            }}
          >
            {wave.name}
          </span>
          {total > solid && (
            <span
              style={{
                ...look,
                flex: 1,
                opacity: 0.45,
                borderLeft: "none",
                borderRadius: "0 6px 6px 0",
              }}
            />
          )}
        </Box>
      </div>
    </>
  );
}

function TimelineList({
  rollout,
  onAddWave,
}: {
  rollout: Rollout;
  onAddWave: ((phaseId: string) => void) | undefined;
}) {
  return (
    <Stack
      gap="sm"
      component="section"
      aria-label="Timeline"
      data-testid="rollout-timeline"
      data-layout="list"
    >
      {rollout.phases.map((phase) => (
        <Stack key={phase.id} gap={6}>
          {phase.position > 1 && (
            <Group gap={6} wrap="wrap" pl={4} data-testid="timeline-gate" data-phase-id={phase.id}>
              <IconDiamond size={14} aria-hidden />
              <Anchor
                component={Link}
                to={gatePath(rollout.id, phase.id)}
                size="sm"
                aria-label={gateText(phase)}
              >
                Gate into {phase.name}
              </Anchor>
              <GateDecisionBadge decision={phase.gate.decision} />
            </Group>
          )}
          <Paper withBorder radius="md" p="sm">
            <Group justify="space-between" gap="xs" mb={phase.waves.length > 0 ? "xs" : 0}>
              <Text fw={650} size="sm" component="h3" m={0}>
                {phase.name}
              </Text>
              {onAddWave && (
                <Button
                  variant="subtle"
                  size="compact-xs"
                  leftSection={<IconPlus size={12} aria-hidden />}
                  onClick={() => onAddWave(phase.id)}
                  aria-label={`Add a wave to ${phase.name}`}
                >
                  Add wave
                </Button>
              )}
            </Group>
            {phase.waves.length === 0 ? (
              <Text size="sm" c="dimmed">
                No waves in this phase yet.
              </Text>
            ) : (
              <Stack gap={8} component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }}>
                {[...phase.waves]
                  .sort((a, b) => a.launchDate.localeCompare(b.launchDate))
                  .map((wave) => (
                    <li
                      key={wave.id}
                      data-testid="timeline-wave"
                      data-wave-id={wave.id}
                      style={{
                        borderLeft: `3px solid var(--mantine-color-${waveStatusLooks[wave.status].color}-filled)`,
                        paddingLeft: 10,
                      }}
                    >
                      <Group gap={6} justify="space-between" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={wavePath(rollout.id, wave.id)}
                          size="sm"
                          fw={600}
                          style={{ overflowWrap: "anywhere" }}
                        >
                          {wave.name}
                        </Anchor>
                        <WaveStatusBadge status={wave.status} />
                      </Group>
                      <Text size="xs" c="dimmed" data-testid="timeline-wave-dates">
                        {waveDates(wave)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {sliceSummary(wave)}
                      </Text>
                    </li>
                  ))}
              </Stack>
            )}
          </Paper>
        </Stack>
      ))}
    </Stack>
  );
}
