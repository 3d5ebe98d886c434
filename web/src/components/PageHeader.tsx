import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** The top of every page: one <h1>, an optional line under it and actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
  above,
  titleAside,
}: {
  title: ReactNode;
  /** Shown beside the heading but outside it, e.g. a status badge. */
  titleAside?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
}) {
  return (
    <Stack gap={6} mb="lg">
      {above}
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 16rem" }}>
          <Group gap="sm" wrap="wrap" align="center">
            <Title order={1} fz={{ base: "h3", sm: "h2" }} style={{ overflowWrap: "anywhere" }}>
              {title}
            </Title>
            {titleAside}
          </Group>
          {description && (
            <Text c="dimmed" size="sm" component="div">
              {description}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
