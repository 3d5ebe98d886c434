import { Group, Loader, Pagination, Paper, Text, Title } from "@mantine/core";
import type { Audience } from "../../api/audiences.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatNumber } from "../../components/format.js";
import { MemberTable } from "./MemberTable.js";
import { useAudienceMembers } from "./queries.js";

export const memberPageSize = 50;

/** An audience's members by name, a page at a time. */
export function AudienceMembers({
  audience,
  page,
  onPage,
}: {
  audience: Audience;
  page: number;
  onPage: (page: number) => void;
}) {
  const members = useAudienceMembers(audience.id, page, memberPageSize);
  // Members the reader may see: fewer than the audience's memberCount for a scoped reader.
  const total = members.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / memberPageSize));
  const items = members.data?.items ?? [];
  const first = (page - 1) * memberPageSize + 1;

  return (
    <Paper
      withBorder
      radius="md"
      component="section"
      aria-labelledby="members-title"
      style={{ overflow: "hidden" }}
    >
      <Group justify="space-between" p="md" pb="xs" gap="xs">
        <Group gap="xs">
          <Title order={2} fz="md" id="members-title">
            Members
          </Title>
          {members.isFetching && !members.isLoading && <Loader size={12} aria-label="Updating" />}
        </Group>
        {items.length > 0 && (
          <Text size="sm" c="dimmed" className="tabular-nums" data-testid="members-range">
            {formatNumber(first)}–{formatNumber(first + items.length - 1)} of {formatNumber(total)}
          </Text>
        )}
      </Group>
      <div style={{ padding: "0 var(--mantine-spacing-md) var(--mantine-spacing-md)" }}>
        {members.isError ? (
          <ErrorAlert
            title="Members could not be loaded"
            error={members.error}
            onRetry={() => void members.refetch()}
          />
        ) : members.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="members-empty">
            {page > 1
              ? "No one on this page."
              : "No one you can see is in this audience right now."}
          </Text>
        ) : (
          <MemberTable
            members={items}
            loading={members.isLoading}
            label={`Members of ${audience.name}`}
            testId="audience-members"
          />
        )}
      </div>
      {pages > 1 && (
        <Group justify="flex-end" p="md" pt={0}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPage}
            size="sm"
            siblings={1}
            getControlProps={(control) => ({
              "aria-label":
                control === "previous"
                  ? "Previous page"
                  : control === "next"
                    ? "Next page"
                    : control === "first"
                      ? "First page"
                      : "Last page",
            })}
            getItemProps={(pageNumber) => ({ "aria-label": `Page ${pageNumber}` })}
            data-testid="members-pagination"
          />
        </Group>
      )}
    </Paper>
  );
}
