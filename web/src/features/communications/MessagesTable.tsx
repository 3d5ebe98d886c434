import { Group, Paper, Skeleton, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import type { KeyboardEvent } from "react";
import type { MessageSummary } from "../../api/communications.js";
import { formatCount, formatDateTime, formatRelative } from "../../components/format.js";
import { MessageStateBadge, ResentBadge } from "./badges.js";
import { channelLabels, purposeLabels, recipientRoleLabels, transportLabels } from "./labels.js";

const columnCount = 6;

/** Who a message is for: the person's name, else their role (a team channel has neither). */
export function recipientLabel(message: MessageSummary): string {
  return message.recipientName ?? recipientRoleLabels[message.recipientRole] ?? "Recipient";
}

/** When it went out, or when it is due to (moved by send windows, caps and retries). */
export function messageWhen(message: MessageSummary): { label: string; at: string } {
  if (message.sentAt) return { label: "Sent", at: message.sentAt };
  if (message.state === "cancelled") return { label: "Was due", at: message.sendAfter };
  if (message.state === "failed") return { label: "Last due", at: message.sendAfter };
  return { label: "Due", at: message.sendAfter };
}

function When({ message }: { message: MessageSummary }) {
  const when = messageWhen(message);
  return (
    <Text size="sm" span data-testid="message-when">
      {when.label}{" "}
      <time dateTime={when.at} title={formatDateTime(when.at)}>
        {formatRelative(when.at)}
      </time>
    </Text>
  );
}

function Subject({ message }: { message: MessageSummary }) {
  return message.subject ? (
    <Text size="sm" truncate title={message.subject} data-testid="message-subject">
      {message.subject}
    </Text>
  ) : (
    <Text size="sm" c="dimmed" fs="italic" data-testid="message-subject">
      {message.state === "scheduled" || message.state === "sending"
        ? "Written when it is sent"
        : "Not written"}
    </Text>
  );
}

/** The address, or why there is none yet: it is looked up when the message goes out. */
function addressLabel(message: MessageSummary): string {
  if (message.address) return message.address;
  if (message.channel === "chat") return channelLabels.chat;
  return message.state === "scheduled" || message.state === "sending"
    ? "Address looked up when sent"
    : "No address";
}

function templateLabel(message: MessageSummary): string {
  return message.templateName ?? message.templateId;
}

/** The purpose under the template's name, unless the name says it already; chat is flagged. */
function purposeDetail(message: MessageSummary): string {
  const purpose = purposeLabels[message.purpose] ?? message.purpose;
  const parts = purpose === templateLabel(message) ? [] : [purpose];
  if (message.channel === "chat") parts.push(channelLabels.chat);
  return parts.join(" · ");
}

/** The delivery log on a wide screen; a row opens the message. */
export function MessagesTable({
  messages,
  loading,
  onOpen,
}: {
  messages: MessageSummary[];
  loading: boolean;
  onOpen: (message: MessageSummary) => void;
}) {
  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, message: MessageSummary) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(message);
    }
  }

  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table
        verticalSpacing="sm"
        horizontalSpacing={10}
        aria-label="Messages"
        data-testid="messages-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Recipient</Table.Th>
            <Table.Th>Template</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Sent through</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 8 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: columnCount }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} w={cell === 0 ? "80%" : "60%"} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : messages.map((message) => (
                <Table.Tr
                  key={message.id}
                  className="row-link"
                  tabIndex={0}
                  aria-label={`${recipientLabel(message)}, ${templateLabel(message)}, ${message.state}: open the message`}
                  onClick={() => onOpen(message)}
                  onKeyDown={(event) => handleKeyDown(event, message)}
                  data-testid="message-row"
                  data-message-id={message.id}
                  data-state={message.state}
                >
                  <Table.Td>
                    <Stack gap={0} maw={240}>
                      <Text size="sm" fw={600} truncate data-testid="message-recipient">
                        {recipientLabel(message)}
                      </Text>
                      <Text size="xs" c="dimmed" truncate data-testid="message-address">
                        {addressLabel(message)}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0} maw={220}>
                      <Text size="sm" truncate data-testid="message-template">
                        {templateLabel(message)}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {purposeDetail(message)}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Subject message={message} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <MessageStateBadge state={message.state} />
                      <ResentBadge resends={message.resends} />
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <When message={message} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" c={message.transport ? undefined : "dimmed"}>
                      {message.transport
                        ? (transportLabels[message.transport] ?? message.transport)
                        : "—"}
                    </Text>
                    <Text size="xs" c="dimmed" data-testid="message-attempts">
                      {formatCount(message.attempts, "attempt", "attempts")}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same messages on a phone: one card each. */
export function MessageCards({
  messages,
  loading,
  onOpen,
}: {
  messages: MessageSummary[];
  loading: boolean;
  onOpen: (message: MessageSummary) => void;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Messages"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {loading
        ? Array.from({ length: 6 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={104} radius="md" />
            </li>
          ))
        : messages.map((message) => (
            <li key={message.id}>
              <UnstyledButton
                onClick={() => onOpen(message)}
                display="block"
                w="100%"
                data-testid="message-row"
                data-message-id={message.id}
                data-state={message.state}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper withBorder radius="md" p="sm" className="row-link">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate data-testid="message-recipient">
                        {recipientLabel(message)}
                      </Text>
                      <Text size="xs" c="dimmed" truncate data-testid="message-address">
                        {addressLabel(message)}
                      </Text>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <MessageStateBadge state={message.state} />
                    </Group>
                  </Group>
                  <div style={{ marginTop: 6 }}>
                    <Subject message={message} />
                  </div>
                  <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
                    <Text size="xs" c="dimmed" truncate data-testid="message-template">
                      {templateLabel(message)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                      <When message={message} />
                    </Text>
                  </Group>
                  {message.resends > 0 && (
                    <div style={{ marginTop: 4 }}>
                      <ResentBadge resends={message.resends} />
                    </div>
                  )}
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
