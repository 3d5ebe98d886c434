import { Button, Collapse, Group, Select, SimpleGrid, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal, IconFilterOff } from "@tabler/icons-react";
import { useCallback } from "react";
import type { LrsClient } from "../../api/lrs.js";
import { SearchField } from "../../components/SearchField.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import type { LrsParams, LrsParamsPatch, MatchedFilter } from "./lrsParams.js";

const matchedOptions: { value: MatchedFilter; label: string }[] = [
  { value: "true", label: "People in the directory" },
  { value: "false", label: "Not in the directory" },
];

/** Actor, verb, activity, client and matched filters of the statement list. */
export function StatementFilters({
  params,
  clients,
  activeFilterCount,
  onChange,
  onClear,
}: {
  params: LrsParams;
  clients: LrsClient[];
  activeFilterCount: number;
  onChange: (patch: LrsParamsPatch, options?: { replace?: boolean }) => void;
  onClear: () => void;
}) {
  const isDesktop = !useIsPhone();
  const [opened, { toggle }] = useDisclosure(false);
  const moreCount = activeFilterCount - (params.actor.trim() ? 1 : 0);

  // Typing refines the same search: it replaces the history entry rather than adding one a key.
  const search = useCallback(
    (key: "actor" | "verb" | "activity", current: string) => (value: string) =>
      onChange({ [key]: value }, { replace: current !== "" && value !== "" }),
    [onChange],
  );

  return (
    <Stack gap="sm" mb="md" component="section" aria-label="Statement filters">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: "1 1 18rem" }}>
          <SearchField
            value={params.actor}
            onSearch={search("actor", params.actor)}
            label="Actor"
            placeholder="E-mail or employee id"
            testId="statement-filter-actor"
          />
        </div>
        <Button
          hiddenFrom="sm"
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={toggle}
          aria-expanded={opened}
          aria-controls="statement-filter-fields"
        >
          Filters{moreCount > 0 ? ` (${moreCount})` : ""}
        </Button>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={onClear}
          disabled={activeFilterCount === 0}
          data-testid="clear-statement-filters"
        >
          Clear filters
        </Button>
      </Group>
      <Collapse expanded={isDesktop || opened} id="statement-filter-fields">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <SearchField
            value={params.verb}
            onSearch={search("verb", params.verb)}
            label="Verb"
            placeholder="completed, or a verb IRI"
            testId="statement-filter-verb"
          />
          <SearchField
            value={params.activity}
            onSearch={search("activity", params.activity)}
            label="Activity"
            placeholder="Activity IRI"
            testId="statement-filter-activity"
          />
          <Select
            label="Client"
            placeholder="Any"
            data={clients.map((client) => ({
              value: client.id,
              label: client.revokedAt ? `${client.name} (revoked)` : client.name,
            }))}
            value={params.clientId}
            onChange={(value) => onChange({ clientId: value })}
            searchable
            clearable
            nothingFoundMessage="No match"
            data-testid="statement-filter-client"
          />
          <Select
            label="Actor in the directory"
            placeholder="Any"
            data={matchedOptions}
            value={params.matched}
            onChange={(value) =>
              onChange({ matched: matchedOptions.find((o) => o.value === value)?.value ?? null })
            }
            clearable
            data-testid="statement-filter-matched"
          />
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}
