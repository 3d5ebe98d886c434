import {
  ActionIcon,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Pill,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from "@tabler/icons-react";
import { moduleKinds } from "../../api/programs.js";
import type { ModuleDraft, ModuleErrors, VariantDraft, VariantErrors } from "./moduleDraft.js";
import {
  maxCompletionVerbs,
  suggestedCompletionVerbs,
  tracksActivity,
  variantDraft,
  verbLabel,
} from "./moduleDraft.js";
import { ModuleKindIcon, moduleKindMeta } from "./moduleKinds.js";

const kindOptions = moduleKinds.map((kind) => ({ value: kind, label: moduleKindMeta[kind].label }));
const verbOptions = suggestedCompletionVerbs.map((verb) => verb.iri);

/** Which verbs complete the module: the defaults, or its own list of verb IRIs. */
function CompletionVerbs({
  draft,
  error,
  onChange,
}: {
  draft: ModuleDraft;
  error: string | undefined;
  onChange: (patch: Partial<ModuleDraft>) => void;
}) {
  const headingId = `module-verbs-${draft.key}`;
  const helpId = `module-verbs-help-${draft.key}`;
  return (
    <Stack gap={6} mt="sm" role="group" aria-labelledby={headingId} data-testid="module-verbs">
      <div>
        <Text size="sm" fw={500} id={headingId}>
          Completion verbs
        </Text>
        <Text size="xs" c="dimmed" id={helpId}>
          Statements with these verbs about this module&apos;s activity complete it; any other
          statement about it only starts it. Failed never completes.
        </Text>
      </div>
      <Switch
        label="Use the default verbs (completed, passed, satisfied)"
        checked={draft.useDefaultVerbs}
        onChange={(event) => onChange({ useDefaultVerbs: event.currentTarget.checked })}
        aria-describedby={helpId}
        data-testid="module-default-verbs"
      />
      {!draft.useDefaultVerbs && (
        <TagsInput
          label="Verbs that complete it"
          description="Pick a suggestion or type a verb IRI and press Enter; Backspace removes the last."
          placeholder={draft.completionVerbs.length === 0 ? "http://adlnet.gov/expapi/verbs/…" : ""}
          data={verbOptions}
          value={draft.completionVerbs}
          onChange={(completionVerbs) => onChange({ completionVerbs })}
          maxTags={maxCompletionVerbs}
          splitChars={[",", " "]}
          isDuplicate={(value, current) => current.includes(value.trim())}
          error={error}
          renderOption={({ option }) => {
            const label = verbLabel(option.value);
            return (
              <Stack gap={0} style={{ minWidth: 0 }}>
                {label && (
                  <Text size="sm" fw={500}>
                    {label}
                  </Text>
                )}
                <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                  {option.value}
                </Text>
              </Stack>
            );
          }}
          renderPill={({ value, onRemove, disabled }) => (
            <Pill
              withRemoveButton={!disabled}
              onRemove={onRemove}
              title={value}
              data-testid="module-verb"
              data-verb={value}
              ff={verbLabel(value ?? "") ? undefined : "monospace"}
            >
              {verbLabel(value ?? "") ?? value}
            </Pill>
          )}
          comboboxProps={{ withinPortal: true }}
          data-testid="module-verbs-input"
        />
      )}
    </Stack>
  );
}

function VariantRow({
  variant,
  number,
  errors,
  onChange,
  onRemove,
}: {
  variant: VariantDraft;
  number: number;
  errors: VariantErrors | undefined;
  onChange: (variant: VariantDraft) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<VariantDraft>) => onChange({ ...variant, ...patch });
  return (
    <Paper
      withBorder
      radius="sm"
      p="xs"
      bg="var(--mantine-color-default-hover)"
      data-testid="variant-editor"
      role="group"
      aria-label={`Variant ${number}`}
    >
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Grid gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <TextInput
              size="xs"
              label="Locale"
              placeholder="de-DE"
              value={variant.locale}
              onChange={(event) => set({ locale: event.currentTarget.value })}
              error={errors?.locale}
              data-testid="variant-locale"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <TextInput
              size="xs"
              label="Region"
              placeholder="Europe"
              value={variant.region}
              onChange={(event) => set({ region: event.currentTarget.value })}
              data-testid="variant-region"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              size="xs"
              label="Title"
              placeholder="Same as the module"
              value={variant.title}
              onChange={(event) => set({ title: event.currentTarget.value })}
              data-testid="variant-title"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              size="xs"
              label="Activity IRI"
              placeholder="Same as the module"
              value={variant.activityIri}
              onChange={(event) => set({ activityIri: event.currentTarget.value })}
              error={errors?.activityIri}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              data-testid="variant-iri"
            />
          </Grid.Col>
        </Grid>
        <ActionIcon
          variant="subtle"
          color="gray"
          mt={22}
          onClick={onRemove}
          aria-label={`Remove variant ${number}`}
        >
          <IconX size={16} aria-hidden />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/** The fields of one module in a draft, with its variants and buttons to move or remove it. */
export function ModuleEditor({
  draft,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  draft: ModuleDraft;
  index: number;
  count: number;
  errors: ModuleErrors | undefined;
  onChange: (draft: ModuleDraft) => void;
  onMove: (offset: number) => void;
  onRemove: () => void;
}) {
  const number = index + 1;
  const set = (patch: Partial<ModuleDraft>) => onChange({ ...draft, ...patch });
  const setVariant = (key: string, variant: VariantDraft) =>
    set({ variants: draft.variants.map((v) => (v.key === key ? variant : v)) });

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="module-editor"
      data-module-key={draft.key}
      role="group"
      aria-labelledby={`module-heading-${draft.key}`}
    >
      <Group justify="space-between" gap="xs" mb="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <ModuleKindIcon kind={draft.kind} />
          <Text fw={600} truncate id={`module-heading-${draft.key}`}>
            Module {number}
            {draft.title.trim() && (
              <Text span c="dimmed" fw={400}>
                {" "}
                · {draft.title.trim()}
              </Text>
            )}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Move up" openDelay={400}>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={`Move module ${number} up`}
              data-action="up"
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down" openDelay={400}>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={`Move module ${number} down`}
              data-action="down"
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove" openDelay={400}>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={`Remove module ${number}`}
              data-testid="remove-module"
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label="Kind"
            data={kindOptions}
            value={draft.kind}
            onChange={(value) => {
              const kind = moduleKinds.find((k) => k === value);
              if (kind) set({ kind });
            }}
            allowDeselect={false}
            data-testid="module-kind"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label="Title"
            required
            maxLength={300}
            value={draft.title}
            onChange={(event) => set({ title: event.currentTarget.value })}
            error={errors?.title}
            data-testid="module-title-input"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label="Activity IRI"
            description="The xAPI activity id its content reports completions with."
            withAsterisk={draft.kind === "elearning"}
            placeholder="https://lms.example.com/courses/…"
            value={draft.activityIri}
            onChange={(event) => set({ activityIri: event.currentTarget.value })}
            error={errors?.activityIri}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            data-testid="module-iri-input"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <NumberInput
            label="Minutes"
            description="Expected"
            required
            min={1}
            max={100_000}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            value={draft.expectedMinutes}
            onChange={(value) => set({ expectedMinutes: typeof value === "number" ? value : "" })}
            error={errors?.expectedMinutes}
            data-testid="module-minutes"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <Switch
            label="Required"
            description="Counts to completion"
            mt={{ base: 0, sm: 4 }}
            checked={draft.required}
            onChange={(event) => set({ required: event.currentTarget.checked })}
            data-testid="module-required"
          />
        </Grid.Col>
      </Grid>
      {tracksActivity(draft) && (
        <CompletionVerbs draft={draft} error={errors?.completionVerbs} onChange={set} />
      )}
      <Stack gap="xs" mt="sm">
        <Text size="sm" fw={500}>
          Variants{" "}
          <Text span size="xs" c="dimmed">
            another title or activity for a locale or region
          </Text>
        </Text>
        {draft.variants.map((variant, variantIndex) => (
          <VariantRow
            key={variant.key}
            variant={variant}
            number={variantIndex + 1}
            errors={errors?.variants?.[variant.key]}
            onChange={(next) => setVariant(variant.key, next)}
            onRemove={() => set({ variants: draft.variants.filter((v) => v.key !== variant.key) })}
          />
        ))}
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => set({ variants: [...draft.variants, variantDraft()] })}
            aria-label={`Add a variant to module ${number}`}
            data-testid="add-variant"
          >
            Add variant
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
