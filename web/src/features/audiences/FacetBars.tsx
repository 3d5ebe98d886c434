import { Group, Progress, Stack, Text, Title } from "@mantine/core";
import type { Facet } from "../../api/types.js";
import { formatNumber } from "../../components/format.js";

const shownRows = 6;

/** People per value of one attribute as labelled bars, largest first. */
export function FacetBars({
  title,
  facets,
  total,
  testId,
}: {
  title: string;
  facets: Facet[];
  total: number;
  testId: string;
}) {
  const sorted = [...facets].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const shown = sorted.slice(0, shownRows);
  const rest = sorted.slice(shownRows);
  const max = Math.max(1, ...shown.map((facet) => facet.count));

  return (
    <section aria-label={title} data-testid={testId}>
      <Title order={3} fz="sm" mb="xs">
        {title}
      </Title>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          No one.
        </Text>
      ) : (
        <Stack gap={8} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {shown.map((facet) => {
            const share = total > 0 ? Math.round((facet.count / total) * 100) : 0;
            return (
              <li key={facet.value} data-testid="facet-row" data-value={facet.value}>
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
                  <Text size="sm" truncate title={facet.value}>
                    {facet.value}
                  </Text>
                  <Text
                    size="sm"
                    c="dimmed"
                    className="tabular-nums"
                    style={{ whiteSpace: "nowrap" }}
                    data-testid="facet-count"
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
      {rest.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          and {formatNumber(rest.length)} more (
          {formatNumber(rest.reduce((sum, facet) => sum + facet.count, 0))} people)
        </Text>
      )}
    </section>
  );
}
