import { Group, Paper, Text, ThemeIcon } from "@mantine/core";
import type { MantineColor } from "@mantine/core";
import type { ReactNode } from "react";
import { formatNumber } from "./format.js";

/** A labelled number; `testId` goes on the number itself so tests can read it exactly. */
export function StatCard({
  label,
  value,
  icon,
  color = "indigo",
  hint,
  testId,
}: {
  label: string;
  value: number;
  icon?: ReactNode;
  color?: MantineColor;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3}>
            {label}
          </Text>
          <Text fz={28} fw={700} lh={1.2} mt={4} className="tabular-nums" data-testid={testId}>
            {formatNumber(value)}
          </Text>
        </div>
        {icon && (
          <ThemeIcon variant="light" color={color} size="lg" radius="md" aria-hidden>
            {icon}
          </ThemeIcon>
        )}
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mt={6}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}
