import { Badge, Group, Paper, Skeleton, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { IconUserCheck } from "@tabler/icons-react";
import type { KeyboardEvent } from "react";
import type { StatementSummary } from "../../api/lrs.js";
import { formatDateTime, formatRelative } from "../../components/format.js";
import { VoidedBadge } from "./badges.js";

const columnCount = 6;

/** The actor as people know them: the directory's name when matched, else what the LMS sent. */
export function actorLabel(statement: StatementSummary): string {
  return statement.person?.name || statement.actor.name || statement.actor.identifier;
}

/** The object's name when it has one, else its IRI. */
export function objectLabel(statement: StatementSummary): string {
  return statement.object.name || statement.object.id;
}

/** Score, success and completion, each shown only when the statement says it. */
export function ResultSummary({ result }: { result: StatementSummary["result"] }) {
  if (!result || (result.scaled === null && result.success === null && result.completion === null))
    return (
      <Text size="sm" c="dimmed" span>
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap" data-testid="statement-result">
      {result.scaled !== null && (
        <Text size="sm" fw={600} className="tabular-nums" span>
          {Math.round(result.scaled * 1000) / 10}%
        </Text>
      )}
      {result.success !== null && (
        <Badge size="sm" variant="light" color={result.success ? "teal" : "red"} miw="max-content">
          {result.success ? "Passed" : "Failed"}
        </Badge>
      )}
      {result.success === null && result.completion !== null && (
        <Badge size="sm" variant="light" color={result.completion ? "teal" : "gray"}>
          {result.completion ? "Complete" : "Incomplete"}
        </Badge>
      )}
    </Group>
  );
}

function Stored({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/** Who did it: the person in the directory when matched, else what the LMS sent, flagged. */
function ActorCell({ statement }: { statement: StatementSummary }) {
  const { actor, person } = statement;
  if (person)
    return (
      <Stack gap={0} maw={260}>
        <Group gap={4} wrap="nowrap" title="A person in the directory">
          <IconUserCheck
            size={14}
            aria-label="In the directory:"
            color="var(--mantine-color-teal-6)"
            style={{ flex: "none" }}
          />
          <Text size="sm" fw={600} truncate data-testid="statement-person">
            {person.name}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" truncate data-testid="statement-actor">
          {actor.identifier}
        </Text>
      </Stack>
    );
  return (
    <Stack gap={2} maw={260} align="flex-start">
      <Text size="sm" fw={600} truncate maw="100%" data-testid="statement-actor">
        {actor.name || actor.identifier}
      </Text>
      {actor.name && (
        <Text size="xs" c="dimmed" truncate maw="100%">
          {actor.identifier}
        </Text>
      )}
      <UnmatchedBadge />
    </Stack>
  );
}

function UnmatchedBadge() {
  return (
    <Badge
      size="xs"
      variant="outline"
      color="orange"
      miw="max-content"
      data-testid="statement-unmatched"
    >
      Not in the directory
    </Badge>
  );
}

/** Recent statements on a wide screen; a row opens the statement. */
export function StatementsTable({
  statements,
  loading,
  onOpen,
}: {
  statements: StatementSummary[];
  loading: boolean;
  onOpen: (statement: StatementSummary) => void;
}) {
  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, statement: StatementSummary) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(statement);
    }
  }

  return (
    <Table.ScrollContainer minWidth={980} type="native">
      <Table
        verticalSpacing="sm"
        horizontalSpacing={10}
        aria-label="Statements"
        data-testid="statements-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Stored</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Verb</Table.Th>
            <Table.Th>Object</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Client</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 8 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: columnCount }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} w={cell === 1 ? "80%" : "60%"} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : statements.map((statement) => (
                <Table.Tr
                  key={statement.id}
                  className="row-link"
                  tabIndex={0}
                  aria-label={`${actorLabel(statement)} ${statement.verb.display} ${objectLabel(statement)}: open the statement`}
                  onClick={() => onOpen(statement)}
                  onKeyDown={(event) => handleKeyDown(event, statement)}
                  data-testid="statement-row"
                  data-statement-id={statement.id}
                  style={statement.voided ? { opacity: 0.65 } : undefined}
                >
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      <Stored at={statement.stored} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActorCell statement={statement} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text
                        size="sm"
                        title={statement.verb.id}
                        style={{ whiteSpace: "nowrap" }}
                        data-testid="statement-verb"
                      >
                        {statement.verb.display}
                      </Text>
                      {statement.voided && <VoidedBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0} maw={300}>
                      <Text size="sm" truncate title={objectLabel(statement)}>
                        {objectLabel(statement)}
                      </Text>
                      {statement.object.name && (
                        <Text size="xs" c="dimmed" truncate title={statement.object.id}>
                          {statement.object.id}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <ResultSummary result={statement.result} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={160} data-testid="statement-client">
                      {statement.client}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same statements on a phone: one card each. */
export function StatementCards({
  statements,
  loading,
  onOpen,
}: {
  statements: StatementSummary[];
  loading: boolean;
  onOpen: (statement: StatementSummary) => void;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Statements"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {loading
        ? Array.from({ length: 6 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={96} radius="md" />
            </li>
          ))
        : statements.map((statement) => (
            <li key={statement.id}>
              <UnstyledButton
                onClick={() => onOpen(statement)}
                display="block"
                w="100%"
                data-testid="statement-row"
                data-statement-id={statement.id}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper
                  withBorder
                  radius="md"
                  p="sm"
                  className="row-link"
                  style={statement.voided ? { opacity: 0.65 } : undefined}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Text size="sm" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                      <Text
                        span
                        fw={600}
                        data-testid={statement.person ? "statement-person" : "statement-actor"}
                      >
                        {actorLabel(statement)}
                      </Text>{" "}
                      <Text span data-testid="statement-verb">
                        {statement.verb.display}
                      </Text>{" "}
                      <Text span fw={600}>
                        {objectLabel(statement)}
                      </Text>
                    </Text>
                    {statement.voided && <VoidedBadge />}
                  </Group>
                  {statement.person ? (
                    <Group gap={4} wrap="nowrap" mt={2}>
                      <IconUserCheck
                        size={14}
                        aria-label="In the directory:"
                        color="var(--mantine-color-teal-6)"
                        style={{ flex: "none" }}
                      />
                      <Text size="xs" c="dimmed" truncate>
                        {statement.actor.identifier}
                      </Text>
                    </Group>
                  ) : (
                    <Group gap={6} wrap="nowrap" mt={2}>
                      <UnmatchedBadge />
                      {statement.actor.name && (
                        <Text size="xs" c="dimmed" truncate>
                          {statement.actor.identifier}
                        </Text>
                      )}
                    </Group>
                  )}
                  <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
                    <Text size="xs" c="dimmed" truncate>
                      <Stored at={statement.stored} /> · {statement.client}
                    </Text>
                    <ResultSummary result={statement.result} />
                  </Group>
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
