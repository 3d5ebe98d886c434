import { Button, FileInput, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconEye, IconFileUpload } from "@tabler/icons-react";
import type { ComponentProps, FormEvent } from "react";

/** The hidden input[type=file] inside FileInput; browser tests set files on it. */
const fileInputProps: ComponentProps<"input"> & Record<`data-${string}`, string> = {
  "aria-label": "Completion file",
  "data-testid": "completion-file-input",
};

/** Choose a completion CSV and the LMS it comes from, then preview it. */
export function CompletionImportForm({
  file,
  sourceSystem,
  previewing,
  onFileChange,
  onSourceSystemChange,
  onPreview,
}: {
  file: File | null;
  sourceSystem: string;
  previewing: boolean;
  onFileChange: (file: File | null) => void;
  onSourceSystemChange: (value: string) => void;
  onPreview: () => void;
}) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file && !previewing) onPreview();
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="completion-form-title"
    >
      <form onSubmit={handleSubmit} aria-labelledby="completion-form-title">
        <Stack gap="md">
          <Title order={2} fz="md" id="completion-form-title">
            Upload a completion file
          </Title>
          <FileInput
            label="Completion file"
            description="A CSV exported from another LMS."
            placeholder="Choose a file…"
            accept=".csv,text/csv"
            value={file}
            onChange={onFileChange}
            clearable
            leftSection={<IconFileUpload size={16} aria-hidden />}
            fileInputProps={fileInputProps}
            data-testid="completion-file"
          />
          <TextInput
            label="Source system"
            description="The LMS the file comes from, e.g. Cornerstone. Rows with their own source_system keep it."
            placeholder="Cornerstone"
            maxLength={100}
            value={sourceSystem}
            onChange={(event) => onSourceSystemChange(event.currentTarget.value)}
            data-testid="completion-source-system"
          />
          <Group>
            <Button
              type="submit"
              leftSection={<IconEye size={16} aria-hidden />}
              loading={previewing}
              disabled={!file}
              data-testid="preview-completions"
            >
              Preview import
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
