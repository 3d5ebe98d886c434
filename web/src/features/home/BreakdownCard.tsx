import { Anchor, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { Facet } from "../../api/types.js";
import { formatNumber } from "../../components/format.js";

const shownRows = 8;

/** People per value of one attribute, as labelled bars; each label filters the People page. */
export function BreakdownCard({
  title,
  facets,
  filterKey,
  total,
  testId,
}: {
  title: string;
  facets: Facet[];
  filterKey: "region" | "division";
  total: number;
  testId: string;
}) {
  const sorted = [...facets].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const shown = sorted.slice(0, shownRows);
  const rest = sorted.length - shown.length;
  const max = Math.max(1, ...shown.map((facet) => facet.count));
  // Shares are of everyone listed, or of `total` when some people have no value here.
  const whole = Math.max(
    total,
    sorted.reduce((sum, facet) => sum + facet.count, 0),
  );

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid={testId}
      component="section"
      aria-label={title}
    >
      <Title order={2} fz="md" mb="md">
        {title}
      </Title>
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          No people yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {shown.map((facet) => {
            const share = whole > 0 ? Math.round((facet.count / whole) * 100) : 0;
            return (
              <li key={facet.value}>
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
                  <Anchor
                    component={Link}
                    to={`/people?${new URLSearchParams({ [filterKey]: facet.value }).toString()}`}
                    size="sm"
                    truncate
                  >
                    {facet.value}
                  </Anchor>
                  <Text
                    size="sm"
                    c="dimmed"
                    className="tabular-nums"
                    style={{ whiteSpace: "nowrap" }}
                  >
                    {formatNumber(facet.count)} · {share}%
                  </Text>
                </Group>
                <Progress
                  value={(facet.count / max) * 100}
                  size="sm"
                  aria-label={`${facet.value}: ${formatNumber(facet.count)} people`}
                />
              </li>
            );
          })}
        </Stack>
      )}
      {rest > 0 && (
        <Text size="xs" c="dimmed" mt="md">
          and {formatNumber(rest)} more
        </Text>
      )}
    </Paper>
  );
}
