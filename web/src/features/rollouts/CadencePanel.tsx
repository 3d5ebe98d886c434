import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconArrowBackUp, IconPencil, IconPlus } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { Link } from "react-router";
import type { Cadence } from "../../api/communications.js";
import type { Rollout, Wave } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import type { CadenceDraft, CadenceProblems, RuleDraft, RuleProblem } from "./cadenceDraft.js";
import { cadenceDraft, cadenceProblems, inputFromDraft } from "./cadenceDraft.js";
import { cadenceSourceText, dueOffsetDays, policySentence } from "./cadenceLabels.js";
import { CadencePolicyFields } from "./CadencePolicyFields.js";
import { CadenceRuleForm } from "./CadenceRuleForm.js";
import type { ListedRule } from "./CadenceRuleList.js";
import { CadenceRuleList } from "./CadenceRuleList.js";
import { communicationsPath } from "./communicationsParams.js";
import { enrollmentLabels } from "./labels.js";
import { useCadence, useDeleteCadence, useMessageTemplates, useSaveCadence } from "./queries.js";

/** What a cadence is and what saving does, in the words shown under it. */
const saveNote =
  "Saving replaces the messages not sent yet of every rule you change; messages are written to the outbox 48 hours before they go, so changes reach what goes out after that.";

/** Where the cadence shown comes from, and what follows from that, in a line or two. */
function SourceNote({
  rollout,
  wave,
  waves,
  cadence,
  saved,
}: {
  rollout: Rollout;
  wave: Wave | undefined;
  waves: Wave[];
  cadence: Cadence | null;
  saved: Cadence[];
}) {
  if (wave) {
    if (cadence?.source === "wave")
      return <>This wave has its own cadence; the rollout's other waves are not affected.</>;
    return (
      <>
        This wave follows{" "}
        {cadence?.source === "rollout" ? "the rollout's cadence" : "Cascade's default"}.{" "}
        <Anchor component={Link} to={communicationsPath(rollout.id)} size="sm">
          See the rollout's cadence
        </Anchor>
        . Editing here gives the wave its own.
      </>
    );
  }
  const own = waves.filter((candidate) => saved.some((c) => c.waveId === candidate.id));
  const following = waves.filter((candidate) => !own.includes(candidate));
  const modes = new Set(following.map((candidate) => candidate.enrollmentMode));
  return (
    <>
      {cadence?.source === "rollout"
        ? "Every wave without a cadence of its own follows this one."
        : modes.size > 1
          ? "The rollout has no cadence of its own: each wave follows Cascade's default for its enrollment mode (mandatory or self-directed). Editing here gives the rollout one for all its waves."
          : "The rollout has no cadence of its own. Editing here gives it one for all its waves."}
      {own.length > 0 &&
        ` ${own.map((candidate) => candidate.name).join(", ")} ${own.length === 1 ? "has its" : "have their"} own.`}
    </>
  );
}

/**
 * The cadence of a rollout or of one wave: where it comes from, its rules in time order and its
 * send policy; with rollouts.manage, editing it (which gives a wave its own) or going back to
 * the rollout's or Cascade's default.
 */
export function CadencePanel({
  rollout,
  waveId,
  canManage,
  onEditingChange,
}: {
  rollout: Rollout;
  /** The wave whose cadence is shown; null for the rollout's. */
  waveId: string | null;
  canManage: boolean;
  /** Told when editing starts and ends, so the page can keep the draft from being dropped. */
  onEditingChange?: (editing: boolean) => void;
}) {
  const isPhone = useIsPhone();
  const waves = rollout.phases.flatMap((phase) => phase.waves);
  const wave = waves.find((candidate) => candidate.id === waveId);
  const view = useCadence(
    rollout.id,
    waveId,
    waves.map((candidate) => candidate.id),
  );
  const templates = useMessageTemplates();
  const save = useSaveCadence(rollout.id);
  const remove = useDeleteCadence(rollout.id);
  const [draft, setDraft] = useState<CadenceDraft | null>(null);
  const [problems, setProblems] = useState<CadenceProblems | null>(null);
  const [localProblems, setLocalProblems] = useState<string[]>([]);
  const [ruleOpen, setRuleOpen] = useState<{ rule: RuleDraft | null } | null>(null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  /** The rule whose edit button gets the focus back when the rule's modal closes. */
  const returnFocusTo = useRef<string | null>(null);

  const templateNames = new Map(
    (templates.data?.items ?? []).map((template) => [template.id, template.name]),
  );
  const dueOffset = dueOffsetDays(wave ?? waves[0]);

  if (view.isError)
    return (
      <ErrorAlert
        title="The cadence could not be loaded"
        error={view.error}
        onRetry={() => void view.refetch()}
      />
    );
  if (!view.data)
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading cadence">
        <Skeleton h={24} w={280} />
        <Skeleton h={220} radius="md" />
      </Stack>
    );

  const { cadence, saved } = view.data;
  const editing = draft !== null;
  const removable = wave ? cadence?.source === "wave" : cadence?.source === "rollout";

  function startEditing() {
    setDraft(cadenceDraft(cadence, wave ? `${wave.name} cadence` : `${rollout.name} cadence`));
    setProblems(null);
    setLocalProblems([]);
    save.reset();
    onEditingChange?.(true);
  }

  function stopEditing() {
    setDraft(null);
    setProblems(null);
    setLocalProblems([]);
    save.reset();
    onEditingChange?.(false);
  }

  function applyRule(rule: RuleDraft) {
    if (!draft) return;
    returnFocusTo.current = rule.id;
    const exists = draft.rules.some((candidate) => candidate.key === rule.key);
    setDraft({
      ...draft,
      rules: exists
        ? draft.rules.map((candidate) => (candidate.key === rule.key ? rule : candidate))
        : [...draft.rules, rule],
    });
    // What the server said about the rule was about the rule as it was.
    if (problems?.rules.has(rule.key)) {
      const rules = new Map(problems.rules);
      rules.delete(rule.key);
      setProblems({ ...problems, rules });
    }
    setRuleOpen(null);
  }

  function removeRule(rule: ListedRule) {
    if (!draft) return;
    setDraft({ ...draft, rules: draft.rules.filter((candidate) => candidate.key !== rule.key) });
  }

  function submit() {
    if (!draft) return;
    const result = inputFromDraft(draft, waveId);
    setLocalProblems(result.problems);
    if (!result.input) return;
    const sent = draft.rules;
    save.mutate(result.input, {
      onSuccess: (savedCadence) => {
        notifications.show({
          color: "teal",
          title: "Cadence saved",
          message: `${wave ? wave.name : rollout.name}: ${formatCount(savedCadence.rules.length, "rule", "rules")}. Messages not sent yet follow it from the next planning.`,
        });
        stopEditing();
      },
      onError: (error) => setProblems(cadenceProblems(error, sent)),
    });
  }

  function confirmRemove() {
    remove.mutate(waveId, {
      onSuccess: () => {
        notifications.show({
          color: "teal",
          title: wave ? "The wave follows the rollout's cadence" : "The rollout uses the default",
          message: wave
            ? `${wave.name} has no cadence of its own any more.`
            : "Waves without their own cadence follow Cascade's default for their enrollment mode.",
        });
        setConfirmingRemove(false);
      },
    });
  }

  const ruleProblemCount = problems ? problems.rules.size : 0;
  const editLabel = wave
    ? cadence?.source === "wave"
      ? "Edit cadence"
      : "Give this wave its own cadence"
    : cadence?.source === "rollout"
      ? "Edit cadence"
      : "Give the rollout its own cadence";

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="cadence-title"
      data-testid="cadence-panel"
      data-source={cadence?.source ?? "none"}
      data-editing={editing || undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 18rem" }}>
          <Group gap="xs" wrap="wrap">
            <Title order={2} fz="md" id="cadence-title">
              {wave ? `Cadence of ${wave.name}` : "Cadence of the rollout"}
            </Title>
            {cadence && (
              <Badge
                variant="light"
                color={cadence.source === "default" ? "gray" : "indigo"}
                tt="none"
                miw="max-content"
                data-testid="cadence-source"
              >
                {cadenceSourceText(cadence)}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" data-testid="cadence-source-note">
            <SourceNote
              rollout={rollout}
              wave={wave}
              waves={waves}
              cadence={cadence}
              saved={saved}
            />
          </Text>
        </Stack>
        {canManage && !editing && (
          <Group gap="xs">
            {removable && (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} aria-hidden />}
                onClick={() => setConfirmingRemove(true)}
                data-testid={wave ? "follow-rollout-cadence" : "use-default-cadence"}
              >
                {wave ? "Follow the rollout's cadence" : "Use the default"}
              </Button>
            )}
            <Button
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={startEditing}
              data-testid="edit-cadence"
            >
              {editLabel}
            </Button>
          </Group>
        )}
      </Group>

      {!cadence && !editing ? (
        <Text size="sm" c="dimmed" my="md" data-testid="cadence-none">
          The rollout has no waves to take a default from yet: each wave will follow Cascade's
          default for its enrollment mode, unless the rollout gets its own cadence.
        </Text>
      ) : editing ? (
        <Stack gap="md" mt="md">
          <TextInput
            label="Cadence name"
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            maw={420}
            data-testid="cadence-name"
          />
          <CadenceRuleList
            rules={draft.rules}
            templateNames={templateNames}
            dueOffset={dueOffset}
            actions={{
              onEdit: (rule) => {
                returnFocusTo.current = rule.id;
                setRuleOpen({
                  rule: draft.rules.find((candidate) => candidate.key === rule.key) ?? null,
                });
              },
              onRemove: removeRule,
              problems: problems?.rules ?? new Map<number, RuleProblem[]>(),
            }}
          />
          <div>
            <Button
              variant="light"
              size="sm"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => {
                returnFocusTo.current = null;
                setRuleOpen({ rule: null });
              }}
              disabled={draft.rules.length >= 50}
              data-testid="add-rule"
            >
              Add rule
            </Button>
          </div>
          <div>
            <Title order={3} fz="sm" mb={6}>
              When messages may arrive
            </Title>
            <CadencePolicyFields
              draft={draft.policy}
              onChange={(policy) => setDraft({ ...draft, policy })}
            />
          </div>
          <Text size="xs" c="dimmed" data-testid="cadence-save-note">
            {saveNote}
          </Text>
          {(localProblems.length > 0 || (problems && problems.other.length > 0)) && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} aria-hidden />}
              title="Check the cadence"
              data-testid="cadence-problems"
            >
              {[...localProblems, ...(problems?.other ?? [])].join(" ")}
            </Alert>
          )}
          {ruleProblemCount > 0 && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} aria-hidden />}
              title="The cadence was not saved"
              data-testid="cadence-rule-problems"
              role="alert"
            >
              {formatCount(ruleProblemCount, "rule needs", "rules need")} changing: see the rules
              marked above.
            </Alert>
          )}
          {save.isError && ruleProblemCount === 0 && (problems?.other.length ?? 0) === 0 && (
            <ErrorAlert title="The cadence was not saved" error={save.error} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={stopEditing} data-testid="cancel-cadence">
              Cancel
            </Button>
            <Button onClick={submit} loading={save.isPending} data-testid="save-cadence">
              Save cadence
            </Button>
          </Group>
        </Stack>
      ) : (
        cadence && (
          <Stack gap="sm" mt="md">
            <CadenceRuleList
              rules={cadence.rules}
              templateNames={templateNames}
              dueOffset={dueOffset}
            />
            <Text size="sm" data-testid="cadence-policy">
              {policySentence(cadence.policy)}.
            </Text>
            <Text size="xs" c="dimmed">
              {cadence.name}
              {wave ? ` · ${enrollmentLabels[wave.enrollmentMode]} wave` : ""}. {saveNote}
            </Text>
          </Stack>
        )
      )}

      <Modal
        opened={ruleOpen !== null}
        onClose={() => setRuleOpen(null)}
        // The list re-sorts when a rule's timing changes, so focus goes back by the rule's id
        // once the modal has gone, rather than to whatever element opened it.
        returnFocus={false}
        onExitTransitionEnd={() => {
          const id = returnFocusTo.current;
          returnFocusTo.current = null;
          const target = id
            ? document.querySelector<HTMLElement>(
                `[data-testid="cadence-rule"][data-rule-id="${CSS.escape(id)}"] [data-testid="edit-rule"]`,
              )
            : null;
          (target ?? document.querySelector<HTMLElement>('[data-testid="add-rule"]'))?.focus();
        }}
        title={
          <Text fw={650}>{ruleOpen?.rule ? `Edit “${ruleOpen.rule.name}”` : "Add a rule"}</Text>
        }
        size="lg"
        fullScreen={isPhone}
      >
        {ruleOpen && draft && (
          <CadenceRuleForm
            rule={ruleOpen.rule}
            takenIds={draft.rules
              .filter((candidate) => candidate.key !== ruleOpen.rule?.key)
              .map((candidate) => candidate.id)}
            problems={(ruleOpen.rule && problems?.rules.get(ruleOpen.rule.key)) || []}
            onApply={applyRule}
            onCancel={() => setRuleOpen(null)}
          />
        )}
      </Modal>
      <Modal
        opened={confirmingRemove}
        onClose={() => {
          remove.reset();
          setConfirmingRemove(false);
        }}
        title={
          <Text fw={650}>
            {wave ? `Remove ${wave.name}'s own cadence?` : "Remove the rollout's cadence?"}
          </Text>
        }
        size="md"
      >
        <Stack gap="md" data-testid="remove-cadence-dialog">
          <Text size="sm">
            {wave
              ? `${wave.name} will follow the rollout's cadence again.`
              : "Waves without their own cadence will follow Cascade's default for their enrollment mode."}{" "}
            Its messages not sent yet are replaced at the next planning.
          </Text>
          {remove.isError && (
            <ErrorAlert title="The cadence was not removed" error={remove.error} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmingRemove(false)} data-autofocus>
              Keep it
            </Button>
            <Button
              color="red"
              onClick={confirmRemove}
              loading={remove.isPending}
              data-testid="confirm-remove-cadence"
            >
              {wave ? "Follow the rollout's cadence" : "Use the default"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
