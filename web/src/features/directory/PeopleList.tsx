import { Group, Paper, Select, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { PeopleSort, PersonSummary } from "../../api/types.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { TagList } from "../../components/TagList.js";
import { personPath } from "./PeopleTable.js";

const sortOptions: { value: PeopleSort; label: string }[] = [
  { value: "name", label: "Name (A–Z)" },
  { value: "-name", label: "Name (Z–A)" },
  { value: "-hireDate", label: "Newest hires first" },
  { value: "hireDate", label: "Oldest hires first" },
  { value: "division", label: "Division" },
  { value: "region", label: "Region" },
];

/** The People list on a phone: one card per person, and a sort Select instead of headers. */
export function PeopleList({
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
  return (
    <Stack gap="xs">
      <Select
        label="Sort by"
        data={sortOptions}
        value={sort}
        onChange={(value) => {
          const next = sortOptions.find((option) => option.value === value);
          if (next) onSort(next.value);
        }}
        allowDeselect={false}
        data-testid="people-sort"
      />
      <Stack
        gap="xs"
        component="ul"
        aria-label="People"
        style={{ listStyle: "none", margin: 0, padding: 0 }}
      >
        {loading
          ? Array.from({ length: 6 }, (_, index) => (
              <li key={index} aria-hidden>
                <Skeleton h={88} radius="md" />
              </li>
            ))
          : people.map((person) => (
              <li key={person.id}>
                <UnstyledButton
                  component={Link}
                  to={personPath(person.id)}
                  display="block"
                  w="100%"
                  data-testid="person-row"
                  data-person-id={person.id}
                  style={{ borderRadius: "var(--mantine-radius-md)" }}
                >
                  <Paper withBorder radius="md" p="sm" className="row-link">
                    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                      <div style={{ minWidth: 0 }}>
                        <Text fw={600} size="sm" c="var(--mantine-primary-color-filled)" truncate>
                          {person.name}
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {person.email ?? "No email"}
                        </Text>
                      </div>
                      <StatusBadge status={person.status} />
                    </Group>
                    <Text size="sm" mt={6} truncate>
                      {person.jobTitle ?? "No job title"}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {[person.division, person.region, person.country, person.timeZone]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                    {person.tags.length > 0 && (
                      <div style={{ marginTop: 6 }}>
                        <TagList tags={person.tags} max={4} />
                      </div>
                    )}
                  </Paper>
                </UnstyledButton>
              </li>
            ))}
      </Stack>
    </Stack>
  );
}
