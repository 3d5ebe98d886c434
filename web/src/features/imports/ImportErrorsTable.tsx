import { Code, Paper, ScrollArea, Table, Text, Title } from "@mantine/core";
import type { ImportRowError } from "../../api/types.js";
import { formatCount, formatNumber } from "../../components/format.js";

/** The rows the server rejected: where (line, column), why, and the value it read. */
export function ImportErrorsTable({
  errors,
  errorCount,
  fixHint = "Fix them in your HRIS export, or skip them when applying.",
}: {
  errors: ImportRowError[];
  errorCount: number;
  /** What to do about the errors, after the count. */
  fixHint?: string;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      component="section"
      aria-labelledby="import-errors-title"
      style={{ overflow: "hidden" }}
    >
      <div
        style={{
          padding: "var(--mantine-spacing-md) var(--mantine-spacing-md) var(--mantine-spacing-xs)",
        }}
      >
        <Title order={3} fz="md" id="import-errors-title">
          Errors
        </Title>
        <Text size="sm" c="dimmed">
          {formatCount(errorCount, "row has a problem", "rows have problems")}
          {errorCount > errors.length &&
            ` — showing the first ${formatNumber(errors.length)}`}. {fixHint}
        </Text>
      </div>
      <ScrollArea.Autosize mah={360} type="auto">
        <Table.ScrollContainer minWidth={560} type="native">
          <Table
            stickyHeader
            verticalSpacing={6}
            fz="sm"
            striped
            aria-label="Import errors"
            data-testid="import-errors"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Line</Table.Th>
                <Table.Th w={140}>Column</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th w={200}>Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((error, index) => (
                <Table.Tr
                  key={`${error.line}-${error.column ?? ""}-${index}`}
                  data-testid="import-error-row"
                >
                  <Table.Td className="tabular-nums">{formatNumber(error.line)}</Table.Td>
                  <Table.Td>{error.column ? <Code>{error.column}</Code> : "—"}</Table.Td>
                  <Table.Td>{error.message}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>
                    {error.value === null ? (
                      "—"
                    ) : error.value === "" ? (
                      <Text span c="dimmed">
                        (empty)
                      </Text>
                    ) : (
                      error.value
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ScrollArea.Autosize>
    </Paper>
  );
}
