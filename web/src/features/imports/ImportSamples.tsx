import { Anchor, Badge, Paper, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { ImportReport, MoverSample, PersonSummary } from "../../api/types.js";
import { formatNumber } from "../../components/format.js";
import { ChangeLines } from "../directory/PersonHistory.js";
import { personPath } from "../directory/PeopleTable.js";

function ShownOf({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <Text size="xs" c="dimmed" mt="xs">
      Showing {formatNumber(shown)} of {formatNumber(total)}.
    </Text>
  );
}

function PeopleSample({
  people,
  linked,
  label,
}: {
  people: PersonSummary[];
  linked: boolean;
  label: string;
}) {
  if (people.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table fz="sm" verticalSpacing={6} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>External id</Table.Th>
            <Table.Th>Job title</Table.Th>
            <Table.Th>Division</Table.Th>
            <Table.Th>Region</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => (
            <Table.Tr key={person.id} data-testid="sample-row">
              <Table.Td>
                {linked ? (
                  <Anchor component={Link} to={personPath(person.id)} size="sm">
                    {person.name}
                  </Anchor>
                ) : (
                  person.name
                )}
              </Table.Td>
              <Table.Td>{person.id}</Table.Td>
              <Table.Td>{person.jobTitle ?? "—"}</Table.Td>
              <Table.Td>{person.division ?? "—"}</Table.Td>
              <Table.Td>{person.region ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MoverSampleList({ movers, linked }: { movers: MoverSample[]; linked: boolean }) {
  if (movers.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None.
      </Text>
    );
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {movers.map((mover) => (
        <li key={mover.id} data-testid="sample-mover">
          <Text size="sm" fw={600}>
            {linked ? (
              <Anchor component={Link} to={personPath(mover.id)} size="sm" fw={600}>
                {mover.name}
              </Anchor>
            ) : (
              mover.name
            )}{" "}
            <Text span size="xs" c="dimmed">
              {mover.id}
            </Text>
          </Text>
          <ChangeLines changes={mover.changes} />
        </li>
      ))}
    </Stack>
  );
}

/** Examples of each kind of change, so the person can check the import does what they expect. */
export function ImportSamples({ report }: { report: ImportReport }) {
  // After applying, joiners and movers exist and can be opened; in a preview they may not yet.
  const linked = report.status === "applied";
  const { summary, samples } = report;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-samples-title">
      <Title order={3} fz="md" mb="sm" id="import-samples-title">
        Examples
      </Title>
      <Tabs defaultValue="joiners" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="joiners"
            rightSection={
              <Badge size="xs" variant="light" color="teal">
                {formatNumber(summary.joiners)}
              </Badge>
            }
          >
            Joiners
          </Tabs.Tab>
          <Tabs.Tab
            value="movers"
            rightSection={
              <Badge size="xs" variant="light">
                {formatNumber(summary.movers)}
              </Badge>
            }
          >
            Movers
          </Tabs.Tab>
          <Tabs.Tab
            value="leavers"
            rightSection={
              <Badge size="xs" variant="light" color="gray">
                {formatNumber(summary.leavers)}
              </Badge>
            }
          >
            Leavers
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="joiners" pt="sm">
          <PeopleSample people={samples.joiners} linked={linked} label="Example joiners" />
          <ShownOf shown={samples.joiners.length} total={summary.joiners} />
        </Tabs.Panel>
        <Tabs.Panel value="movers" pt="sm">
          <MoverSampleList movers={samples.movers} linked={linked} />
          <ShownOf shown={samples.movers.length} total={summary.movers} />
        </Tabs.Panel>
        <Tabs.Panel value="leavers" pt="sm">
          <PeopleSample people={samples.leavers} linked label="Example leavers" />
          <ShownOf shown={samples.leavers.length} total={summary.leavers} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
