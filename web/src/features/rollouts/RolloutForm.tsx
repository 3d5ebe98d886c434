import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconInfoCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import type { PhaseInput, PhaseKind, Rollout, RolloutInput } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatNumber } from "../../components/format.js";
import type { CriterionDraft } from "./CriteriaEditor.js";
import { CriteriaEditor, criteriaFromDrafts, newCriterionDraft } from "./CriteriaEditor.js";
import { phaseKindLabels } from "./labels.js";
import {
  useAudienceOptions,
  useCreateRollout,
  useGateMetrics,
  useProgramOptions,
} from "./queries.js";

interface PhaseDraft {
  key: number;
  kind: PhaseKind;
  name: string;
  criteria: CriterionDraft[];
}

const phaseKinds: PhaseKind[] = ["pilot", "scale", "integrate", "institutionalize", "custom"];
let nextPhaseKey = 1;

function phaseDraft(kind: PhaseKind, criteria: CriterionDraft[] = []): PhaseDraft {
  return { key: nextPhaseKey++, kind, name: "", criteria };
}

/** The usual shape: a pilot, then scaling once four in five have completed it. */
function defaultPhases(): PhaseDraft[] {
  return [phaseDraft("pilot"), phaseDraft("scale", [newCriterionDraft()])];
}

/** The next kind in the usual order after the last phase. */
function nextKind(phases: PhaseDraft[]): PhaseKind {
  const last = phases.at(-1)?.kind;
  const index = last ? phaseKinds.indexOf(last) : -1;
  return phaseKinds[Math.min(index + 1, phaseKinds.length - 1)] ?? "custom";
}

/** Creates a rollout: what it delivers, to whom, at what pace, and its phases with their gates. */
export function RolloutForm({
  onCreated,
  onCancel,
}: {
  onCreated: (rollout: Rollout) => void;
  onCancel: () => void;
}) {
  const programs = useProgramOptions();
  const audiences = useAudienceOptions();
  const metrics = useGateMetrics();
  const create = useCreateRollout();

  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [versionId, setVersionId] = useState<string | null>(null);
  const [audienceId, setAudienceId] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>(30);
  const [phases, setPhases] = useState<PhaseDraft[]>(defaultPhases);
  const [submitted, setSubmitted] = useState(false);

  const versionOptions = (programs.data?.items ?? [])
    .map((program) => ({
      group: program.name,
      items: program.versions
        .filter((version) => version.status === "published")
        .sort((a, b) => b.number - a.number)
        .map((version) => ({
          value: version.id,
          label: `${program.name} · v${version.number} (${formatNumber(version.expectedMinutes)} min)`,
        })),
    }))
    .filter((group) => group.items.length > 0);
  const audienceOptions = (audiences.data?.items ?? []).map((audience) => ({
    value: audience.id,
    label: `${audience.name} (${formatNumber(audience.memberCount)} ${audience.memberCount === 1 ? "person" : "people"})`,
  }));

  const minutesValid = typeof minutes === "number" && minutes >= 5 && minutes <= 480;
  const nameError = submitted && !name.trim() ? "Give the rollout a name." : null;
  const versionError = submitted && !versionId ? "Choose the program version to roll out." : null;
  const audienceError = submitted && !audienceId ? "Choose who the rollout is for." : null;
  const minutesError =
    submitted && !minutesValid ? "Between 5 and 480 minutes a working day." : null;

  function patchPhase(key: number, change: Partial<PhaseDraft>) {
    setPhases((current) =>
      current.map((phase) => (phase.key === key ? { ...phase, ...change } : phase)),
    );
  }

  let criteriaProblem: string | null = null;
  const phaseInputs: PhaseInput[] = [];
  for (const [index, phase] of phases.entries()) {
    const result = criteriaFromDrafts(index === 0 ? [] : phase.criteria);
    if (result.problem !== null) {
      criteriaProblem ??= `${phase.name.trim() || phaseKindLabels[phase.kind]}: ${result.problem}`;
      continue;
    }
    phaseInputs.push({
      kind: phase.kind,
      ...(phase.name.trim() ? { name: phase.name.trim() } : {}),
      gateCriteria: result.criteria,
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim() || !versionId || !audienceId || !minutesValid || criteriaProblem) return;
    const input: RolloutInput = {
      name: name.trim(),
      description: description.trim(),
      programVersionId: versionId,
      audienceId,
      dailyLearningMinutes: Number(minutes),
      phases: phaseInputs,
    };
    create.mutate(input, { onSuccess: onCreated });
  }

  const optionsError = programs.error ?? audiences.error;
  return (
    <form onSubmit={submit} noValidate data-testid="rollout-form">
      <Stack gap="md">
        {optionsError && (
          <ErrorAlert title="The choices could not be loaded" error={optionsError} />
        )}
        <TextInput
          label="Name"
          placeholder="e.g. Anti-money-laundering 2026"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          required
          data-autofocus
          data-testid="rollout-name"
        />
        <Textarea
          label="Description"
          placeholder="Why this rollout, and anything people running it should know"
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
        />
        <Select
          label="Program version"
          description="Only published versions can be rolled out."
          placeholder={programs.isLoading ? "Loading…" : "Choose a version"}
          data={versionOptions}
          value={versionId}
          onChange={setVersionId}
          searchable
          nothingFoundMessage="No published version matches"
          error={versionError}
          required
          data-testid="rollout-version"
        />
        <Select
          label="Audience"
          description="Waves take their people from it unless they name their own."
          placeholder={audiences.isLoading ? "Loading…" : "Choose an audience"}
          data={audienceOptions}
          value={audienceId}
          onChange={setAudienceId}
          searchable
          nothingFoundMessage="No audience matches"
          error={audienceError}
          required
          data-testid="rollout-audience"
        />
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
          data-testid="rollout-minutes"
        />

        <Divider />
        <div>
          <Title order={3} fz="md">
            Phases
          </Title>
          <Text size="sm" c="dimmed">
            Each phase after the first opens through a gate: its criteria are measured on the phase
            before, and a go decision opens it.
          </Text>
        </div>
        <Stack gap="sm" data-testid="phase-drafts">
          {phases.map((phase, index) => {
            const label = phase.name.trim() || phaseKindLabels[phase.kind];
            return (
              <Paper key={phase.key} withBorder radius="md" p="sm" data-testid="phase-draft">
                <Group gap="xs" align="flex-end" wrap="wrap">
                  <Text fw={600} size="sm" w={24} mb={8} aria-hidden>
                    {index + 1}.
                  </Text>
                  <Select
                    label="Kind"
                    aria-label={`Phase ${index + 1}: kind`}
                    data={phaseKinds.map((kind) => ({ value: kind, label: phaseKindLabels[kind] }))}
                    value={phase.kind}
                    onChange={(value) => {
                      const kind = phaseKinds.find((candidate) => candidate === value);
                      if (kind) patchPhase(phase.key, { kind });
                    }}
                    allowDeselect={false}
                    style={{ flex: "1 1 9rem" }}
                  />
                  <TextInput
                    label="Name"
                    aria-label={`Phase ${index + 1}: name`}
                    placeholder={phaseKindLabels[phase.kind]}
                    value={phase.name}
                    onChange={(event) => patchPhase(phase.key, { name: event.currentTarget.value })}
                    style={{ flex: "2 1 12rem" }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mb={2}
                    aria-label={`Remove phase ${index + 1}`}
                    disabled={phases.length === 1}
                    onClick={() =>
                      setPhases((current) =>
                        current.filter((candidate) => candidate.key !== phase.key),
                      )
                    }
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                {index > 0 && (
                  <Stack gap={4} mt="sm" pl={{ base: 0, sm: 32 }}>
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed" lts={0.3}>
                      Gate into {label}
                    </Text>
                    <CriteriaEditor
                      drafts={phase.criteria}
                      metrics={metrics.data?.items ?? []}
                      onChange={(criteria) => patchPhase(phase.key, { criteria })}
                      label={`Gate into ${label}`}
                    />
                  </Stack>
                )}
              </Paper>
            );
          })}
          <div>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setPhases((current) => [...current, phaseDraft(nextKind(current))])}
              disabled={phases.length >= 10}
            >
              Add phase
            </Button>
          </div>
        </Stack>
        {submitted && criteriaProblem && (
          <Alert color="red" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
            {criteriaProblem}
          </Alert>
        )}
        {create.isError && <ErrorAlert title="The rollout was not created" error={create.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="create-rollout">
            Create rollout
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
