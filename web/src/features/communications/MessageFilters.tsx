import {
  Button,
  CloseButton,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal, IconFilterOff } from "@tabler/icons-react";
import { useAuth } from "../../app/auth/AuthContext.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { useRollouts } from "../rollouts/queries.js";
import {
  channelLabels,
  channels,
  messagePurposes,
  outboxStates,
  purposeLabels,
  stateLooks,
} from "./labels.js";
import type { LogParams, LogParamsPatch } from "./logParams.js";
import { PersonSelect } from "./PersonSelect.js";
import { useDirectoryPerson, useTemplates } from "./queries.js";

/** State, channel, template, rollout, recipient and resent-only filters of the delivery log. */
export function MessageFilters({
  params,
  activeFilterCount,
  onChange,
  onClear,
}: {
  params: LogParams;
  activeFilterCount: number;
  onChange: (patch: LogParamsPatch, options?: { replace?: boolean }) => void;
  onClear: () => void;
}) {
  const isDesktop = !useIsPhone();
  const [opened, { toggle }] = useDisclosure(false);
  const templates = useTemplates();
  const rollouts = useRollouts();

  // Grouped by purpose: several templates may share a name across purposes ("Launch").
  const templateGroups = messagePurposes
    .map((purpose) => ({
      group: purposeLabels[purpose],
      items: (templates.data?.items ?? [])
        .filter((template) => template.purpose === purpose)
        .map((template) => ({ value: template.id, label: template.name })),
    }))
    .filter((group) => group.items.length > 0);
  const templateOptions =
    params.templateId && !templates.data?.items.some((t) => t.id === params.templateId)
      ? [
          ...templateGroups,
          { group: "Other", items: [{ value: params.templateId, label: params.templateId }] },
        ]
      : templateGroups;
  const rolloutOptions = (rollouts.data?.items ?? []).map((rollout) => ({
    value: rollout.id,
    label: rollout.name,
  }));
  if (params.rolloutId && !rolloutOptions.some((o) => o.value === params.rolloutId))
    rolloutOptions.push({ value: params.rolloutId, label: params.rolloutId });

  return (
    <Stack gap="sm" mb="md" component="section" aria-label="Message filters">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: "1 1 18rem" }}>
          <RecipientFilter
            personId={params.personId}
            onChange={(personId) => onChange({ personId })}
          />
        </div>
        <Button
          hiddenFrom="sm"
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={toggle}
          aria-expanded={opened}
          aria-controls="message-filter-fields"
          data-testid="toggle-message-filters"
        >
          Filters
          {activeFilterCount - (params.personId ? 1 : 0) > 0
            ? ` (${activeFilterCount - (params.personId ? 1 : 0)})`
            : ""}
        </Button>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={onClear}
          disabled={activeFilterCount === 0}
          data-testid="clear-message-filters"
        >
          Clear filters
        </Button>
      </Group>
      <Collapse expanded={isDesktop || opened} id="message-filter-fields">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <Select
            label="State"
            placeholder="Any"
            data={outboxStates.map((state) => ({ value: state, label: stateLooks[state].label }))}
            value={params.state}
            onChange={(value) => onChange({ state: outboxStates.find((s) => s === value) ?? null })}
            clearable
            data-testid="message-filter-state"
          />
          <Select
            label="Channel"
            placeholder="Any"
            data={channels.map((channel) => ({ value: channel, label: channelLabels[channel] }))}
            value={params.channel}
            onChange={(value) => onChange({ channel: channels.find((c) => c === value) ?? null })}
            clearable
            data-testid="message-filter-channel"
          />
          <Select
            label="Template"
            placeholder="Any"
            data={templateOptions}
            value={params.templateId}
            onChange={(value) => onChange({ templateId: value })}
            searchable
            clearable
            nothingFoundMessage="No template matches"
            data-testid="message-filter-template"
          />
          <Select
            label="Rollout"
            placeholder="Any"
            data={rolloutOptions}
            value={params.rolloutId}
            onChange={(value) => onChange({ rolloutId: value })}
            searchable
            clearable
            nothingFoundMessage="No rollout matches"
            data-testid="message-filter-rollout"
          />
        </SimpleGrid>
        <Switch
          mt="sm"
          label="Only messages sent again after an interrupted send"
          checked={params.resent}
          onChange={(event) => onChange({ resent: event.currentTarget.checked })}
          data-testid="message-filter-resent"
        />
      </Collapse>
    </Stack>
  );
}

/** The recipient filter: a people search for those who may read the directory, else the id. */
function RecipientFilter({
  personId,
  onChange,
}: {
  personId: string | null;
  onChange: (personId: string | null) => void;
}) {
  const canReadPeople = useAuth().can("people.read");
  const person = useDirectoryPerson(personId, canReadPeople);
  if (!canReadPeople)
    return personId ? (
      <Group gap={4} wrap="nowrap" data-testid="message-filter-person">
        <Text size="sm">
          Recipient <strong>{personId}</strong>
        </Text>
        <CloseButton size="sm" aria-label="Show every recipient" onClick={() => onChange(null)} />
      </Group>
    ) : null;
  return (
    <PersonSelect
      label="Recipient"
      value={personId}
      onChange={(chosen) => onChange(chosen?.id ?? null)}
      initialPerson={person.data?.person ?? null}
      testId="message-filter-person"
    />
  );
}
