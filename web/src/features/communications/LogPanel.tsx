import { Button, EmptyState, Group, Loader, Paper, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight, IconMailSearch } from "@tabler/icons-react";
import { useMemo } from "react";
import type { MessageSummary } from "../../api/communications.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatNumber } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { messagesPageSize, toMessagesQuery, useLogParams } from "./logParams.js";
import { MessageCounts } from "./MessageCounts.js";
import { MessageDrawer } from "./MessageDrawer.js";
import { MessageFilters } from "./MessageFilters.js";
import { MessageCards, MessagesTable } from "./MessagesTable.js";
import { useMessages } from "./queries.js";
import { TransportBanner } from "./TransportBanner.js";

/**
 * The delivery log: every message Cascade wrote to its outbox, newest first, with counts by
 * state, filters and page in the URL, and a drawer for one message's content and history.
 */
export function LogPanel() {
  const { params, update, clear, activeFilterCount } = useLogParams();
  const query = useMemo(() => toMessagesQuery(params), [params]);
  const messages = useMessages(query);
  const isPhone = useIsPhone();

  const open = (message: MessageSummary) => update({ message: message.id });
  const items = messages.data?.items ?? [];
  const hasMore = messages.data?.hasMore ?? false;
  const first = (params.page - 1) * messagesPageSize + 1;

  return (
    <>
      <TransportBanner />
      <MessageCounts
        rolloutId={params.rolloutId}
        personId={params.personId}
        onTemplate={(templateId, channel) => update({ templateId, channel })}
      />
      <section aria-label="Messages">
        <MessageFilters
          params={params}
          activeFilterCount={activeFilterCount}
          onChange={update}
          onClear={clear}
        />
        <Group justify="space-between" mb="xs" gap="xs" mih={24}>
          <Text size="sm" c="dimmed" data-testid="messages-range" aria-live="polite">
            {!messages.data
              ? "Loading messages…"
              : items.length === 0
                ? "No messages"
                : `Messages ${formatNumber(first)}–${formatNumber(first + items.length - 1)}, newest first`}
          </Text>
          {messages.isFetching && !messages.isLoading && <Loader size={12} aria-label="Updating" />}
        </Group>
        {messages.isError ? (
          <ErrorAlert
            title="Messages could not be loaded"
            error={messages.error}
            onRetry={() => void messages.refetch()}
          />
        ) : messages.data && items.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <EmptyState
              icon={<IconMailSearch size={28} aria-hidden />}
              variant="light"
              title={
                activeFilterCount > 0
                  ? "No message matches these filters"
                  : params.page > 1
                    ? "No more messages"
                    : "No messages yet"
              }
              description={
                activeFilterCount > 0
                  ? "Remove a filter or two."
                  : "Messages appear here once a launched wave's cadence plans them: up to two days ahead, then as they go out."
              }
              data-testid="messages-empty"
            >
              {activeFilterCount > 0 && (
                <EmptyState.Actions>
                  <Button variant="light" onClick={clear}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          </Paper>
        ) : isPhone ? (
          <MessageCards messages={items} loading={messages.isLoading} onOpen={open} />
        ) : (
          <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
            <MessagesTable messages={items} loading={messages.isLoading} onOpen={open} />
          </Paper>
        )}
        {(params.page > 1 || hasMore) && (
          <Group justify="space-between" mt="md" gap="sm">
            <Button
              variant="default"
              leftSection={<IconChevronLeft size={16} aria-hidden />}
              onClick={() => update({ page: params.page - 1 })}
              disabled={params.page <= 1}
              data-testid="messages-previous"
            >
              Newer
            </Button>
            <Text size="sm" c="dimmed" data-testid="messages-page">
              Page {formatNumber(params.page)}
            </Text>
            <Button
              variant="default"
              rightSection={<IconChevronRight size={16} aria-hidden />}
              onClick={() => update({ page: params.page + 1 })}
              disabled={!hasMore || messages.isPlaceholderData}
              data-testid="messages-next"
            >
              Older
            </Button>
          </Group>
        )}
      </section>
      <MessageDrawer messageId={params.message} onClose={() => update({ message: null })} />
    </>
  );
}
