import { Anchor, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { PersonDetail, PersonSummary } from "../../api/types.js";
import { formatDate, formatDateTime } from "../../components/format.js";
import { TagList } from "../../components/TagList.js";
import { LocalTime } from "./LocalTime.js";
import { personPath } from "./PeopleTable.js";

function Attribute({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

function text(value: string | null): ReactNode {
  return (
    value ?? (
      <Text span c="dimmed">
        —
      </Text>
    )
  );
}

export function PersonAttributes({
  person,
  manager,
}: {
  person: PersonDetail;
  manager: PersonSummary | undefined;
}) {
  const custom = Object.entries(person.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="person-details-title">
      <Title order={2} fz="md" mb="md" id="person-details-title">
        Details
      </Title>
      <SimpleGrid component="dl" cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="md" m={0}>
        <Attribute label="External id">{person.id}</Attribute>
        <Attribute label="Email">
          {person.email ? (
            <Anchor href={`mailto:${person.email}`} size="sm">
              {person.email}
            </Anchor>
          ) : (
            text(null)
          )}
        </Attribute>
        <Attribute label="Manager">
          {manager ? (
            <Anchor component={Link} to={personPath(manager.id)} size="sm">
              {manager.name}
            </Anchor>
          ) : (
            text(person.managerId)
          )}
        </Attribute>
        <Attribute label="Job title">{text(person.jobTitle)}</Attribute>
        <Attribute label="Job family">{text(person.jobFamily)}</Attribute>
        <Attribute label="Grade">{text(person.grade)}</Attribute>
        <Attribute label="Employment type">{text(person.employmentType)}</Attribute>
        <Attribute label="Division">{text(person.division)}</Attribute>
        <Attribute label="Department">{text(person.department)}</Attribute>
        <Attribute label="Region">{text(person.region)}</Attribute>
        <Attribute label="Country">{text(person.country)}</Attribute>
        <Attribute label="Location">{text(person.location)}</Attribute>
        <Attribute label="Time zone">{person.timeZone}</Attribute>
        <Attribute label="Local time now" testId="attribute-local-time">
          <LocalTime timeZone={person.timeZone} />
        </Attribute>
        <Attribute label="Locale">{text(person.locale)}</Attribute>
        <Attribute label="Hire date">{formatDate(person.hireDate)}</Attribute>
        {person.status === "leaver" && (
          <Attribute label="Left on">{formatDate(person.leftAt)}</Attribute>
        )}
        <Attribute label="Tags">
          {person.tags.length > 0 ? <TagList tags={person.tags} /> : text(null)}
        </Attribute>
      </SimpleGrid>

      {custom.length > 0 && (
        <>
          <Title order={3} fz="sm" mt="xl" mb="sm">
            Custom attributes
          </Title>
          <SimpleGrid
            component="dl"
            cols={{ base: 2, md: 3 }}
            spacing="md"
            m={0}
            data-testid="custom-attributes"
          >
            {custom.map(([key, value]) => (
              <Attribute key={key} label={key}>
                {text(value || null)}
              </Attribute>
            ))}
          </SimpleGrid>
        </>
      )}
      <Text size="xs" c="dimmed" mt="lg">
        In the directory since {formatDateTime(person.createdAt)} · last changed{" "}
        {formatDateTime(person.updatedAt)}
      </Text>
    </Paper>
  );
}
