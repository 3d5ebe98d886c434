import { Anchor, Paper, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import {
  IconAlertTriangle,
  IconBan,
  IconCircleCheck,
  IconClock,
  IconRepeat,
  IconSend,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Channel, MessageCount, OutboxState } from "../../api/communications.js";
import { CountsGrid } from "../../components/CountsGrid.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatNumber } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { channelLabels, outboxStates, stateLooks } from "./labels.js";
import { useMessageCounts } from "./queries.js";

interface TemplateRow {
  templateId: string;
  templateName: string;
  channel: Channel;
  byState: Record<OutboxState, number>;
  resends: number;
}

const zero = (): Record<OutboxState, number> => ({
  scheduled: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  cancelled: 0,
});

/** The counts by template and channel, one row each, with every state as a column. */
export function rowsOf(items: MessageCount[]): TemplateRow[] {
  const rows = new Map<string, TemplateRow>();
  for (const item of items) {
    const key = `${item.templateId}\u0000${item.channel}`;
    const row = rows.get(key) ?? {
      templateId: item.templateId,
      templateName: item.templateName ?? item.templateId,
      channel: item.channel,
      byState: zero(),
      resends: 0,
    };
    row.byState[item.state] = (row.byState[item.state] ?? 0) + item.count;
    row.resends += item.resends;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.templateName.localeCompare(b.templateName) || a.channel.localeCompare(b.channel),
  );
}

const icons: Record<OutboxState, ReactNode> = {
  scheduled: <IconClock size={18} />,
  sending: <IconSend size={18} />,
  sent: <IconCircleCheck size={18} />,
  failed: <IconAlertTriangle size={18} />,
  cancelled: <IconBan size={18} />,
};

/**
 * How many messages are in each state, in all and by template and channel, for the rollout or
 * person the log is narrowed to. A template's name narrows the log to it.
 */
export function MessageCounts({
  rolloutId,
  personId,
  onTemplate,
}: {
  rolloutId: string | null;
  personId: string | null;
  onTemplate: (templateId: string, channel: Channel) => void;
}) {
  const counts = useMessageCounts({
    rolloutId: rolloutId ?? undefined,
    personExternalId: personId ?? undefined,
  });
  const isPhone = useIsPhone();
  if (counts.isError)
    return (
      <ErrorAlert
        title="The counts could not be loaded"
        error={counts.error}
        onRetry={() => void counts.refetch()}
      />
    );
  const items = counts.data?.items;
  const totals = zero();
  let resends = 0;
  for (const item of items ?? []) {
    totals[item.state] += item.count;
    resends += item.resends;
  }
  const rows = items ? rowsOf(items) : undefined;

  return (
    <Stack gap="md" mb="lg" component="section" aria-labelledby="message-counts-title">
      <VisuallyHidden>
        <Title order={2} id="message-counts-title">
          Messages by state
        </Title>
      </VisuallyHidden>
      <CountsGrid
        testId="message-counts"
        items={[
          ...outboxStates.map((state) => ({
            label: stateLooks[state].label,
            value: totals[state],
            color: state === "failed" && totals.failed > 0 ? "red" : stateLooks[state].color,
            icon: icons[state],
            testId: `count-${state}`,
          })),
          {
            label: "Resent",
            value: resends,
            color: resends > 0 ? "orange" : "gray",
            icon: <IconRepeat size={18} />,
            hint: "Sent again after an interrupted send",
            testId: "count-resent",
          },
        ]}
      />
      {!rows ? (
        <Skeleton h={80} radius="md" />
      ) : rows.length === 0 ? null : isPhone ? (
        <Stack
          gap={6}
          component="ul"
          aria-label="Messages by template"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
        >
          {rows.map((row) => (
            <li key={`${row.templateId}-${row.channel}`} data-testid="template-count-row">
              <Paper withBorder radius="md" p="xs">
                <TemplateLink row={row} onTemplate={onTemplate} />
                <Text size="xs" c="dimmed">
                  {channelLabels[row.channel]} ·{" "}
                  {outboxStates
                    .filter((state) => row.byState[state] > 0)
                    .map(
                      (state) =>
                        `${formatNumber(row.byState[state])} ${stateLooks[state].label.toLowerCase()}`,
                    )
                    .join(" · ")}
                  {row.resends > 0 ? ` · ${formatNumber(row.resends)} resent` : ""}
                </Text>
              </Paper>
            </li>
          ))}
        </Stack>
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <Table.ScrollContainer minWidth={720} type="native">
            <Table
              verticalSpacing={6}
              aria-label="Messages by template and channel"
              data-testid="template-counts"
              styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Template</Table.Th>
                  <Table.Th>Channel</Table.Th>
                  {outboxStates.map((state) => (
                    <Table.Th key={state} ta="right">
                      {stateLooks[state].label}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">Resent</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr
                    key={`${row.templateId}-${row.channel}`}
                    data-testid="template-count-row"
                    data-template-id={row.templateId}
                  >
                    <Table.Td>
                      <TemplateLink row={row} onTemplate={onTemplate} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{channelLabels[row.channel]}</Text>
                    </Table.Td>
                    {outboxStates.map((state) => (
                      <Table.Td
                        key={state}
                        ta="right"
                        className="tabular-nums"
                        c={row.byState[state] === 0 ? "dimmed" : undefined}
                        data-testid={`template-count-${state}`}
                      >
                        {formatNumber(row.byState[state])}
                      </Table.Td>
                    ))}
                    <Table.Td
                      ta="right"
                      className="tabular-nums"
                      c={row.resends === 0 ? "dimmed" : "orange"}
                    >
                      {formatNumber(row.resends)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

function TemplateLink({
  row,
  onTemplate,
}: {
  row: TemplateRow;
  onTemplate: (templateId: string, channel: Channel) => void;
}) {
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      fw={600}
      ta="left"
      onClick={() => onTemplate(row.templateId, row.channel)}
      title="Show only these messages"
      style={{ overflowWrap: "anywhere" }}
      data-testid="template-count-link"
    >
      {row.templateName}
    </Anchor>
  );
}
