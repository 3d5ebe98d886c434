import {
  Alert,
  Anchor,
  Code,
  Drawer,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from "@mantine/core";
import { IconAlertCircle, IconArrowRight, IconBan } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { MessageDetail, OutboxState } from "../../api/communications.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { rolloutPath } from "../rollouts/paths.js";
import { MessageStateBadge, ResentBadge } from "./badges.js";
import {
  channelLabels,
  conditionLabels,
  purposeLabels,
  recipientRoleLabels,
  stateLabel,
  stateLooks,
  transportLabels,
} from "./labels.js";
import { recipientLabel } from "./MessagesTable.js";
import { templatePath } from "./paths.js";
import { useMessage } from "./queries.js";

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

/** One message of the delivery log: to whom, its content as sent, and every change of state. */
export function MessageDrawer({
  messageId,
  onClose,
}: {
  messageId: number | null;
  onClose: () => void;
}) {
  const isPhone = useIsPhone();
  const message = useMessage(messageId);
  return (
    <Drawer
      opened={messageId !== null}
      onClose={onClose}
      position="right"
      size={isPhone ? "100%" : "xl"}
      title={
        <Text fw={650} style={{ overflowWrap: "anywhere" }}>
          {message.data
            ? (message.data.subject ?? `Message to ${recipientLabel(message.data)}`)
            : "Message"}
        </Text>
      }
      data-testid="message-drawer"
    >
      {message.isError ? (
        <ErrorAlert
          title="This message could not be loaded"
          error={message.error}
          onRetry={() => void message.refetch()}
        />
      ) : !message.data ? (
        <Stack gap="sm" aria-busy="true">
          <Skeleton h={16} w="50%" />
          <Skeleton h={120} />
          <Skeleton h={300} />
        </Stack>
      ) : (
        <MessageDetails message={message.data} />
      )}
    </Drawer>
  );
}

function MessageDetails({ message }: { message: MessageDetail }) {
  const { can } = useAuth();
  return (
    <Stack gap="lg" data-testid="message-details">
      <Group gap="xs">
        <MessageStateBadge state={message.state} />
        <ResentBadge resends={message.resends} />
      </Group>
      {message.cancelledReason && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconBan size={18} aria-hidden />}
          title="Cancelled"
          data-testid="message-cancelled-reason"
        >
          {message.cancelledReason}
        </Alert>
      )}
      {message.lastError && (
        <Alert
          color={message.state === "failed" ? "red" : "orange"}
          variant="light"
          icon={<IconAlertCircle size={18} aria-hidden />}
          title={message.state === "failed" ? "Failed" : "Last error"}
          data-testid="message-last-error"
        >
          <span style={{ overflowWrap: "anywhere" }}>{message.lastError}</span>
        </Alert>
      )}
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" m={0}>
        <Fact label="Recipient">
          {message.recipientExternalId && can("people.read") ? (
            <Anchor
              component={Link}
              to={`/people/${encodeURIComponent(message.recipientExternalId)}`}
              size="sm"
              data-testid="message-person-link"
            >
              {recipientLabel(message)}
            </Anchor>
          ) : (
            recipientLabel(message)
          )}
          <Text span size="xs" c="dimmed" display="block">
            {recipientRoleLabels[message.recipientRole] ?? message.recipientRole}
          </Text>
        </Fact>
        <Fact label="Address">
          <span data-testid="message-detail-address">{message.address ?? "—"}</span>
        </Fact>
        <Fact label="Template">
          <Anchor
            component={Link}
            to={templatePath(message.templateId)}
            size="sm"
            data-testid="message-template-link"
          >
            {message.templateName ?? message.templateId}
          </Anchor>
          <Text span size="xs" c="dimmed" display="block">
            {purposeLabels[message.purpose] ?? message.purpose} ·{" "}
            {channelLabels[message.channel] ?? message.channel}
            {message.locale ? ` · ${message.locale}` : ""}
          </Text>
        </Fact>
        <Fact label="Condition">
          <span data-testid="message-condition">
            {conditionLabels[message.condition] ?? message.condition}
          </span>
        </Fact>
        <Fact label="Meant for">{formatDateTime(message.scheduledFor)}</Fact>
        <Fact label={message.sentAt ? "Sent" : "Not before"}>
          {formatDateTime(message.sentAt ?? message.sendAfter)}
        </Fact>
        <Fact label="Attempts">
          {message.attempts}
          {message.transport ? ` · ${transportLabels[message.transport] ?? message.transport}` : ""}
        </Fact>
        <Fact label="Rollout">
          {message.rolloutId ? (
            <Anchor component={Link} to={rolloutPath(message.rolloutId)} size="sm">
              Open the rollout
            </Anchor>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Message-ID">
          <Code data-testid="message-id">{message.messageId ?? "Given when it is sent"}</Code>
        </Fact>
        <Fact label="Written to the outbox">{formatDateTime(message.createdAt)}</Fact>
      </SimpleGrid>

      <section aria-labelledby="message-content-title">
        <Title order={3} fz="sm" mb="xs" id="message-content-title">
          Content
        </Title>
        {message.textBody === null && message.htmlBody === null ? (
          <Text size="sm" c="dimmed" data-testid="message-no-content">
            {message.state === "cancelled"
              ? "It was cancelled before it was written."
              : "The text is written from the template when the message is sent, in the recipient's language."}
          </Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              <Text span fw={600}>
                Subject:
              </Text>{" "}
              <span data-testid="message-detail-subject">{message.subject}</span>
            </Text>
            {message.textBody !== null && (
              <div>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3} mb={4}>
                  Text
                </Text>
                <Code
                  block
                  tabIndex={0}
                  aria-label="The message as plain text"
                  data-testid="message-text"
                  style={{
                    maxHeight: "min(24rem, 50vh)",
                    overflow: "auto",
                    whiteSpace: "pre-wrap",
                    overflowWrap: "anywhere",
                    fontSize: 13,
                    lineHeight: 1.5,
                  }}
                >
                  {message.textBody}
                </Code>
              </div>
            )}
            {message.htmlBody !== null && (
              <div>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3} mb={4}>
                  HTML
                </Text>
                <HtmlFrame
                  html={message.htmlBody}
                  title="The message as HTML"
                  testId="message-html"
                />
              </div>
            )}
          </Stack>
        )}
      </section>

      <section aria-labelledby="message-history-title">
        <Title order={3} fz="sm" mb="sm" id="message-history-title">
          History
        </Title>
        {message.events.length === 0 ? (
          <Text size="sm" c="dimmed">
            No change of state yet.
          </Text>
        ) : (
          <Timeline bulletSize={22} lineWidth={2} active={-1} data-testid="message-history">
            {message.events.map((event, index) => (
              <Timeline.Item
                key={`${event.at}-${index}`}
                bullet={
                  <ThemeIcon
                    size={22}
                    radius="xl"
                    color={stateLooks[event.toState as OutboxState]?.color ?? "gray"}
                    variant="filled"
                  >
                    <IconArrowRight size={12} aria-hidden />
                  </ThemeIcon>
                }
                title={
                  <Text size="sm" fw={600} data-testid="message-event-states">
                    {event.fromState && event.fromState !== event.toState ? (
                      <>
                        {stateLabel(event.fromState)} <span aria-label="to">→</span>{" "}
                        {stateLabel(event.toState)}
                      </>
                    ) : (
                      stateLabel(event.toState)
                    )}
                  </Text>
                }
                data-testid="message-event"
              >
                {event.detail && (
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {event.detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </section>
    </Stack>
  );
}

/**
 * HTML from a message, shown in a sandboxed frame: no scripts, no forms, no access to Cascade's
 * page or cookies, whatever the HTML holds.
 */
export function HtmlFrame({
  html,
  title,
  testId,
}: {
  html: string;
  title: string;
  testId: string;
}) {
  return (
    <iframe
      sandbox=""
      srcDoc={`<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;margin:12px;color:#222;overflow-wrap:anywhere}</style></head><body>${html}</body></html>`}
      title={title}
      data-testid={testId}
      style={{
        width: "100%",
        height: 280,
        border: "1px solid var(--mantine-color-default-border)",
        borderRadius: "var(--mantine-radius-md)",
        background: "white",
        display: "block",
      }}
    />
  );
}
