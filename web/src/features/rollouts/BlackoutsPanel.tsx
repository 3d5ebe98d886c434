import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import { errorMessage } from "../../api/client.js";
import type { Blackout } from "../../api/rollouts.js";
import { useAuth, useCurrentUser } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePeopleFacets } from "../directory/queries.js";
import { useBlackouts, useCreateBlackout, useDeleteBlackout } from "./queries.js";

/** Periods in which a division takes no launch and no deadline: listed, added and removed. */
export function BlackoutsPanel() {
  const { can } = useAuth();
  const blackouts = useBlackouts();
  const canManage = can("blackouts.manage");
  const remove = useDeleteBlackout();
  const isPhone = useIsPhone();

  function removeBlackout(blackout: Blackout) {
    remove.mutate(blackout.id, {
      onSuccess: () =>
        notifications.show({
          color: "teal",
          title: "Blackout removed",
          message: `${blackout.division}: ${formatDate(blackout.startsOn)} – ${formatDate(blackout.endsOn)}`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "The blackout was not removed",
          message: errorMessage(error),
        }),
    });
  }

  const items = blackouts.data?.items;
  return (
    <Stack gap="md">
      {canManage && <BlackoutForm />}
      <Paper
        withBorder
        radius="md"
        p={0}
        component="section"
        aria-labelledby="blackouts-title"
        style={{ overflow: "hidden" }}
      >
        <Title order={2} fz="md" p="md" pb="xs" id="blackouts-title">
          Blackout periods
        </Title>
        {blackouts.isError ? (
          <div style={{ padding: "var(--mantine-spacing-md)" }}>
            <ErrorAlert
              title="Blackout periods could not be loaded"
              error={blackouts.error}
              onRetry={() => void blackouts.refetch()}
            />
          </div>
        ) : items && items.length === 0 ? (
          <Text size="sm" c="dimmed" p="md" pt={0} data-testid="blackouts-empty">
            No blackout periods. Add one for a division's year-end close or a peak season: launches
            wait and deadlines move past it.
          </Text>
        ) : isPhone ? (
          <Stack gap="xs" p="sm" pt={0} component="ul" style={{ listStyle: "none", margin: 0 }}>
            {(items ?? []).map((blackout) => (
              <li key={blackout.id} data-testid="blackout-row">
                <Paper withBorder radius="md" p="sm">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {blackout.division}
                      </Text>
                      <Text size="xs">
                        {formatDate(blackout.startsOn)} – {formatDate(blackout.endsOn)}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                        {blackout.reason}
                      </Text>
                    </div>
                    {canManage && <DeleteButton blackout={blackout} onDelete={removeBlackout} />}
                  </Group>
                </Paper>
              </li>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={640} type="native">
            <Table
              verticalSpacing="sm"
              horizontalSpacing="md"
              aria-label="Blackout periods"
              data-testid="blackouts-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Division</Table.Th>
                  <Table.Th>From</Table.Th>
                  <Table.Th>Until</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Added by</Table.Th>
                  {canManage && <Table.Th w={48} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!items
                  ? Array.from({ length: 3 }, (_, row) => (
                      <Table.Tr key={row} aria-hidden>
                        {Array.from({ length: 5 }, (_, cell) => (
                          <Table.Td key={cell}>
                            <Skeleton h={12} />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))
                  : items.map((blackout) => (
                      <Table.Tr key={blackout.id} data-testid="blackout-row">
                        <Table.Td fw={600}>{blackout.division}</Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          {formatDate(blackout.startsOn)}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          {formatDate(blackout.endsOn)}
                        </Table.Td>
                        <Table.Td>{blackout.reason}</Table.Td>
                        <Table.Td>
                          <Text size="sm" c="dimmed">
                            {blackout.createdBy ?? "—"}
                          </Text>
                        </Table.Td>
                        {canManage && (
                          <Table.Td>
                            <DeleteButton blackout={blackout} onDelete={removeBlackout} />
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}

function DeleteButton({
  blackout,
  onDelete,
}: {
  blackout: Blackout;
  onDelete: (blackout: Blackout) => void;
}) {
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      aria-label={`Remove the ${blackout.division} blackout from ${formatDate(blackout.startsOn)}`}
      onClick={() => onDelete(blackout)}
    >
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

function BlackoutForm() {
  const user = useCurrentUser();
  const facets = usePeopleFacets();
  const create = useCreateBlackout();
  // Regional leads keep the blackouts of their own divisions only.
  const ownDivisions = user.role === "regional_lead" ? user.scope.divisions : [];
  const divisions =
    ownDivisions.length > 0
      ? ownDivisions
      : (facets.data?.division ?? []).map((facet) => facet.value);
  const [division, setDivision] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);

  const errors = {
    division: !division ? "Choose the division." : null,
    startsOn: !startsOn ? "Choose the first day." : null,
    endsOn: !endsOn
      ? "Choose the last day."
      : startsOn && endsOn < startsOn
        ? "The period ends before it starts."
        : null,
    reason: reason.trim().length < 3 ? "Say why, in a few words." : null,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(errors).some((error) => error !== null) || !division) return;
    create.mutate(
      { division, startsOn, endsOn, reason: reason.trim() },
      {
        onSuccess: (blackout) => {
          notifications.show({
            color: "teal",
            title: "Blackout added",
            message: `${blackout.division}: ${formatDate(blackout.startsOn)} – ${formatDate(blackout.endsOn)}`,
          });
          setDivision(null);
          setStartsOn("");
          setEndsOn("");
          setReason("");
          setSubmitted(false);
        },
      },
    );
  }

  const shown = (key: keyof typeof errors) => (submitted ? errors[key] : null);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-blackout-title">
      <form onSubmit={submit} noValidate data-testid="blackout-form">
        <Title order={2} fz="md" mb="sm" id="add-blackout-title">
          Add a blackout period
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Select
            label="Division"
            placeholder="Choose a division"
            data={divisions}
            value={division}
            onChange={setDivision}
            searchable
            required
            error={shown("division")}
            data-testid="blackout-division"
          />
          <TextInput
            type="date"
            label="From"
            value={startsOn}
            onChange={(event) => setStartsOn(event.currentTarget.value)}
            required
            error={shown("startsOn")}
            data-testid="blackout-starts"
          />
          <TextInput
            type="date"
            label="Until"
            value={endsOn}
            onChange={(event) => setEndsOn(event.currentTarget.value)}
            required
            error={shown("endsOn")}
            data-testid="blackout-ends"
          />
          <TextInput
            label="Reason"
            placeholder="e.g. Year-end close"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            error={shown("reason")}
            data-testid="blackout-reason"
          />
        </SimpleGrid>
        {create.isError && (
          <Stack mt="sm">
            <ErrorAlert title="The blackout was not added" error={create.error} />
          </Stack>
        )}
        <Button
          type="submit"
          mt="sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={create.isPending}
          data-testid="add-blackout"
        >
          Add blackout
        </Button>
      </form>
    </Paper>
  );
}
