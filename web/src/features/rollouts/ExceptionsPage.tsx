import {
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCalendarOff, IconFileCertificate, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { ExceptionRecord } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDate, formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BlackoutsPanel } from "./BlackoutsPanel.js";
import { GrantExceptionForm } from "./GrantExceptionForm.js";
import { exceptionKindLabels } from "./labels.js";
import { rolloutPath } from "./paths.js";
import { useExceptions, useRollouts } from "./queries.js";

type Tab = "exceptions" | "blackouts";

/** The exception log across rollouts, granting exceptions, and the blackout periods. */
export function ExceptionsPage() {
  usePageTitle("Exceptions");
  const { can } = useAuth();
  const isPhone = useIsPhone();
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get("tab") === "blackouts" ? "blackouts" : "exceptions";
  const rolloutId = search.get("rolloutId") || undefined;
  const rollouts = useRollouts();
  const exceptions = useExceptions(rolloutId);
  const [granting, setGranting] = useState(false);

  function setParam(key: string, value: string | null) {
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  }

  const canGrant = can("exceptions.manage");
  return (
    <>
      <PageHeader
        title="Exceptions"
        description="Extensions and exemptions granted to people, and the periods in which divisions take no launch and no deadline."
        actions={
          canGrant &&
          tab === "exceptions" && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setGranting(true)}
              disabled={!rollouts.data}
              data-testid="open-grant-exception"
            >
              Grant exception
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => setParam("tab", value === "blackouts" ? "blackouts" : null)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="exceptions" leftSection={<IconFileCertificate size={16} aria-hidden />}>
            Exception log
          </Tabs.Tab>
          <Tabs.Tab
            value="blackouts"
            leftSection={<IconCalendarOff size={16} aria-hidden />}
            data-testid="blackouts-tab"
          >
            Blackout periods
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="exceptions">
          <Group mb="md" align="flex-end">
            <Select
              label="Rollout"
              placeholder="All rollouts"
              data={(rollouts.data?.items ?? []).map((rollout) => ({
                value: rollout.id,
                label: rollout.name,
              }))}
              value={rolloutId ?? null}
              onChange={(value) => setParam("rolloutId", value)}
              searchable
              clearable
              w={{ base: "100%", sm: 320 }}
              data-testid="exceptions-rollout-filter"
            />
          </Group>
          {exceptions.isError ? (
            <ErrorAlert
              title="The exception log could not be loaded"
              error={exceptions.error}
              onRetry={() => void exceptions.refetch()}
            />
          ) : exceptions.data && exceptions.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="xl">
              <EmptyState
                icon={<IconFileCertificate size={28} aria-hidden />}
                variant="light"
                title="No exceptions"
                description={
                  rolloutId
                    ? "No one in this rollout has an extension or exemption."
                    : "No extension or exemption has been granted yet."
                }
                data-testid="exceptions-empty"
              />
            </Paper>
          ) : isPhone ? (
            <ExceptionCards exceptions={exceptions.data?.items} />
          ) : (
            <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
              <ExceptionTable exceptions={exceptions.data?.items} />
            </Paper>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="blackouts">
          <BlackoutsPanel />
        </Tabs.Panel>
      </Tabs>
      <Modal
        opened={granting}
        onClose={() => setGranting(false)}
        title={<Text fw={650}>Grant an exception</Text>}
        size="lg"
        fullScreen={isPhone}
      >
        {granting && rollouts.data && (
          <GrantExceptionForm
            rollouts={rollouts.data.items}
            rolloutId={rolloutId ?? null}
            onGranted={(result) => {
              setGranting(false);
              notifications.show({
                color: "teal",
                title: `${exceptionKindLabels[result.kind]} granted`,
                message: `${formatCount(result.assignments, "assignment", "assignments")} changed.`,
              });
            }}
            onCancel={() => setGranting(false)}
          />
        )}
      </Modal>
    </>
  );
}

function KindBadge({ record }: { record: ExceptionRecord }) {
  return (
    <Badge
      color={record.kind === "extension" ? "indigo" : "grape"}
      variant="light"
      miw="max-content"
      data-testid="exception-kind-badge"
    >
      {exceptionKindLabels[record.kind]}
    </Badge>
  );
}

function peopleText(record: ExceptionRecord): string {
  const names = record.people.slice(0, 3).map((person) => person.name);
  const more = record.assignmentCount - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
}

function termText(record: ExceptionRecord): string {
  if (record.kind === "extension")
    return record.newDueDate ? `Due ${formatDate(record.newDueDate)}` : "—";
  return record.expiresOn ? `Until ${formatDate(record.expiresOn)}` : "No expiry";
}

function ExceptionTable({ exceptions }: { exceptions: ExceptionRecord[] | undefined }) {
  return (
    <Table.ScrollContainer minWidth={980} type="native">
      <Table
        verticalSpacing="sm"
        aria-label="Exception log"
        data-testid="exceptions-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Granted</Table.Th>
            <Table.Th>Rollout</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>People</Table.Th>
            <Table.Th>Terms</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Approved by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!exceptions
            ? Array.from({ length: 4 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: 7 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : exceptions.map((record) => (
                <Table.Tr key={record.id} data-testid="exception-row" data-exception-id={record.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{formatDateTime(record.createdAt)}</Text>
                    <Text size="xs" c="dimmed">
                      by {record.createdBy ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={200}>
                    <Anchor component={Link} to={rolloutPath(record.rolloutId)} size="sm">
                      {record.rolloutName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <KindBadge record={record} />
                      {record.lapsedAt && (
                        <Badge color="gray" variant="outline" size="xs">
                          lapsed
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" data-testid="exception-people">
                      {peopleText(record)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatCount(record.assignmentCount, "assignment", "assignments")}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="exception-terms">
                    {termText(record)}
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                      {record.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{record.approvedBy}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ExceptionCards({ exceptions }: { exceptions: ExceptionRecord[] | undefined }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Exception log"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {!exceptions
        ? Array.from({ length: 3 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={110} radius="md" />
            </li>
          ))
        : exceptions.map((record) => (
            <li key={record.id} data-testid="exception-row" data-exception-id={record.id}>
              <Paper withBorder radius="md" p="sm">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={600} data-testid="exception-people">
                    {peopleText(record)}
                  </Text>
                  <KindBadge record={record} />
                </Group>
                <Text size="xs" c="dimmed">
                  {record.rolloutName} · {termText(record)}
                </Text>
                <Text size="sm" mt={6} style={{ overflowWrap: "anywhere" }}>
                  {record.reason}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Approved by {record.approvedBy} · {formatDateTime(record.createdAt)}
                </Text>
              </Paper>
            </li>
          ))}
    </Stack>
  );
}
