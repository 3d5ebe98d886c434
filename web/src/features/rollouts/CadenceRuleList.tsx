import { ActionIcon, Badge, Group, Paper, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconAlertCircle, IconPencil, IconTrash } from "@tabler/icons-react";
import type { CadenceRule } from "../../api/communications.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import type { RuleProblem } from "./cadenceDraft.js";
import {
  purposeLabels,
  ruleChannel,
  ruleRecipients,
  ruleSentence,
  ruleTiming,
  rulesInTimeOrder,
} from "./cadenceLabels.js";

/** A rule as listed: a draft's key while editing, else none. */
export type ListedRule = CadenceRule & { key?: number };

export interface RuleListActions {
  onEdit: (rule: ListedRule) => void;
  onRemove: (rule: ListedRule) => void;
  /** Problems the server found, by draft key. */
  problems: Map<number, RuleProblem[]>;
}

function RuleProblems({ problems }: { problems: RuleProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <Stack gap={2} mt={4}>
      {problems.map((problem, index) => (
        <Group key={index} gap={4} wrap="nowrap" align="flex-start">
          <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-hidden />
          <Text size="xs" c="red.7" data-testid="rule-problem">
            {problem.message}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function RuleButtons({ rule, actions }: { rule: ListedRule; actions: RuleListActions }) {
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={`Edit “${rule.name}”`}
        onClick={() => actions.onEdit(rule)}
        data-testid="edit-rule"
      >
        <IconPencil size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={`Remove “${rule.name}”`}
        onClick={() => actions.onRemove(rule)}
        data-testid="remove-rule"
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/**
 * A cadence's rules in the order they go: when, what, to whom and how, one rule a row (a card on
 * a phone). With actions, each rule can be edited or removed and shows what the server said.
 */
export function CadenceRuleList({
  rules,
  templateNames,
  dueOffset,
  actions,
}: {
  rules: ListedRule[];
  templateNames: Map<string, string>;
  /** Days from launch to the due date, for putting due-date rules among launch rules. */
  dueOffset: number;
  actions?: RuleListActions;
}) {
  const isPhone = useIsPhone();
  const ordered = rulesInTimeOrder(rules, dueOffset);
  const problemsOf = (rule: ListedRule) =>
    (rule.key !== undefined ? actions?.problems.get(rule.key) : undefined) ?? [];
  const how = (rule: ListedRule) =>
    `${ruleChannel(rule)} · ${templateNames.get(rule.templateId) ?? rule.templateId} template`;

  if (rules.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="cadence-no-rules">
        No rules: this cadence sends nothing.
      </Text>
    );

  if (isPhone)
    return (
      <Stack
        gap="xs"
        component="ul"
        aria-label="Rules"
        data-testid="cadence-rules"
        style={{ listStyle: "none", margin: 0, padding: 0 }}
      >
        {ordered.map((rule) => {
          const problems = problemsOf(rule);
          return (
            <li
              key={rule.key ?? rule.id}
              data-testid="cadence-rule"
              data-rule-id={rule.id}
              data-invalid={problems.length > 0 || undefined}
              aria-label={ruleSentence(rule, templateNames.get(rule.templateId))}
            >
              <Paper
                withBorder
                radius="md"
                p="sm"
                style={problems.length > 0 ? { borderColor: "var(--mantine-color-red-6)" } : {}}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                      {rule.name}
                    </Text>
                    <Text size="sm" data-testid="rule-when">
                      {ruleTiming(rule)}
                    </Text>
                  </div>
                  {actions && <RuleButtons rule={rule} actions={actions} />}
                </Group>
                <Text size="xs" c="dimmed" data-testid="rule-who">
                  {ruleRecipients(rule)}
                </Text>
                <Text size="xs" c="dimmed" data-testid="rule-how">
                  {how(rule)}
                </Text>
                <RuleProblems problems={problems} />
              </Paper>
            </li>
          );
        })}
      </Stack>
    );

  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table verticalSpacing="sm" aria-label="Rules" data-testid="cadence-rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>How</Table.Th>
            {actions && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((rule) => {
            const problems = problemsOf(rule);
            return (
              <Table.Tr
                key={rule.key ?? rule.id}
                data-testid="cadence-rule"
                data-rule-id={rule.id}
                data-invalid={problems.length > 0 || undefined}
                aria-label={ruleSentence(rule, templateNames.get(rule.templateId))}
                bg={problems.length > 0 ? "var(--mantine-color-red-light)" : undefined}
              >
                <Table.Td maw={240}>
                  <Text size="sm" data-testid="rule-when">
                    {ruleTiming(rule)}
                  </Text>
                </Table.Td>
                <Table.Td maw={280}>
                  <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                    {rule.name}
                  </Text>
                  <Badge size="xs" variant="light" color="gray" tt="none">
                    {purposeLabels[rule.purpose]}
                  </Badge>
                  <RuleProblems problems={problems} />
                </Table.Td>
                <Table.Td maw={240}>
                  <Text size="sm" data-testid="rule-who">
                    {ruleRecipients(rule)}
                  </Text>
                </Table.Td>
                <Table.Td maw={240}>
                  <Text size="sm" data-testid="rule-how">
                    {how(rule)}
                  </Text>
                </Table.Td>
                {actions && (
                  <Table.Td>
                    <RuleButtons rule={rule} actions={actions} />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
