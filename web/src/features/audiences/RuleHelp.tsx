import {
  Anchor,
  Badge,
  Box,
  Code,
  Collapse,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { IconHelp } from "@tabler/icons-react";
import type { RuleField } from "../../api/audiences.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useRuleFields } from "./queries.js";

interface OperatorHelp {
  operator: string;
  meaning: string;
  examples: string[];
}

/** The operators of the rule language (docs/audience-rules.md), each with examples to insert. */
const operators: OperatorHelp[] = [
  {
    operator: "=",
    meaning: "is exactly the value (case matters)",
    examples: ['division = "Technology"'],
  },
  {
    operator: "!=",
    meaning: "is set and is not the value",
    examples: ['employment_type != "contractor"'],
  },
  {
    operator: "< <= > >=",
    meaning: "comes before or after; write a number to compare grades as numbers",
    examples: ["hire_date >= 2025-01-01", "grade >= 7"],
  },
  {
    operator: "in (…)",
    meaning: "is one of the values",
    examples: ['region in ("Europe", "Asia Pacific")'],
  },
  {
    operator: "not in (…)",
    meaning: "is set and is none of the values",
    examples: ['country not in ("US", "CA")'],
  },
  {
    operator: "contains",
    meaning: "contains the text, in any case (also starts with, ends with)",
    examples: ['job_title contains "manager"', 'email ends with "@example.com"'],
  },
  {
    operator: "is empty",
    meaning: "has no value (is not empty: has one)",
    examples: ["location is empty"],
  },
  {
    operator: "has",
    meaning: "tags only: includes the tag (has any, has all take a list)",
    examples: ['tags has "frontline"', 'tags has any ("frontline", "regulated")'],
  },
  {
    operator: "today",
    meaning: "a date that moves: d days, w weeks, m months, y years",
    examples: ["hire_date > today - 90d"],
  },
  {
    operator: "reports_to(…)",
    meaning: "everyone below a manager, by their id (reports_directly_to: direct reports only)",
    examples: ['reports_to("E1234")'],
  },
  {
    operator: "and or not ( )",
    meaning: "combine conditions; not binds tightest, then and, then or",
    examples: [
      'not tags has "contractor"',
      '(division = "Technology" or division = "Marketing") and region = "Europe"',
    ],
  },
];

function Example({ example, onInsert }: { example: string; onInsert: (example: string) => void }) {
  return (
    <UnstyledButton
      onClick={() => onInsert(example)}
      aria-label={`Insert ${example}`}
      title="Insert into the rule"
      data-testid="rule-example"
      className="row-link"
      px={6}
      py={2}
      style={{
        borderRadius: "var(--mantine-radius-sm)",
        border: "1px solid var(--mantine-color-default-border)",
        fontFamily: "var(--mantine-font-family-monospace)",
        fontSize: "var(--mantine-font-size-xs)",
        overflowWrap: "anywhere",
        textAlign: "start",
      }}
    >
      {example}
    </UnstyledButton>
  );
}

const typeColors: Record<string, string> = {
  text: "indigo",
  date: "teal",
  tags: "grape",
  attribute: "orange",
};

function FieldsTable({ fields }: { fields: RuleField[] }) {
  return (
    <Table.ScrollContainer minWidth={420} type="native">
      <Table fz="sm" verticalSpacing={4} aria-label="Rule fields" data-testid="rule-fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>What it holds</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => (
            <Table.Tr key={field.name}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Code>{field.name}</Code>
              </Table.Td>
              <Table.Td>
                <Badge
                  size="xs"
                  variant="light"
                  color={typeColors[field.type] ?? "gray"}
                  miw="max-content"
                >
                  {field.type}
                </Badge>
              </Table.Td>
              <Table.Td>{field.description}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The rule language at a glance: operators with examples to insert, and every field. */
export function RuleHelp({ onInsert }: { onInsert: (example: string) => void }) {
  const [opened, setOpened] = useLocalStorage({
    key: "cascade.audiences.ruleHelp",
    defaultValue: false,
  });
  const fields = useRuleFields();

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="rule-help-title">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconHelp size={16} aria-hidden color="var(--mantine-primary-color-filled)" />
          <Title order={3} fz="sm" id="rule-help-title">
            Fields and operators
          </Title>
        </Group>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setOpened(!opened)}
          aria-expanded={opened}
          aria-controls="rule-help-body"
          data-testid="rule-help-toggle"
        >
          {opened ? "Hide" : "Show"}
        </Anchor>
      </Group>
      <Collapse expanded={opened} id="rule-help-body">
        <Stack gap="md" mt="sm">
          <Text size="sm" c="dimmed">
            Click an example to add it to the rule (it replaces selected text). Text goes in quotes,
            dates are written 2026-01-31, and <Code>#</Code> starts a comment.
          </Text>
          <Stack
            gap="xs"
            component="ul"
            aria-label="Operators"
            style={{ listStyle: "none", margin: 0, padding: 0 }}
          >
            {operators.map((item) => (
              <Group key={item.operator} component="li" gap="xs" align="flex-start" wrap="wrap">
                <Box miw={120}>
                  <Code fw={600}>{item.operator}</Code>
                </Box>
                <Box style={{ flex: "1 1 14rem", minWidth: 0 }}>
                  <Text size="sm">{item.meaning}</Text>
                  <Group gap={6} mt={4}>
                    {item.examples.map((example) => (
                      <Example key={example} example={example} onInsert={onInsert} />
                    ))}
                  </Group>
                </Box>
              </Group>
            ))}
          </Stack>
          {fields.isError ? (
            <ErrorAlert
              title="The fields could not be loaded"
              error={fields.error}
              onRetry={() => void fields.refetch()}
            />
          ) : fields.data ? (
            <FieldsTable fields={fields.data.items} />
          ) : (
            <Stack gap={6} aria-hidden>
              <Skeleton h={12} />
              <Skeleton h={12} />
              <Skeleton h={12} />
            </Stack>
          )}
        </Stack>
      </Collapse>
    </Paper>
  );
}
