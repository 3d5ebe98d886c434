import { Button, EmptyState, Group, Loader, Paper, Text, Title } from "@mantine/core";
import { IconUserSearch } from "@tabler/icons-react";
import { useEffect, useMemo } from "react";
import type { Assignment } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePeopleFacets } from "../directory/queries.js";
import { AssignmentDrawer } from "./AssignmentDrawer.js";
import { AssignmentFilters } from "./AssignmentFilters.js";
import {
  assignmentPageSizes,
  toAssignmentsQuery,
  useAssignmentParams,
} from "./assignmentParams.js";
import { Pager } from "../../components/Pager.js";
import { AssignmentsList, AssignmentsTable } from "./AssignmentsTable.js";
import { useAssignments } from "./queries.js";

/**
 * A wave's assignments, filtered and paged through the URL, each opening its history. A wave that
 * was never launched has none, so it shows no filters.
 */
export function AssignmentsSection({ waveId, planned }: { waveId: string; planned: boolean }) {
  const { params, update, clear, activeFilterCount } = useAssignmentParams();
  const query = useMemo(() => toAssignmentsQuery(waveId, params), [waveId, params]);
  const assignments = useAssignments(query);
  const facets = usePeopleFacets();
  const isPhone = useIsPhone();

  const total = assignments.data?.total;
  const pages = total === undefined ? 1 : Math.max(1, Math.ceil(total / params.pageSize));
  useEffect(() => {
    if (!assignments.isPlaceholderData && total !== undefined && params.page > pages) {
      update({ page: pages }, { replace: true });
    }
  }, [assignments.isPlaceholderData, total, pages, params.page, update]);

  const open = (assignment: Assignment) => update({ assignment: assignment.id });
  const items = assignments.data?.items ?? [];

  return (
    <section
      aria-labelledby="assignments-title"
      style={{ marginBottom: "var(--mantine-spacing-lg)" }}
    >
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title order={2} fz="lg" id="assignments-title">
          Assignments
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="assignments-total" aria-live="polite">
            {total === undefined
              ? "Counting assignments…"
              : formatCount(total, "assignment", "assignments")}
          </Text>
          {assignments.isFetching && !assignments.isLoading && (
            <Loader size={12} aria-label="Updating" />
          )}
        </Group>
      </Group>
      {(!planned || activeFilterCount > 0) && (
        <AssignmentFilters
          params={params}
          regions={(facets.data?.region ?? []).map((facet) => facet.value)}
          divisions={(facets.data?.division ?? []).map((facet) => facet.value)}
          activeFilterCount={activeFilterCount}
          onChange={update}
          onClear={clear}
        />
      )}
      {assignments.isError ? (
        <ErrorAlert
          title="Assignments could not be loaded"
          error={assignments.error}
          onRetry={() => void assignments.refetch()}
        />
      ) : assignments.data && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconUserSearch size={28} aria-hidden />}
            variant="light"
            title={
              activeFilterCount > 0 ? "No assignment matches these filters" : "No assignments yet"
            }
            description={
              activeFilterCount > 0
                ? "Try a shorter search, or remove a filter or two."
                : "Assignments appear here once the wave is launched."
            }
            data-testid="assignments-empty"
          >
            {activeFilterCount > 0 && (
              <EmptyState.Actions>
                <Button variant="light" onClick={clear}>
                  Clear filters
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <AssignmentsList assignments={items} loading={assignments.isLoading} onOpen={open} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <AssignmentsTable assignments={items} loading={assignments.isLoading} onOpen={open} />
        </Paper>
      )}
      {assignments.data && assignments.data.total > 0 && (
        <Pager
          page={params.page}
          pageSize={params.pageSize}
          pageSizes={assignmentPageSizes}
          testIds={{
            range: "assignments-range",
            pageSize: "assignments-page-size",
            pagination: "assignments-pagination",
          }}
          total={assignments.data.total}
          onPage={(page) => update({ page })}
          onPageSize={(pageSize) => update({ pageSize })}
        />
      )}
      <AssignmentDrawer
        assignmentId={params.assignment}
        onClose={() => update({ assignment: null })}
      />
    </section>
  );
}
