import { Group, NumberInput, SegmentedControl, TextInput } from "@mantine/core";
import type { DeadlinePolicy } from "../../api/rollouts.js";

/** A deadline policy being edited: days may be empty while typing. */
export interface DeadlineDraft {
  kind: "relative" | "fixed";
  days: number | string;
  date: string;
  time: string;
}

export function deadlineDraft(policy?: DeadlinePolicy): DeadlineDraft {
  if (!policy) return { kind: "relative", days: 30, date: "", time: "23:59" };
  return policy.kind === "relative"
    ? { kind: "relative", days: policy.days, date: "", time: policy.time }
    : { kind: "fixed", days: 30, date: policy.date, time: policy.time };
}

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The policy, or what is missing from the draft. */
export function policyFromDraft(
  draft: DeadlineDraft,
): { policy: DeadlinePolicy; problem: null } | { policy: null; problem: string } {
  if (!timePattern.test(draft.time))
    return { policy: null, problem: "Give the time of day as HH:MM." };
  if (draft.kind === "relative") {
    const days = draft.days;
    if (typeof days !== "number" || !Number.isInteger(days) || days < 0 || days > 3650)
      return { policy: null, problem: "Give a whole number of days, up to 3650." };
    return { policy: { kind: "relative", days, time: draft.time }, problem: null };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date))
    return { policy: null, problem: "Choose the due date." };
  return { policy: { kind: "fixed", date: draft.date, time: draft.time }, problem: null };
}

/** Relative (N days after launch) or fixed (a date), at a local time of day. */
export function DeadlineFields({
  draft,
  onChange,
  label,
  error,
  testId,
}: {
  draft: DeadlineDraft;
  onChange: (draft: DeadlineDraft) => void;
  /** Prefix of each field's accessible name, e.g. "Deadline" or "Europe deadline". */
  label: string;
  error?: string | null;
  testId?: string;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid={testId}>
      <SegmentedControl
        aria-label={`${label}: kind`}
        data={[
          { value: "relative", label: "Days after launch" },
          { value: "fixed", label: "Fixed date" },
        ]}
        value={draft.kind}
        onChange={(value) => onChange({ ...draft, kind: value === "fixed" ? "fixed" : "relative" })}
        size="sm"
      />
      {draft.kind === "relative" ? (
        <NumberInput
          label="Days"
          aria-label={`${label}: days after launch`}
          value={draft.days}
          onChange={(days) => onChange({ ...draft, days })}
          min={0}
          max={3650}
          allowDecimal={false}
          w={110}
          error={error ? true : undefined}
        />
      ) : (
        <TextInput
          type="date"
          label="Due date"
          aria-label={`${label}: due date`}
          value={draft.date}
          onChange={(event) => onChange({ ...draft, date: event.currentTarget.value })}
          w={170}
          error={error ? true : undefined}
        />
      )}
      <TextInput
        type="time"
        label="At"
        aria-label={`${label}: time of day`}
        value={draft.time}
        onChange={(event) => onChange({ ...draft, time: event.currentTarget.value })}
        w={120}
      />
    </Group>
  );
}
