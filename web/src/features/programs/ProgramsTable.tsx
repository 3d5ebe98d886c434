import { Anchor, Group, Paper, Skeleton, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import type { KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { Program, ProgramVersionSummary } from "../../api/programs.js";
import { formatDateTime, formatRelative } from "../../components/format.js";
import { formatMinutes } from "./format.js";
import { programPath } from "./paths.js";
import { VersionStatusBadge } from "./VersionStatusBadge.js";

/** The newest version, and the newest published one (what a rollout would use). */
export function versionsOf(program: Program): {
  latest: ProgramVersionSummary | null;
  published: ProgramVersionSummary | null;
  draft: ProgramVersionSummary | null;
} {
  const sorted = [...program.versions].sort((a, b) => b.number - a.number);
  return {
    latest: sorted[0] ?? null,
    published: sorted.find((v) => v.status === "published") ?? null,
    draft: sorted.find((v) => v.status === "draft") ?? null,
  };
}

function LatestVersion({ program }: { program: Program }) {
  const { latest } = versionsOf(program);
  if (!latest)
    return (
      <Text span size="sm" c="dimmed">
        No versions
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <Text span size="sm" style={{ whiteSpace: "nowrap" }}>
        Version {latest.number}
      </Text>
      <VersionStatusBadge status={latest.status} />
    </Group>
  );
}

/** Expected duration of what would be rolled out: the published version, else the draft. */
function duration(program: Program): string {
  const { latest, published } = versionsOf(program);
  const version = published ?? latest;
  return version ? formatMinutes(version.expectedMinutes) : "—";
}

function Updated({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

export function ProgramsTable({ programs, loading }: { programs: Program[]; loading: boolean }) {
  const navigate = useNavigate();

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, program: Program) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      void navigate(programPath(program.id));
    }
  }

  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table
        verticalSpacing="sm"
        fz="sm"
        aria-label="Programs"
        data-testid="programs-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Latest version</Table.Th>
            <Table.Th title="Required modules of the published version">Expected duration</Table.Th>
            <Table.Th ta="right">Versions</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 4 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: 5 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} w="60%" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : programs.map((program) => (
                <Table.Tr
                  key={program.id}
                  className="row-link"
                  tabIndex={0}
                  aria-label={program.name}
                  onClick={() => void navigate(programPath(program.id))}
                  onKeyDown={(event) => handleKeyDown(event, program)}
                  data-testid="program-row"
                  data-program-id={program.id}
                >
                  <Table.Td maw={340}>
                    <Anchor
                      component={Link}
                      to={programPath(program.id)}
                      fw={600}
                      size="sm"
                      tabIndex={-1}
                      onClick={(event) => event.stopPropagation()}
                    >
                      {program.name}
                    </Anchor>
                    {program.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {program.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <LatestVersion program={program} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{duration(program)}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {program.versions.length}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Updated at={program.updatedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ProgramCards({ programs, loading }: { programs: Program[]; loading: boolean }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Programs"
      data-testid="programs-list"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {loading
        ? Array.from({ length: 4 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={88} radius="md" />
            </li>
          ))
        : programs.map((program) => (
            <li key={program.id}>
              <UnstyledButton
                component={Link}
                to={programPath(program.id)}
                display="block"
                w="100%"
                data-testid="program-row"
                data-program-id={program.id}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper withBorder radius="md" p="sm" className="row-link">
                  <Text fw={600} size="sm" c="var(--mantine-primary-color-filled)" truncate>
                    {program.name}
                  </Text>
                  <Group gap="xs" mt={4} justify="space-between" wrap="nowrap">
                    <LatestVersion program={program} />
                    <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                      {duration(program)}
                    </Text>
                  </Group>
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
