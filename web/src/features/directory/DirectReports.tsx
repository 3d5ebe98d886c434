import { Anchor, Button, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { PersonSummary } from "../../api/types.js";
import { formatCount, formatNumber } from "../../components/format.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { personPath } from "./PeopleTable.js";

export function DirectReports({
  managerId,
  reports,
  count,
}: {
  managerId: string;
  reports: PersonSummary[];
  count: number;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="direct-reports-title">
      <Title order={2} fz="md" id="direct-reports-title">
        Direct reports
      </Title>
      <Text size="sm" c="dimmed" mb="sm" data-testid="direct-report-count">
        {formatCount(count, "person", "people")}
      </Text>
      {reports.length > 0 && (
        <Stack
          gap={6}
          component="ul"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
          data-testid="direct-reports"
        >
          {reports.map((report) => (
            <li key={report.id}>
              <Anchor component={Link} to={personPath(report.id)} size="sm" fw={500}>
                {report.name}
              </Anchor>
              <Text size="xs" c="dimmed" component="span">
                {report.jobTitle ? ` · ${report.jobTitle}` : ""}
              </Text>
              {report.status === "leaver" && (
                <>
                  {" "}
                  <StatusBadge status={report.status} />
                </>
              )}
            </li>
          ))}
        </Stack>
      )}
      {count > reports.length && (
        <Text size="xs" c="dimmed" mt="sm">
          Showing the first {formatNumber(reports.length)}.
        </Text>
      )}
      {count > 0 && (
        <Button
          component={Link}
          to={`/people?${new URLSearchParams({ managerId }).toString()}`}
          variant="light"
          size="xs"
          mt="md"
        >
          Open in People
        </Button>
      )}
    </Paper>
  );
}
