import { Anchor, Group, Paper, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import type { KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { ProgramVersionSummary } from "../../api/programs.js";
import { formatDate, formatDateTime } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { formatMinutes } from "./format.js";
import { versionPath } from "./paths.js";
import { VersionStatusBadge } from "./VersionStatusBadge.js";

function publishedLine(version: ProgramVersionSummary): string {
  if (!version.publishedAt) return "Not published";
  return `${formatDate(version.publishedAt)}${version.publishedBy ? ` by ${version.publishedBy}` : ""}`;
}

/** A program's versions, newest first: a table, or cards on a phone. Each opens the version. */
export function VersionsTable({ versions }: { versions: ProgramVersionSummary[] }) {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  const open = (version: ProgramVersionSummary) =>
    void navigate(versionPath(version.programId, version.id));

  function handleKeyDown(
    event: KeyboardEvent<HTMLTableRowElement>,
    version: ProgramVersionSummary,
  ) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      open(version);
    }
  }

  if (isPhone)
    return (
      <Stack
        gap="xs"
        component="ul"
        aria-label="Versions"
        data-testid="versions-list"
        style={{ listStyle: "none", margin: 0, padding: 0 }}
      >
        {sorted.map((version) => (
          <li key={version.id}>
            <UnstyledButton
              component={Link}
              to={versionPath(version.programId, version.id)}
              display="block"
              w="100%"
              data-testid="version-row"
              data-version-id={version.id}
              style={{ borderRadius: "var(--mantine-radius-md)" }}
            >
              <Paper withBorder radius="md" p="sm" className="row-link">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} size="sm" c="var(--mantine-primary-color-filled)">
                    Version {version.number}
                  </Text>
                  <VersionStatusBadge status={version.status} />
                </Group>
                <Text size="xs" c="dimmed" mt={4}>
                  {formatMinutes(version.expectedMinutes)} · {publishedLine(version)}
                </Text>
              </Paper>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    );

  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table
        verticalSpacing="sm"
        fz="sm"
        aria-label="Versions"
        data-testid="versions-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th title="Required modules only">Expected duration</Table.Th>
            <Table.Th>Published</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Notes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((version) => (
            <Table.Tr
              key={version.id}
              className="row-link"
              tabIndex={0}
              aria-label={`Version ${version.number}, ${version.status}`}
              onClick={() => open(version)}
              onKeyDown={(event) => handleKeyDown(event, version)}
              data-testid="version-row"
              data-version-id={version.id}
            >
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor
                  component={Link}
                  to={versionPath(version.programId, version.id)}
                  fw={600}
                  size="sm"
                  tabIndex={-1}
                  onClick={(event) => event.stopPropagation()}
                >
                  Version {version.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <VersionStatusBadge status={version.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="version-duration">
                {formatMinutes(version.expectedMinutes)}
              </Table.Td>
              <Table.Td>{publishedLine(version)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <time dateTime={version.createdAt} title={formatDateTime(version.createdAt)}>
                  {formatDate(version.createdAt)}
                </time>
              </Table.Td>
              <Table.Td maw={260}>
                <Text
                  size="sm"
                  truncate
                  title={version.notes || undefined}
                  c={version.notes ? undefined : "dimmed"}
                >
                  {version.notes || "—"}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
