import {
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { IconMailOff, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { Suppression } from "../../api/communications.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDate, formatDateTime } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { AddSuppressionModal } from "./AddSuppressionModal.js";
import { suppressionReasonLabels } from "./labels.js";
import { messagePath } from "./paths.js";
import { useSuppressions } from "./queries.js";
import { RemoveSuppressionDialog } from "./RemoveSuppressionDialog.js";

function ReasonBadge({ reason }: { reason: Suppression["reason"] }) {
  return (
    <Badge
      variant="light"
      color={reason === "hard_bounce" ? "red" : "gray"}
      miw="max-content"
      data-testid="suppression-reason"
    >
      {suppressionReasonLabels[reason] ?? reason}
    </Badge>
  );
}

function MessageLink({ suppression }: { suppression: Suppression }) {
  if (suppression.messageId === null) return null;
  return (
    <Anchor
      component={Link}
      to={messagePath(suppression.messageId)}
      size="sm"
      data-testid="suppression-message-link"
    >
      The message that bounced
    </Anchor>
  );
}

/**
 * Addresses Cascade sends no e-mail to: those that bounced for good, and those added by hand
 * (e.g. a bounce the mail provider reported). Messages to them are cancelled, not sent.
 */
export function SuppressionsPanel({
  canManage,
  adding,
  onAdd,
  onAdded,
}: {
  canManage: boolean;
  adding: boolean;
  onAdd: () => void;
  onAdded: () => void;
}) {
  const suppressions = useSuppressions();
  const isPhone = useIsPhone();
  const [removing, setRemoving] = useState<Suppression | null>(null);
  const items = suppressions.data?.items;
  const onRemove = canManage ? setRemoving : null;

  return (
    <section aria-label="Suppressed addresses">
      <Text size="sm" c="dimmed" mb="md" data-testid="suppressions-total" aria-live="polite">
        {items === undefined
          ? "Loading addresses…"
          : `${formatCount(items.length, "address gets", "addresses get")} no e-mail from Cascade; messages to them are cancelled.`}
      </Text>
      {suppressions.isError ? (
        <ErrorAlert
          title="The suppressed addresses could not be loaded"
          error={suppressions.error}
          onRetry={() => void suppressions.refetch()}
        />
      ) : items && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconMailOff size={28} aria-hidden />}
            variant="light"
            title="No address is suppressed"
            description="An address that bounces for good is added here, so no more e-mail goes to it."
            data-testid="suppressions-empty"
          >
            {canManage && (
              <EmptyState.Actions>
                <Button
                  variant="light"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={onAdd}
                >
                  Suppress an address
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <SuppressionCards suppressions={items} onRemove={onRemove} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <SuppressionTable suppressions={items} onRemove={onRemove} />
        </Paper>
      )}
      {canManage && <AddSuppressionModal opened={adding} onClose={onAdded} />}
      <RemoveSuppressionDialog suppression={removing} onClose={() => setRemoving(null)} />
    </section>
  );
}

function RemoveButton({
  suppression,
  onRemove,
}: {
  suppression: Suppression;
  onRemove: (suppression: Suppression) => void;
}) {
  return (
    <Button
      variant="subtle"
      color="red"
      size="compact-sm"
      leftSection={<IconTrash size={14} aria-hidden />}
      onClick={() => onRemove(suppression)}
      aria-label={`Allow e-mail to ${suppression.address} again`}
      data-testid="remove-suppression"
    >
      Remove
    </Button>
  );
}

function SuppressionTable({
  suppressions,
  onRemove,
}: {
  suppressions: Suppression[] | undefined;
  onRemove: ((suppression: Suppression) => void) | null;
}) {
  const columns = onRemove ? 5 : 4;
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table
        verticalSpacing="sm"
        aria-label="Suppressed addresses"
        data-testid="suppressions-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Address</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Detail</Table.Th>
            <Table.Th>Since</Table.Th>
            {onRemove && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!suppressions
            ? Array.from({ length: 3 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: columns }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : suppressions.map((suppression) => (
                <Table.Tr
                  key={suppression.address}
                  data-testid="suppression-row"
                  data-address={suppression.address}
                >
                  <Table.Td maw={300}>
                    <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                      {suppression.address}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ReasonBadge reason={suppression.reason} />
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text
                      size="sm"
                      c={suppression.detail ? undefined : "dimmed"}
                      style={{ overflowWrap: "anywhere" }}
                      data-testid="suppression-detail"
                    >
                      {suppression.detail || "—"}
                    </Text>
                    <MessageLink suppression={suppression} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" title={formatDateTime(suppression.at)}>
                      {formatDate(suppression.at)}
                    </Text>
                  </Table.Td>
                  {onRemove && (
                    <Table.Td ta="right">
                      <RemoveButton suppression={suppression} onRemove={onRemove} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SuppressionCards({
  suppressions,
  onRemove,
}: {
  suppressions: Suppression[] | undefined;
  onRemove: ((suppression: Suppression) => void) | null;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Suppressed addresses"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {!suppressions
        ? Array.from({ length: 2 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={90} radius="md" />
            </li>
          ))
        : suppressions.map((suppression) => (
            <li
              key={suppression.address}
              data-testid="suppression-row"
              data-address={suppression.address}
            >
              <Paper withBorder radius="md" p="sm">
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Text size="sm" fw={600} style={{ overflowWrap: "anywhere", minWidth: 0 }}>
                    {suppression.address}
                  </Text>
                  <ReasonBadge reason={suppression.reason} />
                </Group>
                {suppression.detail && (
                  <Text
                    size="sm"
                    mt={4}
                    style={{ overflowWrap: "anywhere" }}
                    data-testid="suppression-detail"
                  >
                    {suppression.detail}
                  </Text>
                )}
                <Group justify="space-between" gap="xs" mt={6}>
                  <Text size="xs" c="dimmed">
                    Since {formatDate(suppression.at)}
                  </Text>
                  <MessageLink suppression={suppression} />
                  {onRemove && <RemoveButton suppression={suppression} onRemove={onRemove} />}
                </Group>
              </Paper>
            </li>
          ))}
    </Stack>
  );
}
