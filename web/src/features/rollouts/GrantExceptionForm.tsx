import {
  Button,
  Group,
  Input,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import type { FormEvent } from "react";
import type { ExceptionKind, Rollout } from "../../api/rollouts.js";
import { useCurrentUser } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatNumber } from "../../components/format.js";
import { useAssignments, useGrantException } from "./queries.js";

/** Employee ids typed or pasted: separated by commas, semicolons, spaces or new lines. */
export function parsePersonIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/** Grants an extension (a new due date) or an exemption to people with open assignments. */
export function GrantExceptionForm({
  rollouts,
  rolloutId: initialRolloutId,
  onGranted,
  onCancel,
}: {
  rollouts: Rollout[];
  rolloutId: string | null;
  onGranted: (result: { kind: ExceptionKind; assignments: number }) => void;
  onCancel: () => void;
}) {
  const user = useCurrentUser();
  const [rolloutId, setRolloutId] = useState<string | null>(initialRolloutId);
  const [kind, setKind] = useState<ExceptionKind>("extension");
  const [waveId, setWaveId] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [approvedBy, setApprovedBy] = useState(user.name);
  const [newDueDate, setNewDueDate] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const grant = useGrantException();

  const rollout = rollouts.find((candidate) => candidate.id === rolloutId);
  const waves = (rollout?.phases ?? [])
    .flatMap((phase) => phase.waves)
    .filter((wave) => wave.status === "launched" || wave.status === "paused");
  const waveAssignments = useAssignments(
    { waveId: waveId ?? "", status: "open", pageSize: 500 },
    waveId !== null,
  );
  const people = (waveAssignments.data?.items ?? []).map((assignment) => ({
    value: assignment.person.id,
    label: `${assignment.person.name} (${assignment.person.id})`,
  }));

  const openTotal = waveAssignments.data?.total ?? 0;

  const personIds = [...new Set([...picked, ...parsePersonIds(typed)])];
  const errors = {
    rollout: !rolloutId ? "Choose the rollout." : null,
    people: personIds.length === 0 ? "Name at least one person." : null,
    reason: reason.trim().length < 3 ? "Say why, in a few words." : null,
    approvedBy: !approvedBy.trim() ? "Say who approved it." : null,
    newDueDate: kind === "extension" && !newDueDate ? "Choose the new due date." : null,
  };
  const valid = Object.values(errors).every((error) => error === null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || !rolloutId) return;
    grant.mutate(
      {
        rolloutId,
        kind,
        personIds,
        reason: reason.trim(),
        approvedBy: approvedBy.trim(),
        newDueDate: kind === "extension" ? newDueDate : null,
        expiresOn: kind === "exemption" && expiresOn ? expiresOn : null,
      },
      { onSuccess: (result) => onGranted({ kind, assignments: result.assignments }) },
    );
  }

  const shown = (key: keyof typeof errors) => (submitted ? errors[key] : null);
  return (
    <form onSubmit={submit} noValidate data-testid="grant-exception-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Rollout"
            data={rollouts.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            value={rolloutId}
            onChange={(value) => {
              setRolloutId(value);
              setWaveId(null);
              setPicked([]);
            }}
            searchable
            required
            error={shown("rollout")}
            data-testid="exception-rollout"
          />
          <div>
            <Input.Label labelElement="div" mb={4} id="exception-kind-label">
              Kind
            </Input.Label>
            <SegmentedControl
              aria-labelledby="exception-kind-label"
              fullWidth
              data={[
                { value: "extension", label: "Extension" },
                { value: "exemption", label: "Exemption" },
              ]}
              value={kind}
              onChange={(value) => setKind(value === "exemption" ? "exemption" : "extension")}
              data-testid="exception-kind"
            />
          </div>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Pick people from a wave"
            placeholder={waves.length === 0 ? "No live wave" : "Choose a wave"}
            data={waves.map((wave) => ({ value: wave.id, label: wave.name }))}
            value={waveId}
            onChange={(value) => {
              setWaveId(value);
              setPicked([]);
            }}
            disabled={waves.length === 0}
            clearable
            data-testid="exception-wave"
          />
          <MultiSelect
            label="People"
            placeholder={waveId ? "Search by name or id" : "Choose a wave first"}
            data={people}
            value={picked}
            onChange={setPicked}
            searchable
            clearable
            disabled={!waveId}
            nothingFoundMessage={waveAssignments.isLoading ? "Loading…" : "No open assignment"}
            data-testid="exception-people"
          />
        </SimpleGrid>
        {openTotal > people.length && (
          <Text size="xs" c="dimmed" mt={-8}>
            The list offers the first {formatNumber(people.length)} of {formatNumber(openTotal)}{" "}
            people with open assignments in this wave; type the ids of others below.
          </Text>
        )}
        <Textarea
          label="Or type employee ids"
          description="Separated by commas or new lines."
          placeholder={"E1042, E2210\nE3307"}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
          error={shown("people")}
          data-testid="exception-person-ids"
        />
        {personIds.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="exception-people-count">
            {formatCount(personIds.length, "person", "people")} named.
          </Text>
        )}
        <Textarea
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={shown("reason")}
          data-testid="exception-reason"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Approved by"
            value={approvedBy}
            onChange={(event) => setApprovedBy(event.currentTarget.value)}
            required
            error={shown("approvedBy")}
            data-testid="exception-approved-by"
          />
          {kind === "extension" ? (
            <TextInput
              type="date"
              label="New due date"
              description="Due at 23:59 in each person's own time zone."
              value={newDueDate}
              onChange={(event) => setNewDueDate(event.currentTarget.value)}
              required
              error={shown("newDueDate")}
              data-testid="exception-new-due-date"
            />
          ) : (
            <TextInput
              type="date"
              label="Expires on"
              description="Optional: after this date the person has to train again."
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.currentTarget.value)}
              data-testid="exception-expires-on"
            />
          )}
        </SimpleGrid>
        {grant.isError && <ErrorAlert title="The exception was not granted" error={grant.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={grant.isPending} data-testid="grant-exception">
            Grant {kind}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
