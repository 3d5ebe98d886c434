import {
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCalendarEvent, IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { Link } from "react-router";
import type { CalendarData } from "../../api/communications.js";
import type { Rollout, Wave } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate, formatNumber } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { outboxStateLooks, outboxStates, ruleRecipients } from "./cadenceLabels.js";
import type { CalendarEntry } from "./communicationsCalendar.js";
import { cadenceEstimate, calendarByDay, entryName, formatDay } from "./communicationsCalendar.js";
import { deliveryLogPath } from "./communicationsParams.js";
import { addDays } from "./dates.js";
import { waveStatusLooks } from "./labels.js";
import { useCommunicationsCalendar } from "./queries.js";

/** How far "Earlier" and "Later" move the calendar. */
const stepDays = 30;

/** An entry's counts: written ones link to the delivery log; planned ones are marked apart. */
function EntryCounts({ rolloutId, entry }: { rolloutId: string; entry: CalendarEntry }) {
  return (
    <Group gap={6} wrap="wrap">
      {outboxStates
        .filter((state) => entry.written[state] > 0)
        .map((state) => {
          const look = outboxStateLooks[state];
          const count = entry.written[state];
          return (
            <Anchor
              key={state}
              component={Link}
              to={deliveryLogPath(rolloutId, state)}
              underline="never"
              aria-label={`${formatNumber(count)} ${look.label}: open the delivery log`}
              data-testid="calendar-count"
              data-state={state}
              data-count={count}
            >
              <Badge
                color={look.color}
                variant="light"
                tt="none"
                miw="max-content"
                style={{ cursor: "pointer" }}
              >
                {formatNumber(count)} {look.label}
              </Badge>
            </Anchor>
          );
        })}
      {entry.planned > 0 && (
        <Badge
          color="gray"
          variant="outline"
          tt="none"
          miw="max-content"
          style={{ borderStyle: "dashed" }}
          title="What the cadence will write to the outbox later, if nothing changes"
          data-testid="calendar-planned"
          data-count={entry.planned}
        >
          {formatNumber(entry.planned)} planned
        </Badge>
      )}
    </Group>
  );
}

function EntryLine({
  data,
  rolloutId,
  entry,
  waveNames,
  showWave,
  testId,
}: {
  data: CalendarData;
  rolloutId: string;
  entry: CalendarEntry;
  waveNames: Map<string, string>;
  showWave: boolean;
  testId: string;
}) {
  const onlyPlanned = Object.values(entry.written).every((n) => n === 0);
  return (
    <Group
      gap="xs"
      wrap="wrap"
      justify="space-between"
      data-testid={testId}
      data-wave-id={entry.waveId ?? ""}
      data-rule-id={entry.ruleId ?? ""}
      style={onlyPlanned ? { opacity: 0.8 } : undefined}
    >
      <div style={{ minWidth: 0, flex: "1 1 14rem" }}>
        <Text size="sm" fw={onlyPlanned ? 400 : 600} style={{ overflowWrap: "anywhere" }}>
          {entryName(data, entry)}
        </Text>
        {showWave && (
          <Text size="xs" c="dimmed">
            {entry.waveId ? (waveNames.get(entry.waveId) ?? entry.waveId) : "No wave"}
          </Text>
        )}
      </div>
      <EntryCounts rolloutId={rolloutId} entry={entry} />
    </Group>
  );
}

/** A wave that has not launched: its cadence laid out from its launch date, as an estimate. */
function WaveEstimate({ wave, data }: { wave: Wave; data: CalendarData }) {
  const cadence = data.waves.find((candidate) => candidate.waveId === wave.id)?.cadence;
  if (!cadence) return null;
  const estimate = cadenceEstimate(wave, cadence);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="estimate-wave" data-wave-id={wave.id}>
      <Group gap="xs" wrap="wrap" mb={4}>
        <Text size="sm" fw={650}>
          {wave.name}
        </Text>
        <Badge color="gray" variant="outline" tt="none" style={{ borderStyle: "dashed" }}>
          Estimate before launch
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Launches {formatDate(wave.launchDate)}. Dates from the launch date and the default deadline;
        quiet hours, rest days, regional deadlines and caps may move a message.
      </Text>
      <Stack gap={4} component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {estimate.days.map((day) => (
          <li key={day.day} data-testid="estimate-day" data-day={day.day}>
            <Text size="sm">
              <Text span fw={600}>
                {formatDay(day.day)}:
              </Text>{" "}
              {day.rules.map((rule) => `${rule.name} (${ruleRecipients(rule)})`).join("; ")}
            </Text>
          </li>
        ))}
        {estimate.onCompletion.length > 0 && (
          <li data-testid="estimate-on-completion">
            <Text size="sm">
              <Text span fw={600}>
                As people complete:
              </Text>{" "}
              {estimate.onCompletion.map((rule) => rule.name).join("; ")}
            </Text>
          </li>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The communications calendar: for each day, per wave and rule, how many messages went or will
 * go out (the outbox, by state) and what the cadence will write later; totals per rule; and, for
 * waves not launched yet, their cadence laid out from the launch date.
 */
export function CommunicationsCalendar({
  rollout,
  waveId,
  from,
  to,
  onRange,
}: {
  rollout: Rollout;
  /** Only this wave's messages; null for every wave. */
  waveId: string | null;
  from: string;
  to: string;
  onRange: (range: { from: string | null; to: string | null }) => void;
}) {
  const isPhone = useIsPhone();
  const validRange = from <= to;
  const calendar = useCommunicationsCalendar(rollout.id, from, to);
  const waves = rollout.phases
    .flatMap((phase) => phase.waves)
    .filter((wave) => waveId === null || wave.id === waveId);
  const waveNames = new Map(waves.map((wave) => [wave.id, wave.name]));
  const data = calendar.data;
  const grouped = data ? calendarByDay(data, waveId) : null;
  const notLaunched = waves.filter((wave) => wave.status === "planned");
  const stopped = waves.filter((wave) => wave.status === "paused" || wave.status === "rolled_back");
  const showWave = waveId === null && waves.length > 1;

  return (
    <Stack gap="md" data-testid="communications-calendar" data-from={from} data-to={to}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(event) =>
            event.currentTarget.value && onRange({ from: event.currentTarget.value, to })
          }
          w={170}
          error={validRange ? undefined : "After “To”"}
          data-testid="calendar-from"
        />
        <TextInput
          type="date"
          label="To"
          value={to}
          onChange={(event) =>
            event.currentTarget.value && onRange({ from, to: event.currentTarget.value })
          }
          w={170}
          data-testid="calendar-to"
        />
        <Group gap={6}>
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={16} aria-hidden />}
            onClick={() => onRange({ from: addDays(from, -stepDays), to: addDays(to, -stepDays) })}
            data-testid="calendar-earlier"
          >
            Earlier
          </Button>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={16} aria-hidden />}
            onClick={() => onRange({ from: addDays(from, stepDays), to: addDays(to, stepDays) })}
            data-testid="calendar-later"
          >
            Later
          </Button>
          <Button variant="subtle" onClick={() => onRange({ from: null, to: null })}>
            Reset
          </Button>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        Days in UTC. Messages are written to the outbox 48 hours before they go: further ahead, the
        calendar shows what the cadence plans if nothing changes (“planned”). A count opens the
        delivery log.
      </Text>

      {calendar.isError ? (
        <ErrorAlert
          title="The calendar could not be loaded"
          error={calendar.error}
          onRetry={() => void calendar.refetch()}
        />
      ) : !data || !grouped ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading calendar">
          <Skeleton h={60} radius="md" />
          <Skeleton h={60} radius="md" />
          <Skeleton h={60} radius="md" />
        </Stack>
      ) : (
        <>
          {notLaunched.length > 0 && (
            <Stack gap="xs" component="section" aria-labelledby="estimate-title">
              <Title order={3} fz="sm" id="estimate-title">
                Before launch
              </Title>
              {notLaunched.map((wave) => (
                <WaveEstimate key={wave.id} wave={wave} data={data} />
              ))}
            </Stack>
          )}
          {stopped.length > 0 && (
            <Text size="sm" c="dimmed" data-testid="calendar-stopped">
              {stopped
                .map(
                  (wave) => `${wave.name} is ${waveStatusLooks[wave.status].label.toLowerCase()}`,
                )
                .join("; ")}
              : nothing new is planned for {stopped.length === 1 ? "it" : "them"}.
            </Text>
          )}

          <Stack gap="xs" component="section" aria-labelledby="calendar-days-title">
            <Title order={3} fz="sm" id="calendar-days-title">
              Day by day
            </Title>
            {grouped.days.length === 0 ? (
              <Paper withBorder radius="md" p="lg">
                <EmptyState
                  icon={<IconCalendarEvent size={28} aria-hidden />}
                  variant="light"
                  title="No messages in this range"
                  description={
                    waves.some((wave) => wave.status === "launched")
                      ? "Nothing went or will go out between these dates. “Plan now” writes the next 48 hours of a live wave's messages."
                      : "Messages are planned once a wave is live."
                  }
                  data-testid="calendar-empty"
                />
              </Paper>
            ) : (
              <Paper withBorder radius="md" p={0}>
                <Stack
                  gap={0}
                  component="ol"
                  aria-label="Messages by day"
                  style={{ listStyle: "none", margin: 0, padding: 0 }}
                >
                  {grouped.days.map((day, index) => (
                    <li
                      key={day.day}
                      data-testid="calendar-day"
                      data-day={day.day}
                      style={{
                        borderTop:
                          index > 0 ? "1px solid var(--mantine-color-default-border)" : undefined,
                      }}
                    >
                      <Group gap="md" align="flex-start" wrap={isPhone ? "wrap" : "nowrap"} p="sm">
                        <Text
                          size="sm"
                          fw={650}
                          w={isPhone ? "100%" : 150}
                          style={{ flexShrink: 0 }}
                        >
                          <time dateTime={day.day}>{formatDay(day.day)}</time>
                        </Text>
                        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                          {day.entries.map((entry) => (
                            <EntryLine
                              key={`${entry.waveId}|${entry.ruleId}|${entry.purpose}`}
                              data={data}
                              rolloutId={rollout.id}
                              entry={entry}
                              waveNames={waveNames}
                              showWave={showWave}
                              testId="calendar-entry"
                            />
                          ))}
                        </Stack>
                      </Group>
                    </li>
                  ))}
                </Stack>
              </Paper>
            )}
          </Stack>

          {grouped.totals.length > 0 && (
            <Stack gap="xs" component="section" aria-labelledby="calendar-totals-title">
              <Title order={3} fz="sm" id="calendar-totals-title">
                Totals per rule, {formatDate(data.from)} to {formatDate(data.to)}
              </Title>
              <Paper withBorder radius="md" p="sm">
                <Stack gap="xs">
                  {grouped.totals.map((entry) => (
                    <EntryLine
                      key={`${entry.waveId}|${entry.ruleId}|${entry.purpose}`}
                      data={data}
                      rolloutId={rollout.id}
                      entry={entry}
                      waveNames={waveNames}
                      showWave={showWave}
                      testId="calendar-total"
                    />
                  ))}
                </Stack>
              </Paper>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
