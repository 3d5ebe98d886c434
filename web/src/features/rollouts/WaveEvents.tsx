import { Paper, ScrollArea, Text, ThemeIcon, Timeline, Title } from "@mantine/core";
import {
  IconArrowBackUp,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
  IconRocket,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { WaveEvent } from "../../api/rollouts.js";
import { formatDate, formatDateTime, formatValue } from "../../components/format.js";
import { feasibilityChoiceLabels, waveEventLabels } from "./labels.js";

const looks: Record<string, { color: string; icon: ReactNode }> = {
  launched: { color: "teal", icon: <IconRocket size={12} aria-hidden /> },
  paused: { color: "yellow", icon: <IconPlayerPause size={12} aria-hidden /> },
  resumed: { color: "teal", icon: <IconPlayerPlay size={12} aria-hidden /> },
  rolled_back: { color: "red", icon: <IconArrowBackUp size={12} aria-hidden /> },
  synchronised: { color: "gray", icon: <IconRefresh size={12} aria-hidden /> },
};

const detailLabels: Record<string, string> = {
  members: "members",
  toAssign: "to assign",
  flagged: "short on time",
  deferred: "deferred",
  movedByBlackout: "moved by blackout",
  created: "created",
  feasibility: "choice",
  withdrawn: "withdrawn",
  leavers: "leavers",
  movedOut: "moved out",
  joined: "joined",
  startedOn: "due dates count from",
};

/** A detail's value in words: the feasibility choice by its label, dates as dates. */
function detailValue(key: string, value: unknown): string {
  if (key === "feasibility" && typeof value === "string") {
    const label = Object.entries(feasibilityChoiceLabels).find(([choice]) => choice === value)?.[1];
    return label?.toLowerCase() ?? value;
  }
  if (key === "startedOn" && typeof value === "string") return formatDate(value);
  return formatValue(value);
}

function detailLine(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== 0)
    .map(([key, value]) => `${detailLabels[key] ?? key}: ${detailValue(key, value)}`)
    .join(" · ");
}

/** The wave's history: launches, pauses, resumptions, rollbacks and syncs, newest first. */
export function WaveEvents({ events }: { events: WaveEvent[] }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      h="100%"
      component="section"
      aria-labelledby="wave-events-title"
    >
      <Title order={2} fz="md" mb="md" id="wave-events-title">
        History
      </Title>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened to this wave yet.
        </Text>
      ) : (
        // Daily syncs make the history long; it scrolls within its card.
        <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
          <Timeline bulletSize={22} lineWidth={2} active={-1} data-testid="wave-events">
            {events.map((event, index) => {
              const look = looks[event.kind] ?? { color: "gray", icon: null };
              const details = detailLine(event.details);
              return (
                <Timeline.Item
                  key={`${event.at}-${index}`}
                  title={waveEventLabels[event.kind] ?? event.kind}
                  bullet={
                    <ThemeIcon size={22} radius="xl" color={look.color} variant="filled">
                      {look.icon}
                    </ThemeIcon>
                  }
                  data-testid="wave-event"
                  data-kind={event.kind}
                >
                  <Text size="xs" c="dimmed" mb={2}>
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {event.actor}
                  </Text>
                  {event.reason && (
                    <Text
                      size="sm"
                      style={{ overflowWrap: "anywhere" }}
                      data-testid="wave-event-reason"
                    >
                      “{event.reason}”
                    </Text>
                  )}
                  {details && (
                    <Text size="xs" c="dimmed">
                      {details}
                    </Text>
                  )}
                </Timeline.Item>
              );
            })}
          </Timeline>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
