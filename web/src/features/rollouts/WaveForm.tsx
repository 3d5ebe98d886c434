import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconInfoCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import type {
  DeadlinePolicy,
  EnrollmentMode,
  Rollout,
  Wave,
  WaveInput,
} from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate, formatNumber } from "../../components/format.js";
import { usePeopleFacets } from "../directory/queries.js";
import { policyDueDate, todayLocal } from "./dates.js";
import type { DeadlineDraft } from "./DeadlineFields.js";
import { DeadlineFields, deadlineDraft, policyFromDraft } from "./DeadlineFields.js";
import { useAddWave, useAudienceOptions, useUpdateWave } from "./queries.js";

const rolloutAudience = "rollout";

interface RegionDeadlineDraft extends DeadlineDraft {
  key: number;
  region: string | null;
}

let nextKey = 1;

function regionDrafts(wave: Wave | undefined): RegionDeadlineDraft[] {
  return Object.entries(wave?.regionDeadlines ?? {}).map(([region, policy]) => ({
    key: nextKey++,
    region,
    ...deadlineDraft(policy),
  }));
}

/** Adds a wave to a rollout, or changes a planned one: who, when, and by when. */
export function WaveForm({
  rollout,
  wave,
  phaseId,
  onSaved,
  onCancel,
}: {
  rollout: Rollout;
  /** The planned wave to change; a new wave when absent. */
  wave?: Wave;
  /** The phase a new wave goes into, when chosen beforehand. */
  phaseId?: string;
  onSaved: (rollout: Rollout, input: WaveInput) => void;
  onCancel: () => void;
}) {
  const { can } = useAuth();
  const facets = usePeopleFacets();
  const audiences = useAudienceOptions(can("audiences.read"));
  const add = useAddWave(rollout.id);
  const update = useUpdateWave(wave?.id ?? "");
  const save = wave ? update : add;

  const [phase, setPhase] = useState<string | null>(
    wave?.phaseId ?? phaseId ?? rollout.phases[0]?.id ?? null,
  );
  const [name, setName] = useState(wave?.name ?? "");
  const [audience, setAudience] = useState(wave?.audienceId ?? rolloutAudience);
  const [regions, setRegions] = useState<string[]>(wave?.slice.regions ?? []);
  const [divisions, setDivisions] = useState<string[]>(wave?.slice.divisions ?? []);
  const [percent, setPercent] = useState<number | string>(wave?.slice.percent ?? "");
  const [launchDate, setLaunchDate] = useState(wave?.launchDate ?? todayLocal());
  const [enrollment, setEnrollment] = useState<EnrollmentMode>(wave?.enrollmentMode ?? "mandatory");
  const [deadline, setDeadline] = useState<DeadlineDraft>(deadlineDraft(wave?.deadline));
  const [overrides, setOverrides] = useState<RegionDeadlineDraft[]>(() => regionDrafts(wave));
  const [graceDays, setGraceDays] = useState<number | string>(wave?.joinerGraceDays ?? 14);
  const [submitted, setSubmitted] = useState(false);

  const rolloutAudienceName =
    audiences.data?.items.find((candidate) => candidate.id === rollout.audienceId)?.name ??
    "the rollout's audience";
  const audienceOptions = [
    { value: rolloutAudience, label: `Rollout audience (${rolloutAudienceName})` },
    ...(audiences.data?.items ?? [])
      .filter((candidate) => candidate.id !== rollout.audienceId)
      .map((candidate) => ({
        value: candidate.id,
        label: `${candidate.name} (${formatNumber(candidate.memberCount)})`,
      })),
  ];
  if (audience !== rolloutAudience && !audienceOptions.some((o) => o.value === audience))
    audienceOptions.push({ value: audience, label: audience });
  const regionOptions = (facets.data?.region ?? []).map((facet) => facet.value);
  const divisionOptions = (facets.data?.division ?? []).map((facet) => facet.value);
  for (const region of regions) if (!regionOptions.includes(region)) regionOptions.push(region);
  for (const division of divisions)
    if (!divisionOptions.includes(division)) divisionOptions.push(division);

  // Work out the input, and the first thing that stops it being sent.
  const problems: string[] = [];
  if (!name.trim()) problems.push("Give the wave a name.");
  if (!phase) problems.push("Choose the phase the wave belongs to.");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(launchDate)) problems.push("Choose the launch date.");
  const percentValue = percent === "" ? null : percent;
  if (
    percentValue !== null &&
    (typeof percentValue !== "number" ||
      !Number.isInteger(percentValue) ||
      percentValue < 1 ||
      percentValue > 100)
  )
    problems.push("The sample is a whole percentage from 1 to 100, or empty for everyone.");
  if (typeof graceDays !== "number" || !Number.isInteger(graceDays) || graceDays < 0)
    problems.push("Grace days for joiners are a whole number, 0 or more.");
  const main = policyFromDraft(deadline);
  if (main.problem) problems.push(`Deadline: ${main.problem}`);
  const regionDeadlines: Record<string, DeadlinePolicy> = {};
  for (const override of overrides) {
    if (!override.region) {
      problems.push("Choose the region of each regional deadline.");
      continue;
    }
    if (regionDeadlines[override.region]) {
      problems.push(`${override.region} has two regional deadlines; keep one.`);
      continue;
    }
    const result = policyFromDraft(override);
    if (result.policy === null) problems.push(`${override.region} deadline: ${result.problem}`);
    else regionDeadlines[override.region] = result.policy;
  }
  if (main.policy?.kind === "fixed" && main.policy.date < launchDate)
    problems.push("The fixed due date is before the launch date.");

  const dueHint =
    main.policy && /^\d{4}-\d{2}-\d{2}$/.test(launchDate)
      ? `Due on ${formatDate(policyDueDate(main.policy, launchDate))} at ${main.policy.time}, in each person's own time zone.`
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (problems.length > 0 || !phase || !main.policy) return;
    const input: WaveInput = {
      phaseId: phase,
      name: name.trim(),
      audienceId: audience === rolloutAudience ? null : audience,
      slice: { regions, divisions, percent: percentValue === null ? null : Number(percentValue) },
      launchDate,
      enrollmentMode: enrollment,
      deadline: main.policy,
      regionDeadlines,
      joinerGraceDays: Number(graceDays),
    };
    save.mutate(input, { onSuccess: (saved) => onSaved(saved, input) });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="wave-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            placeholder="e.g. Pilot: Risk in Europe"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={submitted && !name.trim() ? "Give the wave a name." : null}
            required
            data-autofocus
            data-testid="wave-name"
          />
          <Select
            label="Phase"
            data={rollout.phases.map((candidate) => ({
              value: candidate.id,
              label: candidate.name,
            }))}
            value={phase}
            onChange={setPhase}
            allowDeselect={false}
            required
            data-testid="wave-phase"
          />
        </SimpleGrid>

        <Divider label="Who" labelPosition="left" />
        <Select
          label="Audience"
          data={audienceOptions}
          value={audience}
          onChange={(value) => setAudience(value ?? rolloutAudience)}
          allowDeselect={false}
          searchable
          data-testid="wave-audience"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <MultiSelect
            label="Only these regions"
            placeholder={regions.length === 0 ? "All regions" : undefined}
            data={regionOptions}
            value={regions}
            onChange={setRegions}
            searchable
            clearable
            data-testid="wave-regions"
          />
          <MultiSelect
            label="Only these divisions"
            placeholder={divisions.length === 0 ? "All divisions" : undefined}
            data={divisionOptions}
            value={divisions}
            onChange={setDivisions}
            searchable
            clearable
            data-testid="wave-divisions"
          />
          <NumberInput
            label="Sample"
            description="A stable share of those people"
            placeholder="Everyone"
            value={percent}
            onChange={setPercent}
            min={1}
            max={100}
            allowDecimal={false}
            suffix="%"
            data-testid="wave-percent"
          />
        </SimpleGrid>

        <Divider label="When" labelPosition="left" />
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label="Launch date"
            value={launchDate}
            onChange={(event) => setLaunchDate(event.currentTarget.value)}
            required
            w={180}
            data-testid="wave-launch-date"
          />
          <div>
            <Input.Label labelElement="div" mb={4} id="wave-enrollment-label">
              Enrollment
            </Input.Label>
            <SegmentedControl
              aria-labelledby="wave-enrollment-label"
              data={[
                { value: "mandatory", label: "Mandatory" },
                { value: "self_directed", label: "Self-directed" },
              ]}
              value={enrollment}
              onChange={(value) =>
                setEnrollment(value === "self_directed" ? "self_directed" : "mandatory")
              }
            />
          </div>
        </Group>
        <div>
          <Title order={3} fz="sm" mb={6}>
            Deadline
          </Title>
          <DeadlineFields
            draft={deadline}
            onChange={setDeadline}
            label="Deadline"
            error={submitted ? main.problem : null}
            testId="wave-deadline"
          />
          {dueHint && (
            <Text size="xs" c="dimmed" mt={6} data-testid="wave-due-hint">
              {dueHint}
            </Text>
          )}
        </div>
        <div>
          <Title order={3} fz="sm">
            Regional deadlines
          </Title>
          <Text size="xs" c="dimmed" mb={6}>
            A region may get its own deadline, e.g. to allow for a public holiday season.
          </Text>
          <Stack gap="xs">
            {overrides.map((override) => (
              <Paper key={override.key} withBorder radius="md" p="xs" data-testid="region-deadline">
                <Group gap="xs" align="flex-end" wrap="wrap">
                  <Select
                    label="Region"
                    data={regionOptions}
                    value={override.region}
                    onChange={(region) =>
                      setOverrides((current) =>
                        current.map((o) => (o.key === override.key ? { ...o, region } : o)),
                      )
                    }
                    searchable
                    w={200}
                  />
                  <DeadlineFields
                    draft={override}
                    onChange={(draft) =>
                      setOverrides((current) =>
                        current.map((o) => (o.key === override.key ? { ...o, ...draft } : o)),
                      )
                    }
                    label={`${override.region ?? "Regional"} deadline`}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mb={2}
                    aria-label={`Remove the ${override.region ?? "regional"} deadline`}
                    onClick={() =>
                      setOverrides((current) => current.filter((o) => o.key !== override.key))
                    }
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Paper>
            ))}
            <div>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() =>
                  setOverrides((current) => [
                    ...current,
                    { key: nextKey++, region: null, ...deadlineDraft() },
                  ])
                }
              >
                Add a regional deadline
              </Button>
            </div>
          </Stack>
        </div>
        <NumberInput
          label="Grace days for joiners"
          description="People who join the audience after launch get at least this long."
          value={graceDays}
          onChange={setGraceDays}
          min={0}
          max={365}
          allowDecimal={false}
          styles={{ wrapper: { maxWidth: 220 } }}
          data-testid="wave-grace-days"
        />

        {submitted && problems.length > 0 && (
          <Alert
            color="red"
            variant="light"
            icon={<IconInfoCircle size={18} aria-hidden />}
            title="Check the wave"
            data-testid="wave-form-problems"
          >
            <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((problem) => (
                <li key={problem}>
                  <Text size="sm">{problem}</Text>
                </li>
              ))}
            </Stack>
          </Alert>
        )}
        {save.isError && (
          <ErrorAlert
            title={wave ? "The wave was not changed" : "The wave was not added"}
            error={save.error}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-wave">
            {wave ? "Save changes" : "Add wave"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
