import {
  Divider,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatNumber } from "../../components/format.js";
import { FacetBars } from "./FacetBars.js";
import { MemberTable } from "./MemberTable.js";
import type { useLivePreview } from "./useLivePreview.js";

type LivePreview = ReturnType<typeof useLivePreview>;

/** Who the rule in the editor selects right now: count, spread by division and region, a sample. */
export function RulePreview({ live }: { live: LivePreview }) {
  const { preview, upToDate, mistake, error, fetching, empty } = live;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="rule-preview-title"
      data-testid="rule-preview"
      data-up-to-date={upToDate ? "true" : "false"}
    >
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} fz="md" id="rule-preview-title">
          Who this rule selects
        </Title>
        {fetching && <Loader size={14} aria-label="Updating the preview" />}
      </Group>

      {empty ? (
        <Text size="sm" c="dimmed" data-testid="preview-empty">
          Write a rule to see who it selects. The preview updates as you type.
        </Text>
      ) : error ? (
        <ErrorAlert title="The preview could not be loaded" error={error} onRetry={live.retry} />
      ) : !preview ? (
        mistake ? (
          <Text size="sm" c="dimmed">
            Fix the mistake in the rule to see who it selects.
          </Text>
        ) : (
          <Stack gap="sm" aria-busy="true" aria-label="Loading the preview">
            <Skeleton h={36} w={120} />
            <Skeleton h={12} />
            <Skeleton h={12} />
          </Stack>
        )
      ) : (
        <Stack gap="md" style={{ opacity: mistake ? 0.55 : 1, transition: "opacity 120ms" }}>
          <div aria-live="polite" aria-atomic="true">
            <Group gap="sm" align="center" wrap="nowrap">
              <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
                <IconUsersGroup size={20} />
              </ThemeIcon>
              <div>
                <Text
                  fz={30}
                  fw={700}
                  lh={1.1}
                  className="tabular-nums"
                  data-testid="preview-count"
                >
                  {formatNumber(preview.count)}
                </Text>
                <Text size="sm" c="dimmed">
                  {preview.count === 1 ? "active person matches" : "active people match"} ·{" "}
                  {formatCount(preview.conditions, "condition", "conditions")}
                </Text>
              </div>
            </Group>
            {mistake && (
              <Text size="xs" c="dimmed" mt={6} data-testid="preview-out-of-date">
                Out of date: these numbers are for the rule before the mistake.
              </Text>
            )}
          </div>
          {preview.count > 0 && (
            <>
              <FacetBars
                title="By division"
                facets={preview.byDivision}
                total={preview.count}
                testId="preview-by-division"
              />
              <FacetBars
                title="By region"
                facets={preview.byRegion}
                total={preview.count}
                testId="preview-by-region"
              />
              <Divider />
              <div>
                <Title order={3} fz="sm" mb={4}>
                  A few of them
                </Title>
                <MemberTable
                  members={preview.sample}
                  compact
                  label="A sample of the people the rule selects"
                  testId="preview-sample"
                />
              </div>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
