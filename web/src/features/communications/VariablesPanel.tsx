import { Badge, Group, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import type { MessagePurpose, VariableKind } from "../../api/communications.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { purposeLabels, variableExamples, variableKindLabels } from "./labels.js";
import { usePurposes } from "./queries.js";

const kindColors: Record<VariableKind, string> = {
  text: "gray",
  number: "blue",
  date: "grape",
  link: "teal",
};

/**
 * The variables a purpose's templates may use, with how to write each; when `onInsert` is given,
 * a click puts the example at the cursor of the subject or body last edited.
 */
export function VariablesPanel({
  purpose,
  onInsert,
}: {
  purpose: MessagePurpose | null;
  onInsert: ((text: string) => void) | null;
}) {
  const purposes = usePurposes();
  const variables = purposes.data?.items.find((p) => p.purpose === purpose)?.variables;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="template-variables-title"
      data-testid="template-variables"
    >
      <Title order={2} fz="md" id="template-variables-title">
        Variables
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {purpose
          ? `What a ${purposeLabels[purpose].toLowerCase()} message can say about its recipient. ${onInsert ? "Click one to insert it at the cursor." : ""}`
          : "Choose the purpose: it decides which variables the text can use."}
      </Text>
      {purposes.isError && (
        <ErrorAlert
          title="The variables could not be loaded"
          error={purposes.error}
          onRetry={() => void purposes.refetch()}
        />
      )}
      {purpose && !variables && !purposes.isError && (
        <Stack gap="xs">
          <Skeleton h={14} />
          <Skeleton h={14} />
          <Skeleton h={14} />
        </Stack>
      )}
      {variables && (
        <Stack gap={10} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {variables.map((variable) => (
            <li key={variable.name} data-testid="template-variable" data-name={variable.name}>
              <Group gap={6} wrap="nowrap" mb={2}>
                <Text size="sm" fw={600} ff="monospace">
                  {variable.name}
                </Text>
                <Badge size="xs" variant="light" color={kindColors[variable.kind]}>
                  {variableKindLabels[variable.kind]}
                </Badge>
              </Group>
              <Stack gap={2}>
                {variableExamples(variable.name, variable.kind).map((example) =>
                  onInsert ? (
                    <UnstyledButton
                      key={example}
                      onClick={() => onInsert(example)}
                      // Keep the cursor where it was in the field being written.
                      onMouseDown={(event) => event.preventDefault()}
                      aria-label={`Insert ${example}`}
                      className="row-link"
                      px={6}
                      py={2}
                      style={{
                        borderRadius: "var(--mantine-radius-sm)",
                        fontFamily: "var(--mantine-font-family-monospace)",
                        fontSize: 12,
                        overflowWrap: "anywhere",
                        background: "var(--mantine-color-default-hover)",
                      }}
                      data-testid="insert-variable"
                    >
                      {example}
                    </UnstyledButton>
                  ) : (
                    <Text
                      key={example}
                      ff="monospace"
                      fz={12}
                      px={6}
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {example}
                    </Text>
                  ),
                )}
              </Stack>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
