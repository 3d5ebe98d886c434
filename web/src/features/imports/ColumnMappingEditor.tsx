import { ActionIcon, Alert, Autocomplete, Button, Group, Select, Stack, Text } from "@mantine/core";
import { IconArrowRight, IconPlus, IconTrash } from "@tabler/icons-react";
import type { MappingRow } from "./mapping.js";
import { cascadeColumnOptions, newMappingRow } from "./mapping.js";

/** Pairs of "column in the file → Cascade column"; empty means the file uses our names. */
export function ColumnMappingEditor({
  rows,
  fileColumns,
  problems,
  onChange,
}: {
  rows: MappingRow[];
  fileColumns: string[];
  problems: string[];
  onChange: (rows: MappingRow[]) => void;
}) {
  function updateRow(id: number, patch: Partial<MappingRow>) {
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  }

  return (
    <Stack gap="xs" data-testid="column-mapping">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No mapping: the file&apos;s columns are read by their names.
        </Text>
      )}
      {rows.map((row, index) => (
        <Group key={row.id} gap="xs" align="flex-end" wrap="wrap" data-testid="mapping-row">
          <Autocomplete
            label={`File column ${index + 1}`}
            placeholder="e.g. Employee ID"
            data={fileColumns}
            value={row.from}
            onChange={(from) => updateRow(row.id, { from })}
            style={{ flex: "1 1 12rem" }}
          />
          <IconArrowRight size={18} aria-hidden style={{ marginBottom: 9, flex: "none" }} />
          <Select
            label={`Cascade column ${index + 1}`}
            placeholder="Choose a column"
            data={cascadeColumnOptions}
            value={row.to}
            onChange={(to) => updateRow(row.id, { to })}
            searchable
            style={{ flex: "1 1 12rem" }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            mb={1}
            aria-label={`Remove mapping ${index + 1}`}
            onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {problems.length > 0 && (
        <Alert color="red" variant="light" p="xs" role="alert">
          <Stack gap={2}>
            {problems.map((problem) => (
              <Text key={problem} size="sm">
                {problem}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <div>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...rows, newMappingRow()])}
        >
          Add column mapping
        </Button>
      </div>
    </Stack>
  );
}
