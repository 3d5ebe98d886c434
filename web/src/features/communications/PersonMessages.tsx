import { Anchor, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime, formatRelative } from "../../components/format.js";
import { MessageStateBadge, ResentBadge } from "./badges.js";
import { messageWhen } from "./MessagesTable.js";
import { personMessagesPath } from "./paths.js";
import { useMessages } from "./queries.js";

const shown = 10;

/** A person's latest messages, for their page; the delivery log has them all. */
export function PersonMessages({ personId }: { personId: string }) {
  const messages = useMessages({ personExternalId: personId, page: 1, pageSize: shown });
  const items = messages.data?.items;
  const allPath = personMessagesPath(personId);

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="person-messages-title"
      data-testid="person-messages"
    >
      <Title order={2} fz="md" mb="sm" id="person-messages-title">
        Messages
      </Title>
      {messages.isError && (
        <ErrorAlert
          title="Messages could not be loaded"
          error={messages.error}
          onRetry={() => void messages.refetch()}
        />
      )}
      {!items && !messages.isError && (
        <Stack gap="xs">
          <Skeleton h={14} />
          <Skeleton h={14} w="80%" />
        </Stack>
      )}
      {items && items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="person-messages-empty">
          Cascade has not written to this person yet.
        </Text>
      )}
      {items && items.length > 0 && (
        <Stack gap={8} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {items.map((message) => {
            const when = messageWhen(message);
            return (
              <li key={message.id} data-testid="person-message" data-message-id={message.id}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Anchor
                    component={Link}
                    to={`${allPath}&message=${message.id}`}
                    size="sm"
                    style={{ overflowWrap: "anywhere", minWidth: 0 }}
                  >
                    {message.subject ?? message.templateName ?? message.templateId}
                  </Anchor>
                  <Group gap={4} wrap="nowrap">
                    <ResentBadge resends={message.resends} />
                    <MessageStateBadge state={message.state} />
                  </Group>
                </Group>
                <Text size="xs" c="dimmed">
                  {when.label}{" "}
                  <time dateTime={when.at} title={formatDateTime(when.at)}>
                    {formatRelative(when.at)}
                  </time>
                </Text>
              </li>
            );
          })}
        </Stack>
      )}
      {items && items.length > 0 && (
        <Button
          component={Link}
          to={allPath}
          variant="light"
          size="xs"
          mt="md"
          data-testid="person-messages-all"
        >
          All messages
        </Button>
      )}
    </Paper>
  );
}
