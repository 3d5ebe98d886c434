import {
  Anchor,
  Button,
  Code,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { IconBan, IconPlugConnected, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { LrsClient } from "../../api/lrs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate, formatDateTime, formatRelative } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { AccessBadge, ClientStatusBadge } from "./badges.js";
import { ConnectHelp } from "./ConnectHelp.js";
import { clientStatementsPath } from "./paths.js";
import { useLrsClients } from "./queries.js";
import { RevokeClientDialog } from "./RevokeClientDialog.js";

function LastUsed({ client }: { client: LrsClient }) {
  if (!client.lastUsedAt)
    return (
      <Text size="sm" c="dimmed" span>
        Never
      </Text>
    );
  return (
    <time dateTime={client.lastUsedAt} title={formatDateTime(client.lastUsedAt)}>
      {formatRelative(client.lastUsedAt)}
    </time>
  );
}

/** Active clients first, newest first; revoked ones below, as a record of what was issued. */
function ordered(clients: LrsClient[]): LrsClient[] {
  return [...clients].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

/** The LMSes and course packages holding credentials, with revoking for administrators. */
export function ClientsPanel({
  canManage,
  endpoint,
  onNew,
}: {
  canManage: boolean;
  endpoint: string | undefined;
  onNew: () => void;
}) {
  const clients = useLrsClients();
  const isPhone = useIsPhone();
  const [revoking, setRevoking] = useState<LrsClient | null>(null);
  const items = clients.data ? ordered(clients.data.items) : undefined;
  const onRevoke = canManage ? setRevoking : null;

  return (
    <Stack gap="lg">
      {clients.isError ? (
        <ErrorAlert
          title="The clients could not be loaded"
          error={clients.error}
          onRetry={() => void clients.refetch()}
        />
      ) : items && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconPlugConnected size={28} aria-hidden />}
            variant="light"
            title="No LMS is connected yet"
            description={
              canManage
                ? "Create a client for each LMS or course package that sends learning records."
                : "An administrator creates a client for each LMS or course package."
            }
            data-testid="clients-empty"
          >
            {canManage && (
              <EmptyState.Actions>
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
                  New client
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <ClientCards clients={items} onRevoke={onRevoke} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <ClientTable clients={items} onRevoke={onRevoke} />
        </Paper>
      )}
      <ConnectHelp endpoint={endpoint} />
      <RevokeClientDialog client={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

function RevokeButton({
  client,
  onRevoke,
}: {
  client: LrsClient;
  onRevoke: (client: LrsClient) => void;
}) {
  return (
    <Button
      variant="subtle"
      color="red"
      size="compact-sm"
      leftSection={<IconBan size={14} aria-hidden />}
      onClick={() => onRevoke(client)}
      aria-label={`Revoke ${client.name}`}
      data-testid="revoke-client"
    >
      Revoke
    </Button>
  );
}

function ClientTable({
  clients,
  onRevoke,
}: {
  clients: LrsClient[] | undefined;
  onRevoke: ((client: LrsClient) => void) | null;
}) {
  const columns = onRevoke ? 7 : 6;
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table
        verticalSpacing="sm"
        aria-label="LRS clients"
        data-testid="clients-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Access</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            {onRevoke && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!clients
            ? Array.from({ length: 3 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: columns }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : clients.map((client) => (
                <Table.Tr
                  key={client.id}
                  data-testid="client-row"
                  data-client-id={client.id}
                  data-revoked={client.revokedAt !== null}
                >
                  <Table.Td maw={260}>
                    <Anchor
                      component={Link}
                      to={clientStatementsPath(client.id)}
                      size="sm"
                      fw={600}
                      title="Show the statements this client sent"
                      data-testid="client-link"
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {client.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Code data-testid="client-key">{client.key}</Code>
                  </Table.Td>
                  <Table.Td>
                    <AccessBadge access={client.access} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" title={formatDateTime(client.createdAt)}>
                      {formatDate(client.createdAt)}
                    </Text>
                    {client.createdBy && (
                      <Text size="xs" c="dimmed" truncate maw={200}>
                        by {client.createdBy}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" span data-testid="client-last-used">
                      <LastUsed client={client} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ClientStatusBadge client={client} />
                    {client.revokedAt && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                        {formatDate(client.revokedAt)}
                      </Text>
                    )}
                  </Table.Td>
                  {onRevoke && (
                    <Table.Td ta="right">
                      {!client.revokedAt && <RevokeButton client={client} onRevoke={onRevoke} />}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ClientCards({
  clients,
  onRevoke,
}: {
  clients: LrsClient[] | undefined;
  onRevoke: ((client: LrsClient) => void) | null;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="LRS clients"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {!clients
        ? Array.from({ length: 2 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={110} radius="md" />
            </li>
          ))
        : clients.map((client) => (
            <li
              key={client.id}
              data-testid="client-row"
              data-client-id={client.id}
              data-revoked={client.revokedAt !== null}
            >
              <Paper withBorder radius="md" p="sm">
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Anchor
                    component={Link}
                    to={clientStatementsPath(client.id)}
                    size="sm"
                    fw={600}
                    data-testid="client-link"
                    style={{ overflowWrap: "anywhere" }}
                  >
                    {client.name}
                  </Anchor>
                  <ClientStatusBadge client={client} />
                </Group>
                <Group gap="xs" mt={6} wrap="wrap">
                  <Code data-testid="client-key">{client.key}</Code>
                  <AccessBadge access={client.access} />
                </Group>
                <Text size="xs" c="dimmed" mt={6}>
                  Created {formatDate(client.createdAt)}
                  {client.createdBy ? ` by ${client.createdBy}` : ""} ·{" "}
                  {client.lastUsedAt ? (
                    <>
                      last used <LastUsed client={client} />
                    </>
                  ) : (
                    "never used"
                  )}
                </Text>
                {onRevoke && !client.revokedAt && (
                  <Group justify="flex-end" mt={4}>
                    <RevokeButton client={client} onRevoke={onRevoke} />
                  </Group>
                )}
              </Paper>
            </li>
          ))}
    </Stack>
  );
}
