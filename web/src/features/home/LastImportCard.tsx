import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { Link } from "react-router";
import type { ImportSummary } from "../../api/types.js";
import { formatCount, formatDateTime, formatRelative } from "../../components/format.js";
import { ImportStatusBadge, importModeLabel } from "../imports/ImportStatusBadge.js";

export function LastImportCard({
  lastImport,
  canImport,
}: {
  lastImport: ImportSummary | null;
  canImport: boolean;
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label="Last import"
      data-testid="last-import"
    >
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md">
          Last import
        </Title>
        {canImport && (
          <Button
            component={Link}
            to="/imports"
            size="xs"
            variant="light"
            leftSection={<IconFileImport size={14} aria-hidden />}
          >
            Import people
          </Button>
        )}
      </Group>
      {lastImport ? (
        <Stack gap={6}>
          <Group gap="xs" wrap="wrap">
            {canImport ? (
              <Anchor
                component={Link}
                to={`/imports/${lastImport.id}`}
                fw={600}
                style={{ overflowWrap: "anywhere" }}
              >
                {lastImport.fileName}
              </Anchor>
            ) : (
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {lastImport.fileName}
              </Text>
            )}
            <ImportStatusBadge status={lastImport.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {importModeLabel(lastImport.mode)} ·{" "}
            <time
              dateTime={lastImport.appliedAt ?? lastImport.createdAt}
              title={formatDateTime(lastImport.appliedAt ?? lastImport.createdAt)}
            >
              {formatRelative(lastImport.appliedAt ?? lastImport.createdAt)}
            </time>
          </Text>
          <Text size="sm">
            {[
              formatCount(lastImport.summary.joiners, "joiner", "joiners"),
              formatCount(lastImport.summary.movers, "mover", "movers"),
              formatCount(lastImport.summary.leavers, "leaver", "leavers"),
              lastImport.errorCount > 0
                ? formatCount(lastImport.errorCount, "error", "errors")
                : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No people have been imported yet.
          {canImport && " Upload an HRIS export to fill the directory."}
        </Text>
      )}
    </Paper>
  );
}
