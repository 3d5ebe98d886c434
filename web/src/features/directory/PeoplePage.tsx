import { Button, EmptyState, Group, Loader, Paper, Text } from "@mantine/core";
import { IconUserSearch } from "@tabler/icons-react";
import { useCallback, useEffect, useMemo } from "react";
import type { PeopleSort } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { PeopleList } from "./PeopleList.js";
import { PeopleFilters } from "./PeopleFilters.js";
import { Pager } from "../../components/Pager.js";
import { pageSizes, toPeopleQuery, usePeopleParams } from "./peopleParams.js";
import { PeopleTable } from "./PeopleTable.js";
import { usePeople, usePeopleFacets } from "./queries.js";

export function PeoplePage() {
  usePageTitle("People");
  const { params, update, clear, activeFilterCount } = usePeopleParams();
  const query = useMemo(() => toPeopleQuery(params), [params]);
  const people = usePeople(query);
  const facets = usePeopleFacets();
  const isPhone = useIsPhone();

  const total = people.data?.total;
  const pages = total === undefined ? 1 : Math.max(1, Math.ceil(total / params.pageSize));

  // A page beyond the end (e.g. after a filter shrank the list in another tab) goes to the last one.
  useEffect(() => {
    if (!people.isPlaceholderData && total !== undefined && params.page > pages) {
      update({ page: pages }, { replace: true });
    }
  }, [people.isPlaceholderData, total, pages, params.page, update]);

  const handleSort = useCallback((sort: PeopleSort) => update({ sort }), [update]);

  return (
    <>
      <PageHeader
        title="People"
        description={
          <Group gap="xs">
            <Text size="sm" c="dimmed" data-testid="people-total" aria-live="polite">
              {total === undefined
                ? "Counting people…"
                : people.data?.totalCapped
                  ? `More than ${total.toLocaleString()} people — narrow the filters to count them`
                  : formatCount(total, "person", "people")}
            </Text>
            {people.isFetching && !people.isLoading && <Loader size={12} aria-label="Updating" />}
          </Group>
        }
      />
      <PeopleFilters
        params={params}
        facets={facets.data}
        facetsLoading={facets.isLoading}
        activeFilterCount={activeFilterCount}
        onChange={update}
        onClear={clear}
      />
      {people.isError ? (
        <ErrorAlert
          title="People could not be loaded"
          error={people.error}
          onRetry={() => void people.refetch()}
        />
      ) : people.data && people.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconUserSearch size={28} aria-hidden />}
            variant="light"
            title="No one matches these filters"
            description="Try a shorter search, or remove a filter or two."
            data-testid="people-empty"
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
        <PeopleList
          people={people.data?.items ?? []}
          loading={people.isLoading}
          sort={params.sort}
          onSort={handleSort}
        />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <PeopleTable
            people={people.data?.items ?? []}
            loading={people.isLoading}
            sort={params.sort}
            onSort={handleSort}
          />
        </Paper>
      )}
      {people.data && people.data.total > 0 && (
        <Pager
          page={params.page}
          pageSize={params.pageSize}
          pageSizes={pageSizes}
          testIds={{
            range: "people-range",
            pageSize: "page-size",
            pagination: "people-pagination",
          }}
          total={people.data.total}
          onPage={(page) => {
            update({ page });
            document.getElementById("main")?.scrollTo({ top: 0 });
            window.scrollTo({ top: 0 });
          }}
          onPageSize={(pageSize) => update({ pageSize })}
        />
      )}
    </>
  );
}
