import { Code, Group, List, Paper, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";

/** The file format in short; docs/completion-imports.md has the whole of it. */
export function CompletionImportHelp() {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="completion-help-title"
    >
      <Group gap="xs" mb="xs">
        <IconInfoCircle size={18} aria-hidden color="var(--mantine-primary-color-filled)" />
        <Title order={2} fz="md" id="completion-help-title">
          File format
        </Title>
      </Group>
      <List size="sm" spacing={4}>
        <List.Item>
          A <b>CSV</b> file with a header row, one completion a row.
        </List.Item>
        <List.Item>
          <Code>person_id</Code> or <Code>email</Code>, <Code>program</Code> (id or exact name),{" "}
          <Code>completed_on</Code> (YYYY-MM-DD or an ISO 8601 instant).
        </List.Item>
        <List.Item>
          Optional: <Code>module</Code> (id, title or activity IRI; empty for the whole program),{" "}
          <Code>score</Code> (0–100), <Code>source_system</Code>.
        </List.Item>
        <List.Item>
          Completions already imported are skipped as duplicates, so the same export can be sent
          again safely.
        </List.Item>
      </List>
      <Text size="xs" c="dimmed" mt="sm">
        Headers such as “Email”, “Completion Date” or “Source System” are recognised too.
      </Text>
    </Paper>
  );
}
