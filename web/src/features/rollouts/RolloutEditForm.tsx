import {
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import type { FormEvent } from "react";
import type { Rollout, RolloutChange } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatNumber } from "../../components/format.js";
import { useAudienceOptions, useUpdateRollout } from "./queries.js";

/**
 * Changes a rollout's name, description, audience or daily learning time. The program version and
 * the phases stay; a new audience reaches launched waves at their next synchronisation.
 */
export function RolloutEditForm({
  rollout,
  onSaved,
  onCancel,
}: {
  rollout: Rollout;
  onSaved: (rollout: Rollout) => void;
  onCancel: () => void;
}) {
  const audiences = useAudienceOptions();
  const update = useUpdateRollout(rollout.id);
  const [name, setName] = useState(rollout.name);
  const [description, setDescription] = useState(rollout.description);
  const [audienceId, setAudienceId] = useState<string | null>(rollout.audienceId);
  const [minutes, setMinutes] = useState<number | string>(rollout.dailyLearningMinutes);
  const [submitted, setSubmitted] = useState(false);

  const audienceOptions = (audiences.data?.items ?? []).map((audience) => ({
    value: audience.id,
    label: `${audience.name} (${formatNumber(audience.memberCount)} ${audience.memberCount === 1 ? "person" : "people"})`,
  }));
  // Until the options arrive, the current audience is still shown by name.
  if (rollout.audienceId && !audienceOptions.some((option) => option.value === rollout.audienceId))
    audienceOptions.unshift({
      value: rollout.audienceId,
      label: rollout.audienceName ?? "Current audience",
    });

  const minutesValid = typeof minutes === "number" && minutes >= 5 && minutes <= 480;
  const nameError = submitted && !name.trim() ? "Give the rollout a name." : null;
  const minutesError =
    submitted && !minutesValid ? "Between 5 and 480 minutes a working day." : null;
  const audienceChanged = audienceId !== rollout.audienceId;
  const launched = rollout.phases.some((phase) =>
    phase.waves.some((wave) => wave.status === "launched" || wave.status === "paused"),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim() || !minutesValid) return;
    const change: RolloutChange = {
      name: name.trim(),
      description: description.trim(),
      audienceId,
      dailyLearningMinutes: Number(minutes),
    };
    update.mutate(change, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="rollout-edit-form">
      <Stack gap="md">
        {audiences.isError && (
          <ErrorAlert title="The audiences could not be loaded" error={audiences.error} />
        )}
        <TextInput
          label="Name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          required
          maxLength={200}
          data-autofocus
          data-testid="rollout-edit-name"
        />
        <Textarea
          label="Description"
          placeholder="Why this rollout, and anything people running it should know"
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          data-testid="rollout-edit-description"
        />
        <Select
          label="Audience"
          description="Waves take their people from it unless they name their own."
          placeholder={audiences.isLoading ? "Loading…" : "No audience"}
          data={audienceOptions}
          value={audienceId}
          onChange={setAudienceId}
          searchable
          clearable
          nothingFoundMessage="No audience matches"
          data-testid="rollout-edit-audience"
        />
        {audienceChanged && launched && (
          <Text size="xs" c="orange.8" mt={-8} data-testid="rollout-edit-audience-note">
            Live waves that take their people from the rollout’s audience follow the new one at
            their next synchronisation with the directory.
          </Text>
        )}
        <NumberInput
          label="Daily learning minutes"
          description="Time a learner can spend per working day; due dates are checked against it."
          value={minutes}
          onChange={setMinutes}
          min={5}
          max={480}
          step={5}
          suffix=" min"
          error={minutesError}
          required
          styles={{ wrapper: { maxWidth: 220 } }}
          data-testid="rollout-edit-minutes"
        />
        <Text size="xs" c="dimmed">
          {rollout.programName} · v{rollout.versionNumber} stays: a rollout delivers one program
          version.
        </Text>
        {update.isError && <ErrorAlert title="The rollout was not saved" error={update.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="save-rollout">
            Save rollout
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
