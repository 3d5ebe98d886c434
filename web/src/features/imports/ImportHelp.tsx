import {
  Anchor,
  Button,
  Code,
  Collapse,
  Group,
  List,
  Paper,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDownload, IconInfoCircle } from "@tabler/icons-react";
import { personColumns } from "../directory/personFields.js";
import { downloadTemplate } from "./template.js";

const formats: Record<string, string> = {
  external_id: "The person's id in your HRIS; never reused.",
  email: "Work email address.",
  manager_id: "The external_id of their manager.",
  time_zone: "IANA zone, e.g. Europe/Paris or America/New_York.",
  locale: "Language tag, e.g. fr-FR.",
  hire_date: "YYYY-MM-DD.",
  status: "active or leaver (active if empty).",
  tags: "Separated by ; or |, e.g. regulated;frontline.",
};

/** A short explanation of the file format, with the full column reference one click away. */
export function ImportHelp() {
  const [opened, { toggle }] = useDisclosure(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-help-title">
      <Group gap="xs" mb="xs">
        <IconInfoCircle size={18} aria-hidden color="var(--mantine-primary-color-filled)" />
        <Title order={2} fz="md" id="import-help-title">
          File format
        </Title>
      </Group>
      <List size="sm" spacing={4}>
        <List.Item>
          A <b>CSV</b> file with a header row, or <b>JSON lines</b> (one JSON object per line).
        </List.Item>
        <List.Item>
          Required columns: <Code>external_id</Code>, <Code>name</Code>, <Code>email</Code>,{" "}
          <Code>time_zone</Code>. Any other column you don&apos;t map is kept as a custom attribute.
        </List.Item>
        <List.Item>
          Tags are separated by <Code>;</Code> or <Code>|</Code>.
        </List.Item>
        <List.Item>
          <b>Full export</b> lists everyone: people missing from the file become leavers.{" "}
          <b>Changes only</b> lists joiners and changed people; no one else is touched.
        </List.Item>
      </List>
      <Group gap="md" mt="sm">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={toggle}
          aria-expanded={opened}
          aria-controls="import-help-columns"
        >
          {opened ? "Hide the column reference" : "Read the full column reference"}
        </Anchor>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconDownload size={14} aria-hidden />}
          onClick={downloadTemplate}
        >
          Download a CSV template
        </Button>
      </Group>
      <Collapse expanded={opened} id="import-help-columns">
        <Table.ScrollContainer minWidth={480} type="native" mt="sm">
          <Table fz="sm" verticalSpacing={4} aria-label="Cascade columns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Column</Table.Th>
                <Table.Th>Meaning</Table.Th>
                <Table.Th>Required</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {personColumns.map((field) => (
                <Table.Tr key={field.column}>
                  <Table.Td>
                    <Code>{field.column}</Code>
                  </Table.Td>
                  <Table.Td>
                    {field.label}
                    {formats[field.column] && (
                      <Text span c="dimmed" size="sm">
                        {" "}
                        — {formats[field.column]}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{field.required ? "Yes" : "No"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Paper>
  );
}
