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

function Dimmed({ children, maw }: { children: string | null; maw: number }) {
  return children ? (
    <Text size="xs" c="dimmed" truncate maw={maw} title={children}>
      {children}
    </Text>
  ) : null;
}

/** "America/New_York" that may break after the slash when the column is narrow. */
function ZoneName({ zone }: { zone: string }) {
  const parts = zone.split("/");
  return parts.map((part, index) => (
    <span key={index} style={{ whiteSpace: "nowrap" }}>
      {part}
      {index < parts.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </span>
  ));
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
    <Table.ScrollContainer minWidth={1000} type="native">
      <Table
        verticalSpacing="sm"
        horizontalSpacing={8}
        aria-label="People"
        data-testid="people-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
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
            <Table.Th title="Country and location">Country</Table.Th>
            <Table.Th title="The person's local time zone">Time zone</Table.Th>
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
                  <Table.Td>
                    <Stack gap={0} maw={200}>
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
                      <Dimmed maw={200}>{person.email}</Dimmed>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={130} title={person.jobTitle ?? undefined}>
                      {orDash(person.jobTitle)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={130} title={person.division ?? undefined}>
                      {orDash(person.division)}
                    </Text>
                    <Dimmed maw={130}>{person.department}</Dimmed>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={100} title={person.region ?? undefined}>
                      {orDash(person.region)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={110} title={person.country ?? undefined}>
                      {orDash(person.country)}
                    </Text>
                    <Dimmed maw={110}>{person.location}</Dimmed>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <ZoneName zone={person.timeZone} />
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
