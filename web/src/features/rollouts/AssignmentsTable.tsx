import { Group, Paper, Skeleton, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import type { KeyboardEvent } from "react";
import type { Assignment } from "../../api/rollouts.js";
import { AssignmentStatusBadge, FeasibilityBadge } from "./badges.js";
import { formatDueInZone } from "./dates.js";

const columnCount = 7;

function orDash(value: string | null): string {
  return value ?? "—";
}

/** A wave's assignments on a wide screen; a row opens the assignment's history. */
export function AssignmentsTable({
  assignments,
  loading,
  onOpen,
}: {
  assignments: Assignment[];
  loading: boolean;
  onOpen: (assignment: Assignment) => void;
}) {
  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, assignment: Assignment) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(assignment);
    }
  }

  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table
        verticalSpacing="sm"
        horizontalSpacing={8}
        aria-label="Assignments"
        data-testid="assignments-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Region</Table.Th>
            <Table.Th>Division</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th title="In the person's own time zone">Due</Table.Th>
            <Table.Th>Time to complete</Table.Th>
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
            : assignments.map((assignment) => (
                <Table.Tr
                  key={assignment.id}
                  className="row-link"
                  tabIndex={0}
                  aria-label={`${assignment.person.name}: open the assignment's history`}
                  onClick={() => onOpen(assignment)}
                  onKeyDown={(event) => handleKeyDown(event, assignment)}
                  data-testid="assignment-row"
                  data-assignment-id={assignment.id}
                  data-person-id={assignment.person.id}
                >
                  <Table.Td>
                    <Stack gap={0} maw={240}>
                      <Text size="sm" fw={600} c="var(--mantine-primary-color-filled)" truncate>
                        {assignment.person.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {assignment.person.id}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={140}>
                      {orDash(assignment.person.region)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={140}>
                      {orDash(assignment.person.division)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={120}>
                      {orDash(assignment.person.country)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AssignmentStatusBadge status={assignment.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }} title={assignment.timeZone}>
                      {formatDueInZone(assignment.dueAt, assignment.timeZone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <FeasibilityBadge feasibility={assignment.feasibility} />
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same assignments on a phone: one card each. */
export function AssignmentsList({
  assignments,
  loading,
  onOpen,
}: {
  assignments: Assignment[];
  loading: boolean;
  onOpen: (assignment: Assignment) => void;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Assignments"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {loading
        ? Array.from({ length: 6 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={76} radius="md" />
            </li>
          ))
        : assignments.map((assignment) => (
            <li key={assignment.id}>
              <UnstyledButton
                onClick={() => onOpen(assignment)}
                display="block"
                w="100%"
                data-testid="assignment-row"
                data-assignment-id={assignment.id}
                data-person-id={assignment.person.id}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper withBorder radius="md" p="sm" className="row-link">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600} size="sm" c="var(--mantine-primary-color-filled)" truncate>
                        {assignment.person.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {[assignment.person.division, assignment.person.region]
                          .filter(Boolean)
                          .join(" · ")}
                      </Text>
                    </div>
                    <AssignmentStatusBadge status={assignment.status} />
                  </Group>
                  <Group justify="space-between" gap="xs" mt={6}>
                    <Text size="xs">
                      Due {formatDueInZone(assignment.dueAt, assignment.timeZone)}
                    </Text>
                    <FeasibilityBadge feasibility={assignment.feasibility} />
                  </Group>
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
