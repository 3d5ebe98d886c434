import { Group, Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { ReactNode } from "react";
import type { PersonSummary } from "../../api/types.js";
import { usePeople } from "../directory/queries.js";

/**
 * Picks a person from the directory by name, e-mail or employee id, searched on the server as
 * one types. The value is the person's external id; `onChange` also gives the person.
 */
export function PersonSelect({
  label,
  description,
  placeholder = "Name, e-mail or employee id",
  value,
  onChange,
  initialPerson = null,
  testId,
  error,
}: {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  value: string | null;
  onChange: (person: PersonSummary | null) => void;
  /** The person already chosen, so their name shows before any search. */
  initialPerson?: PersonSummary | null;
  testId: string;
  error?: ReactNode;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<PersonSummary | null>(initialPerson);
  const people = usePeople({ q: debounced || undefined, pageSize: 20, sort: "name" });

  const found = people.data?.items ?? [];
  const byId = new Map<string, PersonSummary>();
  if (chosen && chosen.id === value) byId.set(chosen.id, chosen);
  if (initialPerson && initialPerson.id === value) byId.set(initialPerson.id, initialPerson);
  for (const person of found) byId.set(person.id, person);

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      data={[...byId.values()].map((person) => ({ value: person.id, label: person.name }))}
      value={value}
      onChange={(id) => {
        const person = id ? (byId.get(id) ?? null) : null;
        setChosen(person);
        onChange(person);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched already (by name, e-mail and id); do not filter again by label.
      filter={({ options }) => options}
      clearable
      nothingFoundMessage={people.isFetching ? "Searching…" : "No one matches"}
      renderOption={({ option }) => {
        const person = byId.get(option.value);
        return (
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {option.label}
            </Text>
            {person && (
              <Text size="xs" c="dimmed" truncate>
                {[person.email ?? person.id, person.locale].filter(Boolean).join(" · ")}
              </Text>
            )}
          </Group>
        );
      }}
      error={error}
      data-testid={testId}
    />
  );
}
