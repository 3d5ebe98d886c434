import { Anchor, Skeleton, Stack, Table, Text } from "@mantine/core";
import type { KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { PeopleSort, PersonSummary } from "../../api/types.js";
import { formatDate } from "../../components/format.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { TagList } from "../../components/TagList.js";
import { SortableTh } from "./SortableTh.js";

const columnCount = 9;

export function personPath(id: string): string {
  return `/people/${encodeURIComponent(id)}`;
}

function Dimmed({ children }: { children: string | null }) {
  return children ? (
    <Text size="xs" c="dimmed" truncate>
      {children}
    </Text>
  ) : null;
}

function orDash(value: string | null): string {
  return value ?? "—";
}

export function PeopleTable({
  people,
  loading,
  sort,
  onSort,
}: {
  people: PersonSummary[];
  loading: boolean;
  sort: PeopleSort;
  onSort: (sort: PeopleSort) => void;
}) {
  const navigate = useNavigate();

  function open(person: PersonSummary) {
    void navigate(personPath(person.id));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, person: PersonSummary) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      open(person);
    }
  }

  return (
    <Table.ScrollContainer minWidth={1040} type="native">
      <Table
        verticalSpacing="sm"
        horizontalSpacing="sm"
        aria-label="People"
        data-testid="people-table"
        styles={{ th: { whiteSpace: "nowrap" } }}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={onSort}>
              Name
            </SortableTh>
            <Table.Th>Job title</Table.Th>
            <SortableTh column="division" sort={sort} onSort={onSort}>
              Division
            </SortableTh>
            <SortableTh column="region" sort={sort} onSort={onSort}>
              Region
            </SortableTh>
            <Table.Th>Country / location</Table.Th>
            <Table.Th>Local time zone</Table.Th>
            <SortableTh column="hireDate" sort={sort} onSort={onSort}>
              Hire date
            </SortableTh>
            <Table.Th>Status</Table.Th>
            <Table.Th>Tags</Table.Th>
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
            : people.map((person) => (
                <Table.Tr
                  key={person.id}
                  className="row-link"
                  tabIndex={0}
                  data-testid="person-row"
                  data-person-id={person.id}
                  onClick={() => open(person)}
                  onKeyDown={(event) => handleKeyDown(event, person)}
                >
                  <Table.Td maw={240}>
                    <Stack gap={0}>
                      <Anchor
                        component={Link}
                        to={personPath(person.id)}
                        fw={600}
                        size="sm"
                        tabIndex={-1}
                        onClick={(event) => event.stopPropagation()}
                        truncate
                      >
                        {person.name}
                      </Anchor>
                      <Dimmed>{person.email}</Dimmed>
                    </Stack>
                  </Table.Td>
                  <Table.Td maw={180}>
                    <Text size="sm" truncate title={person.jobTitle ?? undefined}>
                      {orDash(person.jobTitle)}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={160}>
                    <Text size="sm" truncate>
                      {orDash(person.division)}
                    </Text>
                    <Dimmed>{person.department}</Dimmed>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{orDash(person.region)}</Text>
                  </Table.Td>
                  <Table.Td maw={150}>
                    <Text size="sm" truncate>
                      {orDash(person.country)}
                    </Text>
                    <Dimmed>{person.location}</Dimmed>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {person.timeZone}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {formatDate(person.hireDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={person.status} />
                  </Table.Td>
                  <Table.Td>
                    <TagList tags={person.tags} max={2} nowrap />
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
