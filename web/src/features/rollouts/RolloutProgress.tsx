import { Group, Progress, Text } from "@mantine/core";
import { formatNumber } from "../../components/format.js";
import type { Progress as ProgressCounts } from "./progress.js";
import { percentOf } from "./progress.js";

/** "12 / 40 completed" with a bar; "Nothing assigned yet" before the first launch. */
export function RolloutProgress({ progress }: { progress: ProgressCounts }) {
  if (progress.assigned === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="rollout-progress">
        Nothing assigned yet
      </Text>
    );
  const percent = percentOf(progress);
  return (
    <div data-testid="rollout-progress">
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm" className="tabular-nums" style={{ whiteSpace: "nowrap" }}>
          {formatNumber(progress.completed)} / {formatNumber(progress.assigned)} completed
        </Text>
        <Text size="xs" c="dimmed" className="tabular-nums">
          {percent}%
        </Text>
      </Group>
      <Progress
        value={percent}
        size="sm"
        mt={4}
        color="teal"
        aria-label={`${percent}% completed`}
      />
    </div>
  );
}
