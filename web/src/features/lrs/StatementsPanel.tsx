import { Button, EmptyState, Group, Loader, Paper, Text } from "@mantine/core";
import { IconChevronRight, IconChevronsLeft, IconListSearch } from "@tabler/icons-react";
import { useMemo } from "react";
import type { StatementSummary } from "../../api/lrs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { toStatementsQuery, useLrsParams } from "./lrsParams.js";
import { useLrsClients, useStatements } from "./queries.js";
import { StatementDrawer } from "./StatementDrawer.js";
import { StatementFilters } from "./StatementFilters.js";
import { StatementCards, StatementsTable } from "./StatementsTable.js";

/**
 * Statements as they arrive, newest first, filtered through the URL and paged by cursor: "Older"
 * continues below the last statement shown. A statement opens in a drawer.
 */
export function StatementsPanel() {
  const { params, update, clear, activeFilterCount } = useLrsParams();
  const query = useMemo(() => toStatementsQuery(params), [params]);
  const statements = useStatements(query);
  const clients = useLrsClients();
  const isPhone = useIsPhone();

  const open = (statement: StatementSummary) => update({ statement: statement.id });
  const items = statements.data?.items ?? [];
  const nextBefore = statements.data?.nextBefore ?? null;
  const paged = params.before !== null;

  return (
    <section aria-label="Statements">
      <StatementFilters
        params={params}
        clients={clients.data?.items ?? []}
        activeFilterCount={activeFilterCount}
        onChange={update}
        onClear={clear}
      />
      <Group justify="space-between" mb="xs" gap="xs" mih={24}>
        <Text size="sm" c="dimmed" data-testid="statements-range" aria-live="polite">
          {statements.data
            ? `${formatCount(items.length, "statement", "statements")}, ${paged ? "older ones" : "newest first"}`
            : "Loading statements…"}
        </Text>
        {statements.isFetching && !statements.isLoading && (
          <Loader size={12} aria-label="Updating" />
        )}
      </Group>
      {statements.isError ? (
        <ErrorAlert
          title="Statements could not be loaded"
          error={statements.error}
          onRetry={() => void statements.refetch()}
        />
      ) : statements.data && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconListSearch size={28} aria-hidden />}
            variant="light"
            title={
              activeFilterCount > 0 ? "No statement matches these filters" : "No statements yet"
            }
            description={
              activeFilterCount > 0
                ? "Check the e-mail or IRI, or remove a filter or two."
                : "Statements appear here as soon as a connected LMS sends them. See the Clients tab to connect one."
            }
            data-testid="statements-empty"
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
        <StatementCards statements={items} loading={statements.isLoading} onOpen={open} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <StatementsTable statements={items} loading={statements.isLoading} onOpen={open} />
        </Paper>
      )}
      {(paged || nextBefore !== null) && (
        <Group justify="space-between" mt="md" gap="sm">
          <Button
            variant="default"
            leftSection={<IconChevronsLeft size={16} aria-hidden />}
            onClick={() => update({ before: null })}
            disabled={!paged}
            data-testid="statements-newest"
          >
            Newest
          </Button>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={16} aria-hidden />}
            onClick={() => update({ before: nextBefore })}
            disabled={nextBefore === null || statements.isPlaceholderData}
            data-testid="statements-older"
          >
            Older
          </Button>
        </Group>
      )}
      <StatementDrawer statementId={params.statement} onClose={() => update({ statement: null })} />
    </section>
  );
}
