import { Anchor, Paper, Skeleton, Stack, Text, ThemeIcon, Timeline, Title } from "@mantine/core";
import { IconArrowsExchange, IconLogout, IconRefresh, IconUserPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { FieldChange, PersonChangeKind } from "../../api/types.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime, formatValue } from "../../components/format.js";
import { fieldLabel } from "./personFields.js";
import { usePersonHistory } from "./queries.js";

const kinds: Record<PersonChangeKind, { title: string; color: string; icon: ReactNode }> = {
  joined: { title: "Joined", color: "teal", icon: <IconUserPlus size={14} aria-hidden /> },
  moved: { title: "Moved", color: "indigo", icon: <IconArrowsExchange size={14} aria-hidden /> },
  left: { title: "Left", color: "gray", icon: <IconLogout size={14} aria-hidden /> },
  rejoined: { title: "Rejoined", color: "grape", icon: <IconRefresh size={14} aria-hidden /> },
};

/** "Division: Risk → Finance" lines, one per changed field. */
export function ChangeLines({ changes }: { changes: Record<string, FieldChange> }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <Stack gap={2} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {entries.map(([field, change]) => (
        <Text
          key={field}
          size="sm"
          component="li"
          style={{ overflowWrap: "anywhere" }}
          data-testid="change-line"
        >
          <Text span fw={600}>
            {fieldLabel(field)}:
          </Text>{" "}
          <Text span c="dimmed">
            {formatValue(change.from)}
          </Text>{" "}
          <span aria-label="changed to">→</span> {formatValue(change.to)}
        </Text>
      ))}
    </Stack>
  );
}

export function PersonHistory({ personId }: { personId: string }) {
  const history = usePersonHistory(personId);
  const canOpenImports = useAuth().can("people.import");

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="history-title">
      <Title order={2} fz="md" mb="md" id="history-title">
        History
      </Title>
      {history.isLoading && (
        <Stack gap="sm">
          <Skeleton h={16} w="40%" />
          <Skeleton h={12} w="70%" />
          <Skeleton h={16} w="35%" />
        </Stack>
      )}
      {history.isError && (
        <ErrorAlert
          title="History could not be loaded"
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      )}
      {history.data && history.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No changes recorded yet.
        </Text>
      )}
      {history.data && history.data.items.length > 0 && (
        <Timeline bulletSize={24} lineWidth={2} active={-1} data-testid="person-history">
          {history.data.items.map((entry, index) => {
            const kind = kinds[entry.change] ?? { title: entry.change, color: "gray", icon: null };
            // Joining lists every initial value; keep it short and show only moves in full.
            const showChanges = entry.change !== "joined";
            return (
              <Timeline.Item
                key={`${entry.at}-${index}`}
                title={kind.title}
                bullet={
                  <ThemeIcon size={24} radius="xl" color={kind.color} variant="filled">
                    {kind.icon}
                  </ThemeIcon>
                }
                data-testid="history-item"
                data-change={entry.change}
              >
                <Text size="xs" c="dimmed" mb={4}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {entry.importId && canOpenImports && (
                    <>
                      {" · "}
                      <Anchor
                        component={Link}
                        to={`/imports/${encodeURIComponent(entry.importId)}`}
                        size="xs"
                      >
                        from import
                      </Anchor>
                    </>
                  )}
                </Text>
                {showChanges && <ChangeLines changes={entry.changes} />}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
