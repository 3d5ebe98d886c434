import { Anchor, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { AudienceMember } from "../../api/audiences.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { personPath } from "../directory/PeopleTable.js";

function orDash(value: string | null): string {
  return value ?? "—";
}

function whereOf(member: AudienceMember): string {
  return [member.division, member.region, member.country].filter(Boolean).join(" · ") || "—";
}

function PersonLink({ member }: { member: AudienceMember }) {
  return (
    <Anchor component={Link} to={personPath(member.id)} size="sm" fw={600}>
      {member.name}
    </Anchor>
  );
}

/** People on a phone: one small card each. */
function MemberCards({
  members,
  label,
  testId,
}: {
  members: AudienceMember[];
  label: string;
  testId: string;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label={label}
      data-testid={testId}
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {members.map((member) => (
        <li key={member.id} data-testid="member-row" data-person-id={member.id}>
          <Paper withBorder radius="md" p="sm">
            <PersonLink member={member} />
            <Text size="sm" truncate>
              {member.jobTitle ?? "No job title"}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {whereOf(member)}
            </Text>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}

/**
 * People selected by a rule or in an audience: a table, or cards on a phone; `compact` keeps one
 * narrow column everywhere, for a side panel. Names link to the person's page.
 */
export function MemberTable({
  members,
  loading = false,
  compact = false,
  label,
  testId,
}: {
  members: AudienceMember[];
  loading?: boolean;
  compact?: boolean;
  label: string;
  testId: string;
}) {
  const isPhone = useIsPhone();
  if (loading)
    return (
      <Stack gap="xs" aria-hidden>
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} h={compact ? 32 : 20} />
        ))}
      </Stack>
    );
  if (isPhone && !compact) return <MemberCards members={members} label={label} testId={testId} />;

  if (compact)
    return (
      <Table verticalSpacing={6} fz="sm" aria-label={label} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.id} data-testid="member-row" data-person-id={member.id}>
              <Table.Td>
                <PersonLink member={member} />
                <Text size="xs" c="dimmed">
                  {member.jobTitle ?? "No job title"} · {whereOf(member)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table verticalSpacing="sm" fz="sm" aria-label={label} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Job title</Table.Th>
            <Table.Th>Division</Table.Th>
            <Table.Th>Region</Table.Th>
            <Table.Th>Country</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.id} data-testid="member-row" data-person-id={member.id}>
              <Table.Td>
                <PersonLink member={member} />
              </Table.Td>
              <Table.Td>{orDash(member.jobTitle)}</Table.Td>
              <Table.Td>{orDash(member.division)}</Table.Td>
              <Table.Td>{orDash(member.region)}</Table.Td>
              <Table.Td>{orDash(member.country)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
