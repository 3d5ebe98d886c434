import {
  Anchor,
  Code,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import type { KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { Audience } from "../../api/audiences.js";
import {
  formatCount,
  formatDateTime,
  formatNumber,
  formatRelative,
} from "../../components/format.js";
import { audiencePath } from "./paths.js";

/** The rule on one line: comments dropped, runs of spaces and line breaks made one space. */
export function ruleOneLine(rule: string): string {
  return rule
    .split("\n")
    .map((line) => line.replace(/#.*$/, ""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

function RuleCode({ rule, maw }: { rule: string; maw: number | string }) {
  const line = ruleOneLine(rule);
  return (
    <Code
      title={rule}
      maw={maw}
      display="block"
      style={{ whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}
      data-testid="audience-rule"
    >
      {line || rule}
    </Code>
  );
}

function Resolved({ at }: { at: string | null }) {
  if (!at)
    return (
      <Text span size="sm" c="dimmed">
        Not yet
      </Text>
    );
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/** Audiences on a desktop: one row each; a row opens the audience. */
export function AudiencesTable({
  audiences,
  loading,
}: {
  audiences: Audience[];
  loading: boolean;
}) {
  const navigate = useNavigate();

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, audience: Audience) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      void navigate(audiencePath(audience.id));
    }
  }

  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table
        verticalSpacing="sm"
        fz="sm"
        aria-label="Audiences"
        data-testid="audiences-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th ta="right">Members</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Last resolved</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 4 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: 4 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} w={cell === 2 ? "90%" : "60%"} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : audiences.map((audience) => (
                <Table.Tr
                  key={audience.id}
                  className="row-link"
                  tabIndex={0}
                  aria-label={`${audience.name}, ${formatCount(audience.memberCount, "member", "members")}`}
                  onClick={() => void navigate(audiencePath(audience.id))}
                  onKeyDown={(event) => handleKeyDown(event, audience)}
                  data-testid="audience-row"
                  data-audience-id={audience.id}
                >
                  <Table.Td maw={280}>
                    <Anchor
                      component={Link}
                      to={audiencePath(audience.id)}
                      fw={600}
                      size="sm"
                      tabIndex={-1}
                      onClick={(event) => event.stopPropagation()}
                      data-testid="audience-name-link"
                    >
                      {audience.name}
                    </Anchor>
                    {audience.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {audience.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums" data-testid="audience-members">
                    {formatNumber(audience.memberCount)}
                  </Table.Td>
                  <Table.Td maw={420}>
                    <RuleCode rule={audience.rule} maw={420} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Resolved at={audience.resolvedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Audiences on a phone: one card each, the whole card a link. */
export function AudienceCards({ audiences, loading }: { audiences: Audience[]; loading: boolean }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Audiences"
      data-testid="audiences-list"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {loading
        ? Array.from({ length: 4 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={96} radius="md" />
            </li>
          ))
        : audiences.map((audience) => (
            <li key={audience.id}>
              <UnstyledButton
                component={Link}
                to={audiencePath(audience.id)}
                display="block"
                w="100%"
                data-testid="audience-row"
                data-audience-id={audience.id}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper withBorder radius="md" p="sm" className="row-link">
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Text fw={600} size="sm" c="var(--mantine-primary-color-filled)" truncate>
                      {audience.name}
                    </Text>
                    <Text
                      size="sm"
                      className="tabular-nums"
                      style={{ whiteSpace: "nowrap" }}
                      data-testid="audience-members"
                    >
                      {formatCount(audience.memberCount, "member", "members")}
                    </Text>
                  </Group>
                  <RuleCode rule={audience.rule} maw="100%" />
                  <Text size="xs" c="dimmed" mt={4}>
                    {audience.resolvedAt ? (
                      <>
                        Resolved <Resolved at={audience.resolvedAt} />
                      </>
                    ) : (
                      "Not resolved yet"
                    )}
                  </Text>
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
