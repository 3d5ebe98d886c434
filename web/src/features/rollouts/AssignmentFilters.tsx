import { Button, Collapse, Group, Select, SimpleGrid, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal, IconFilterOff } from "@tabler/icons-react";
import { useCallback } from "react";
import type { AssignmentStatus, Feasibility } from "../../api/rollouts.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import type { AssignmentParams, AssignmentParamsPatch } from "./assignmentParams.js";
import { assignmentStatuses, assignmentStatusLooks, feasibilityLooks } from "./labels.js";
import { SearchField } from "../../components/SearchField.js";

const feasibilities: Feasibility[] = ["ok", "assigned_anyway", "extended", "flagged"];

function withSelected(options: string[], selected: string | null): string[] {
  return selected && !options.includes(selected) ? [selected, ...options] : options;
}

/** Search, status, region, division and feasibility filters of a wave's assignments. */
export function AssignmentFilters({
  params,
  regions,
  divisions,
  activeFilterCount,
  onChange,
  onClear,
}: {
  params: AssignmentParams;
  regions: string[];
  divisions: string[];
  activeFilterCount: number;
  onChange: (patch: AssignmentParamsPatch, options?: { replace?: boolean }) => void;
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
    <Stack gap="sm" mb="md" component="section" aria-label="Assignment filters">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: "1 1 18rem" }}>
          <SearchField
            value={params.q}
            onSearch={handleSearch}
            label="Search assignments"
            placeholder="Start of a name or family name, or an employee id"
            testId="assignment-search"
          />
        </div>
        <Button
          hiddenFrom="sm"
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={toggle}
          aria-expanded={opened}
          aria-controls="assignment-filter-fields"
        >
          Filters{selectCount > 0 ? ` (${selectCount})` : ""}
        </Button>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={onClear}
          disabled={activeFilterCount === 0}
          data-testid="clear-assignment-filters"
        >
          Clear filters
        </Button>
      </Group>
      <Collapse expanded={isDesktop || opened} id="assignment-filter-fields">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <Select
            label="Status"
            placeholder="Any"
            data={assignmentStatuses.map((status) => ({
              value: status,
              label: assignmentStatusLooks[status].label,
            }))}
            value={params.status}
            onChange={(value) =>
              onChange({
                status: assignmentStatuses.find((s): s is AssignmentStatus => s === value) ?? null,
              })
            }
            clearable
            data-testid="assignment-filter-status"
          />
          <Select
            label="Region"
            placeholder="Any"
            data={withSelected(regions, params.region)}
            value={params.region}
            onChange={(value) => onChange({ region: value })}
            searchable
            clearable
            nothingFoundMessage="No match"
            data-testid="assignment-filter-region"
          />
          <Select
            label="Division"
            placeholder="Any"
            data={withSelected(divisions, params.division)}
            value={params.division}
            onChange={(value) => onChange({ division: value })}
            searchable
            clearable
            nothingFoundMessage="No match"
            data-testid="assignment-filter-division"
          />
          <Select
            label="Time to complete"
            placeholder="Any"
            data={feasibilities.map((feasibility) => ({
              value: feasibility,
              label: feasibilityLooks[feasibility].label,
            }))}
            value={params.feasibility}
            onChange={(value) =>
              onChange({ feasibility: feasibilities.find((f) => f === value) ?? null })
            }
            clearable
            data-testid="assignment-filter-feasibility"
          />
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}
