import { Grid, Paper, SimpleGrid, Skeleton, Text, Title } from "@mantine/core";
import {
  IconBuildingSkyscraper,
  IconMap2,
  IconUserMinus,
  IconUsers,
  IconWorld,
} from "@tabler/icons-react";
import type { User } from "../../api/types.js";
import { useAuth, useCurrentUser } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageHeader } from "../../components/PageHeader.js";
import { StatCard } from "../../components/StatCard.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { useDirectorySummary } from "../directory/queries.js";
import { BreakdownCard } from "./BreakdownCard.js";
import { firstName, greetingFor } from "./greeting.js";
import { LastImportCard } from "./LastImportCard.js";

function scopeDescription(user: User): string {
  const parts = [...user.scope.regions, ...user.scope.divisions];
  if (parts.length === 0) return "Here is your organisation at a glance.";
  return `Here is your part of the organisation at a glance: ${parts.join(", ")}.`;
}

export function OverviewPage() {
  usePageTitle("Overview");
  const user = useCurrentUser();
  const { can } = useAuth();
  const canRead = can("people.read");

  return (
    <>
      <PageHeader
        title={`${greetingFor()}, ${firstName(user.name)}`}
        description={canRead ? scopeDescription(user) : "Welcome to Cascade."}
      />
      {canRead ? (
        <DirectoryOverview canImport={can("people.import")} />
      ) : (
        <Paper withBorder p="lg" radius="md">
          <Title order={2} fz="md" mb={4}>
            Your training
          </Title>
          <Text c="dimmed" size="sm">
            Your assignments, sessions and reminders will appear here as rollouts reach you.
          </Text>
        </Paper>
      )}
    </>
  );
}

function DirectoryOverview({ canImport }: { canImport: boolean }) {
  const summary = useDirectorySummary();

  if (summary.isError) {
    return (
      <ErrorAlert
        title="The overview could not be loaded"
        error={summary.error}
        onRetry={() => void summary.refetch()}
      />
    );
  }

  const data = summary.data;
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" mb="lg">
        {data ? (
          <>
            <StatCard
              label="Active people"
              value={data.active}
              icon={<IconUsers size={18} />}
              testId="stat-active"
            />
            <StatCard
              label="Leavers"
              value={data.leavers}
              icon={<IconUserMinus size={18} />}
              color="gray"
              testId="stat-leavers"
            />
            <StatCard
              label="Divisions"
              value={data.divisions}
              icon={<IconBuildingSkyscraper size={18} />}
              color="grape"
              testId="stat-divisions"
            />
            <StatCard
              label="Regions"
              value={data.regions}
              icon={<IconMap2 size={18} />}
              color="teal"
              testId="stat-regions"
            />
            <StatCard
              label="Countries"
              value={data.countries}
              icon={<IconWorld size={18} />}
              color="orange"
              testId="stat-countries"
            />
          </>
        ) : (
          Array.from({ length: 5 }, (_, index) => <Skeleton key={index} h={92} radius="md" />)
        )}
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
          {data ? (
            <BreakdownCard
              title="People by region"
              facets={data.byRegion}
              filterKey="region"
              total={data.active}
              testId="by-region"
            />
          ) : (
            <Skeleton h={320} radius="md" />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
          {data ? (
            <BreakdownCard
              title="People by division"
              facets={data.byDivision}
              filterKey="division"
              total={data.active}
              testId="by-division"
            />
          ) : (
            <Skeleton h={320} radius="md" />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {data ? (
            <LastImportCard lastImport={data.lastImport} canImport={canImport} />
          ) : (
            <Skeleton h={160} radius="md" />
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
