import { Checkbox, Group, NumberInput, TextInput } from "@mantine/core";
import type { PolicyDraft } from "./cadenceDraft.js";

/** When a cadence's messages may arrive (quiet hours, working days) and how many a learner gets. */
export function CadencePolicyFields({
  draft,
  onChange,
}: {
  draft: PolicyDraft;
  onChange: (draft: PolicyDraft) => void;
}) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="cadence-policy-fields">
      <TextInput
        type="time"
        label="Quiet from"
        value={draft.quietFrom}
        onChange={(event) => onChange({ ...draft, quietFrom: event.currentTarget.value })}
        w={130}
        data-testid="policy-quiet-from"
      />
      <TextInput
        type="time"
        label="Quiet until"
        value={draft.quietUntil}
        onChange={(event) => onChange({ ...draft, quietUntil: event.currentTarget.value })}
        w={130}
        data-testid="policy-quiet-until"
      />
      <NumberInput
        label="At most a day"
        value={draft.maxPerDay}
        onChange={(maxPerDay) => onChange({ ...draft, maxPerDay })}
        min={1}
        max={20}
        allowDecimal={false}
        w={130}
        data-testid="policy-max-per-day"
      />
      <NumberInput
        label="At most a week"
        value={draft.maxPerWeek}
        onChange={(maxPerWeek) => onChange({ ...draft, maxPerWeek })}
        min={1}
        max={50}
        allowDecimal={false}
        w={130}
        data-testid="policy-max-per-week"
      />
      <Checkbox
        label="Working days only"
        checked={draft.workingDaysOnly}
        onChange={(event) => onChange({ ...draft, workingDaysOnly: event.currentTarget.checked })}
        mb={8}
        data-testid="policy-working-days"
      />
    </Group>
  );
}
