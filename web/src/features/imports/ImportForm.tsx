import {
  Alert,
  Button,
  Collapse,
  FileInput,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconChevronRight, IconEye, IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import type { ComponentProps, DragEvent, FormEvent } from "react";
import type { ImportMode } from "../../api/types.js";
import { ColumnMappingEditor } from "./ColumnMappingEditor.js";
import type { MappingRow } from "./mapping.js";
import { missingRequiredColumns } from "./mapping.js";
import { useFileColumns } from "./useFileColumns.js";

export const acceptedFileTypes = ".csv,.jsonl,.ndjson,.json";
const acceptedPattern = /\.(csv|jsonl|ndjson|json)$/i;

/** The hidden input[type=file] inside FileInput; browser tests set files on it. */
const fileInputProps: ComponentProps<"input"> & Record<`data-${string}`, string> = {
  "aria-label": "People file",
  "data-testid": "import-file-input",
};

const modeHelp: Record<ImportMode, string> = {
  full: "The file lists everyone. People who are not in it will be marked as leavers.",
  delta: "The file lists only joiners and people whose details changed. No one else is touched.",
};

export function ImportForm({
  file,
  mode,
  mappingRows,
  mapping,
  mappingProblems,
  previewing,
  onFileChange,
  onModeChange,
  onMappingChange,
  onPreview,
}: {
  file: File | null;
  mode: ImportMode;
  mappingRows: MappingRow[];
  mapping: Record<string, string>;
  mappingProblems: string[];
  previewing: boolean;
  onFileChange: (file: File | null) => void;
  onModeChange: (mode: ImportMode) => void;
  onMappingChange: (rows: MappingRow[]) => void;
  onPreview: () => void;
}) {
  const [mappingOpened, { toggle: toggleMapping }] = useDisclosure(mappingRows.length > 0);
  const [dragging, setDragging] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);
  const fileColumns = useFileColumns(file);
  const missing = missingRequiredColumns(fileColumns, mapping);

  function handleDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (!dropped) return;
    if (!acceptedPattern.test(dropped.name)) {
      setDropError(`“${dropped.name}” is not a CSV or JSON lines file.`);
      return;
    }
    setDropError(null);
    onFileChange(dropped);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file && mappingProblems.length === 0 && !previewing) onPreview();
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="import-form-title"
      onDragOver={(event: DragEvent<HTMLElement>) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={handleDrop}
      style={
        dragging
          ? { outline: "2px dashed var(--mantine-primary-color-filled)", outlineOffset: -4 }
          : undefined
      }
    >
      <form onSubmit={handleSubmit} aria-labelledby="import-form-title">
        <Stack gap="md">
          <Title order={2} fz="md" id="import-form-title">
            Upload a people file
          </Title>
          <FileInput
            label="People file"
            description="CSV or JSON lines. You can also drop the file here."
            placeholder="Choose a file…"
            accept={acceptedFileTypes}
            value={file}
            onChange={(next) => {
              setDropError(null);
              onFileChange(next);
            }}
            clearable
            leftSection={<IconFileUpload size={16} aria-hidden />}
            error={dropError}
            fileInputProps={fileInputProps}
            data-testid="import-file"
          />
          {missing.length > 0 && (
            <Alert color="yellow" variant="light" p="xs" data-testid="missing-columns">
              <Text size="sm">
                The file seems to lack {missing.join(", ")}. If these columns have other names, map
                them below.
              </Text>
            </Alert>
          )}
          <div>
            <Input.Label labelElement="div" mb={4} id="import-mode-label">
              What does the file contain?
            </Input.Label>
            <SegmentedControl
              value={mode}
              onChange={(value) => onModeChange(value === "delta" ? "delta" : "full")}
              data={[
                { value: "full", label: "Full export" },
                { value: "delta", label: "Changes only" },
              ]}
              aria-labelledby="import-mode-label"
              data-testid="import-mode"
            />
            <Text size="xs" c="dimmed" mt={6}>
              {modeHelp[mode]}
            </Text>
          </div>
          <div>
            <UnstyledButton
              onClick={toggleMapping}
              aria-expanded={mappingOpened}
              aria-controls="import-mapping"
              style={{ borderRadius: 4 }}
            >
              <Group gap={6}>
                {mappingOpened ? (
                  <IconChevronDown size={16} aria-hidden />
                ) : (
                  <IconChevronRight size={16} aria-hidden />
                )}
                <Text size="sm" fw={500}>
                  Column mapping (optional)
                  {mappingRows.length > 0 ? ` · ${mappingRows.length}` : ""}
                </Text>
              </Group>
            </UnstyledButton>
            <Text size="xs" c="dimmed" ml={22}>
              Only needed when your file names columns differently, e.g. “Employee ID” for
              external_id.
            </Text>
            <Collapse expanded={mappingOpened} id="import-mapping">
              <div style={{ paddingTop: "var(--mantine-spacing-sm)" }}>
                <ColumnMappingEditor
                  rows={mappingRows}
                  fileColumns={fileColumns}
                  problems={mappingProblems}
                  onChange={onMappingChange}
                />
              </div>
            </Collapse>
          </div>
          <Group>
            <Button
              type="submit"
              leftSection={<IconEye size={16} aria-hidden />}
              loading={previewing}
              disabled={!file || mappingProblems.length > 0}
              data-testid="preview-import"
            >
              Preview changes
            </Button>
            <Text size="xs" c="dimmed">
              A preview changes nothing.
            </Text>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
