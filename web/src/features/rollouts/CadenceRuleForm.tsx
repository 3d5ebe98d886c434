import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import type {
  CadenceRule,
  Channel,
  MessageCondition,
  MessagePurpose,
  RecipientRole,
  RuleAnchor,
} from "../../api/communications.js";
import type { RuleDraft, RuleProblem } from "./cadenceDraft.js";
import { defaultTemplateId, ruleDraft, ruleIdFor } from "./cadenceDraft.js";
import {
  anchorLabels,
  conditionLabels,
  messageConditions,
  messagePurposes,
  purposeLabels,
  recipientLabels,
  recipientRoles,
  ruleTiming,
} from "./cadenceLabels.js";
import { useMessageTemplates } from "./queries.js";

const anchors: RuleAnchor[] = ["launch", "due", "completed"];
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The fields that show their own problems; others are listed at the top of the form. */
const fieldsShown = [
  "name",
  "purpose",
  "templateId",
  "anchor",
  "days",
  "at",
  "everyDays",
  "to",
  "condition",
  "channel",
  "webhook",
];

const newRule: CadenceRule = {
  id: "",
  name: "",
  purpose: "reminder",
  templateId: defaultTemplateId("reminder"),
  anchor: "launch",
  days: 7,
  at: "09:00",
  everyDays: null,
  to: "learner",
  condition: "not_completed",
  channel: "email",
  webhook: null,
};

function pick<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((option) => option === value);
}

/**
 * One rule of a cadence: what is sent (purpose and template), when (counted from the launch, the
 * due date or completion), to whom, on which condition, and how. Problems the server found in the
 * rule are shown at their fields; the server is the judge of the rules that tie fields together.
 */
export function CadenceRuleForm({
  rule,
  takenIds,
  problems,
  onApply,
  onCancel,
}: {
  /** The rule to change; a new rule when null. */
  rule: RuleDraft | null;
  /** Ids of the cadence's other rules, for giving a new rule a unique one. */
  takenIds: string[];
  problems: RuleProblem[];
  onApply: (rule: RuleDraft) => void;
  onCancel: () => void;
}) {
  const start = rule ?? newRule;
  const [name, setName] = useState(start.name);
  const [purpose, setPurpose] = useState<MessagePurpose>(start.purpose);
  const [templateId, setTemplateId] = useState<string | null>(start.templateId);
  const [anchor, setAnchor] = useState<RuleAnchor>(start.anchor);
  const [days, setDays] = useState<number | string>(Math.abs(start.days));
  const [before, setBefore] = useState(start.days < 0);
  const [at, setAt] = useState(start.at);
  const [repeat, setRepeat] = useState(start.everyDays !== null);
  const [everyDays, setEveryDays] = useState<number | string>(start.everyDays ?? 7);
  const [to, setTo] = useState<RecipientRole>(start.to);
  const [condition, setCondition] = useState<MessageCondition>(start.condition);
  const [channel, setChannel] = useState<Channel>(start.channel);
  const [webhookUrl, setWebhookUrl] = useState(start.webhook?.url ?? "");
  const [flavor, setFlavor] = useState<"slack" | "teams">(start.webhook?.flavor ?? "slack");
  const [submitted, setSubmitted] = useState(false);
  const templates = useMessageTemplates(purpose);

  const templateOptions = (templates.data?.items ?? []).map((template) => ({
    value: template.id,
    label: template.builtIn ? `${template.name} (built in)` : template.name,
  }));
  // While the list loads, the chosen template still shows by its id.
  if (!templates.data && templateId) templateOptions.push({ value: templateId, label: templateId });
  const templateKnown = templateOptions.some((option) => option.value === templateId);

  const signedDays = typeof days === "number" ? (anchor === "due" && before ? -days : days) : NaN;
  const serverProblem = (field: string) =>
    problems
      .filter((problem) => problem.field === field)
      .map((problem) => problem.message)
      .join("; ") || null;

  // What stops the rule being applied; what ties fields together is left to the server.
  const localProblems: Record<string, string | null> = {
    name: name.trim() ? null : "Give the rule a name.",
    templateId: templateId && templateKnown ? null : "Choose a template for this purpose.",
    days:
      typeof days === "number" && Number.isInteger(days) && days >= 0 && days <= 365
        ? null
        : "A whole number of days, 0 to 365.",
    at: timePattern.test(at) ? null : "A time of day, HH:MM.",
    everyDays:
      !repeat ||
      (typeof everyDays === "number" &&
        Number.isInteger(everyDays) &&
        everyDays >= 1 &&
        everyDays <= 90)
        ? null
        : "Repeat every 1 to 90 days.",
  };
  const blocking = Object.values(localProblems).filter(Boolean);
  const fieldError = (field: string) =>
    (submitted ? localProblems[field] : null) ?? serverProblem(field);

  const preview = Number.isInteger(signedDays)
    ? ruleTiming({ anchor, days: signedDays, at, everyDays: repeat ? Number(everyDays) : null })
    : null;
  const unplaced = problems.filter(
    (problem) => !problem.field || !fieldsShown.includes(problem.field),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocking.length > 0 || !templateId) return;
    const applied: CadenceRule = {
      id: rule?.id || ruleIdFor(name, takenIds),
      name: name.trim(),
      purpose,
      templateId,
      anchor,
      days: signedDays,
      at,
      everyDays: repeat ? Number(everyDays) : null,
      to,
      condition,
      channel,
      webhook: channel === "chat" && webhookUrl.trim() ? { url: webhookUrl.trim(), flavor } : null,
    };
    onApply(rule ? { ...applied, key: rule.key } : ruleDraft(applied));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="rule-form">
      <Stack gap="md">
        {unplaced.length > 0 && (
          <Alert color="red" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
            {unplaced.map((problem) => problem.message).join("; ")}
          </Alert>
        )}
        <Divider label="Message" labelPosition="left" />
        <TextInput
          label="Name"
          placeholder="e.g. Second reminder"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldError("name")}
          required
          data-autofocus
          data-testid="rule-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Purpose"
            data={messagePurposes.map((value) => ({ value, label: purposeLabels[value] }))}
            value={purpose}
            onChange={(value) => {
              const next = pick(messagePurposes, value);
              if (!next || next === purpose) return;
              setPurpose(next);
              // Each purpose has its own templates; start from the one Cascade ships.
              setTemplateId(defaultTemplateId(next));
            }}
            allowDeselect={false}
            error={serverProblem("purpose")}
            data-testid="rule-purpose"
          />
          <Select
            label="Template"
            description={`Templates written for ${purposeLabels[purpose].toLowerCase()} messages`}
            data={templateOptions}
            value={templateKnown ? templateId : null}
            onChange={setTemplateId}
            allowDeselect={false}
            placeholder={templates.isLoading ? "Loading templates…" : "Choose a template"}
            error={fieldError("templateId")}
            data-testid="rule-template"
          />
        </SimpleGrid>

        <Divider label="When" labelPosition="left" />
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Select
            label="Counted from"
            data={anchors.map((value) => ({ value, label: anchorLabels[value] }))}
            value={anchor}
            onChange={(value) => {
              const next = pick(anchors, value);
              if (next) setAnchor(next);
            }}
            allowDeselect={false}
            error={serverProblem("anchor")}
            w={170}
            data-testid="rule-anchor"
          />
          <NumberInput
            label="Days"
            value={days}
            onChange={setDays}
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            error={fieldError("days")}
            w={100}
            data-testid="rule-days"
          />
          {anchor === "due" && (
            <Select
              label="Before or after"
              data={[
                { value: "before", label: "before the due date" },
                { value: "after", label: "after the due date" },
              ]}
              value={before ? "before" : "after"}
              onChange={(value) => setBefore(value === "before")}
              allowDeselect={false}
              w={190}
              data-testid="rule-direction"
            />
          )}
          <TextInput
            type="time"
            label="At"
            description="Recipient's local time"
            value={at}
            onChange={(event) => setAt(event.currentTarget.value)}
            error={fieldError("at")}
            w={150}
            data-testid="rule-at"
          />
        </Group>
        {preview && (
          <Text size="sm" c="dimmed" data-testid="rule-timing-preview">
            {preview}.
          </Text>
        )}
        {(to === "manager" || repeat) && (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Checkbox
              label="Repeat (manager digests)"
              checked={repeat}
              onChange={(event) => setRepeat(event.currentTarget.checked)}
              mb={8}
              data-testid="rule-repeat"
            />
            {repeat && (
              <NumberInput
                label="Every … days"
                value={everyDays}
                onChange={setEveryDays}
                min={1}
                max={90}
                allowDecimal={false}
                w={130}
                data-testid="rule-every-days"
              />
            )}
          </Group>
        )}
        {fieldError("everyDays") && (
          <Text size="xs" c="red.7" role="alert">
            {fieldError("everyDays")}
          </Text>
        )}

        <Divider label="Who" labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="To"
            data={recipientRoles.map((value) => ({ value, label: recipientLabels[value] }))}
            value={to}
            onChange={(value) => {
              const next = pick(recipientRoles, value);
              if (!next) return;
              setTo(next);
              // A team channel is reached through chat only.
              if (next === "channel") setChannel("chat");
            }}
            allowDeselect={false}
            error={serverProblem("to")}
            data-testid="rule-to"
          />
          <Select
            label="Only for learners who are"
            description="Checked again just before each message goes"
            data={messageConditions.map((value) => ({ value, label: conditionLabels[value] }))}
            value={condition}
            onChange={(value) => {
              const next = pick(messageConditions, value);
              if (next) setCondition(next);
            }}
            allowDeselect={false}
            error={serverProblem("condition")}
            data-testid="rule-condition"
          />
        </SimpleGrid>

        <Divider label="How" labelPosition="left" />
        <div>
          <Input.Label labelElement="div" mb={4} id="rule-channel-label">
            Channel
          </Input.Label>
          <SegmentedControl
            aria-labelledby="rule-channel-label"
            data={[
              { value: "email", label: "Email" },
              { value: "chat", label: "Chat" },
            ]}
            value={channel}
            onChange={(value) => setChannel(value === "chat" ? "chat" : "email")}
            data-testid="rule-channel"
          />
          {serverProblem("channel") && (
            <Text size="xs" c="red.7" mt={4} role="alert">
              {serverProblem("channel")}
            </Text>
          )}
        </div>
        {channel === "chat" && (
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label="Incoming webhook URL"
              description="Where the team channel receives messages"
              placeholder="https://hooks.slack.com/services/…"
              value={webhookUrl}
              onChange={(event) => setWebhookUrl(event.currentTarget.value)}
              error={serverProblem("webhook")}
              style={{ flex: "1 1 16rem" }}
              data-testid="rule-webhook-url"
            />
            <Select
              label="Kind"
              data={[
                { value: "slack", label: "Slack" },
                { value: "teams", label: "Microsoft Teams" },
              ]}
              value={flavor}
              onChange={(value) => setFlavor(value === "teams" ? "teams" : "slack")}
              allowDeselect={false}
              w={180}
              data-testid="rule-webhook-flavor"
            />
          </Group>
        )}
        {channel === "email" && serverProblem("webhook") && (
          <Text size="xs" c="red.7" role="alert">
            {serverProblem("webhook")}
          </Text>
        )}

        {submitted && blocking.length > 0 && (
          <Text size="sm" c="red.7" data-testid="rule-form-problems">
            {blocking.join(" ")}
          </Text>
        )}
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="xs" c="dimmed">
            Nothing changes until you save the cadence.
          </Text>
          <Group gap="sm" ml="auto">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" data-testid="apply-rule">
              {rule ? "Apply changes" : "Add rule"}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
