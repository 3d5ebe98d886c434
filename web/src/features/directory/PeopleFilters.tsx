import { Button, Collapse, Group, Pill, Select, SimpleGrid, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal, IconFilterOff } from "@tabler/icons-react";
import { useCallback } from "react";
import type { Facet, FacetKey, PeopleFacets, PeopleStatusFilter } from "../../api/types.js";
import { formatNumber } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import type { PeopleParams, PeopleParamsPatch, ValueFilterKey } from "./peopleParams.js";
import { SearchField } from "../../components/SearchField.js";

const selectFilters: { key: FacetKey & ValueFilterKey; label: string }[] = [
  { key: "division", label: "Division" },
  { key: "region", label: "Region" },
  { key: "country", label: "Country" },
  { key: "department", label: "Department" },
  { key: "jobFamily", label: "Job family" },
  { key: "employmentType", label: "Employment type" },
  { key: "tag", label: "Tag" },
];

/** Filters set from elsewhere (links) that have no Select; shown as removable pills. */
const pillFilters: { key: ValueFilterKey; label: string }[] = [
  { key: "location", label: "Location" },
  { key: "managerId", label: "Reports to" },
];

const statusOptions: { value: PeopleStatusFilter; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "leaver", label: "Leavers" },
  { value: "all", label: "Everyone" },
];

function facetOptions(facets: Facet[] | undefined, selected: string | undefined) {
  const options = (facets ?? []).map((facet) => ({
    value: facet.value,
    label: `${facet.value} (${formatNumber(facet.count)})`,
  }));
  // A value from the URL that no active person has (e.g. only leavers) must still show.
  if (selected && !options.some((option) => option.value === selected)) {
    options.unshift({ value: selected, label: selected });
  }
  return options;
}

export function PeopleFilters({
  params,
  facets,
  facetsLoading,
  activeFilterCount,
  onChange,
  onClear,
}: {
  params: PeopleParams;
  facets: PeopleFacets | undefined;
  facetsLoading: boolean;
  activeFilterCount: number;
  onChange: (patch: PeopleParamsPatch, options?: { replace?: boolean }) => void;
  onClear: () => void;
}) {
  const isDesktop = !useIsPhone();
  const [opened, { toggle }] = useDisclosure(false);
  const selectCount = activeFilterCount - (params.q ? 1 : 0);

  const handleSearch = useCallback(
    (q: string) => onChange({ q }, { replace: params.q !== "" && q !== "" }),
    [onChange, params.q],
  );

  return (
    <Stack gap="sm" mb="md" component="section" aria-label="Filters">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: "1 1 18rem" }}>
          <SearchField
            label="Search people"
            placeholder="Name, family name, email or employee id"
            testId="people-search"
            value={params.q}
            onSearch={handleSearch}
          />
        </div>
        <Button
          hiddenFrom="sm"
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={toggle}
          aria-expanded={opened}
          aria-controls="people-filter-fields"
        >
          Filters{selectCount > 0 ? ` (${selectCount})` : ""}
        </Button>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={onClear}
          disabled={activeFilterCount === 0}
          data-testid="clear-filters"
        >
          Clear filters
        </Button>
      </Group>
      <Collapse expanded={isDesktop || opened} id="people-filter-fields">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          {selectFilters.map(({ key, label }) => (
            <Select
              key={key}
              label={label}
              placeholder={facetsLoading ? "Loading…" : "Any"}
              data={facetOptions(facets?.[key], params.filters[key])}
              value={params.filters[key] ?? null}
              onChange={(value) => onChange({ [key]: value })}
              searchable
              clearable
              nothingFoundMessage="No match"
              comboboxProps={{ withinPortal: true }}
              data-testid={`filter-${key}`}
            />
          ))}
          <Select
            label="Status"
            data={statusOptions}
            value={params.status}
            onChange={(value) => onChange({ status: value ?? "active" })}
            allowDeselect={false}
            data-testid="filter-status"
          />
        </SimpleGrid>
      </Collapse>
      {pillFilters.some(({ key }) => params.filters[key]) && (
        <Group gap="xs">
          {pillFilters.map(({ key, label }) => {
            const value = params.filters[key];
            if (!value) return null;
            return (
              <Pill
                key={key}
                size="md"
                withRemoveButton
                onRemove={() => onChange({ [key]: null })}
                removeButtonProps={{ "aria-label": `Remove filter ${label}: ${value}` }}
              >
                {label}: {value}
              </Pill>
            );
          })}
        </Group>
      )}
    </Stack>
  );
}
