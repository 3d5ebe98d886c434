import { Anchor, Button, EmptyState, Grid, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconArrowLeft, IconUserQuestion } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageHeader } from "../../components/PageHeader.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { PersonMessages } from "../communications/PersonMessages.js";
import { DirectReports } from "./DirectReports.js";
import { ManagerChain } from "./ManagerChain.js";
import { PersonAttributes } from "./PersonAttributes.js";
import { PersonHistory } from "./PersonHistory.js";
import { usePerson } from "./queries.js";

function BackToPeople() {
  return (
    <Anchor component={Link} to="/people" size="sm" w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> People
      </Group>
    </Anchor>
  );
}

export function PersonPage() {
  const { id = "" } = useParams();
  const person = usePerson(id);
  const canReadMessages = useAuth().can("rollouts.read");
  usePageTitle(person.data?.person.name ?? "Person");

  if (person.isError) {
    if (isApiError(person.error) && person.error.status === 404) {
      return (
        <EmptyState
          mt="xl"
          icon={<IconUserQuestion size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Person not found</h1>}
          description={`No one with the id “${id}” is in the part of the directory you can see.`}
          data-testid="person-not-found"
        >
          <EmptyState.Actions>
            <Button component={Link} to="/people" variant="light">
              Back to People
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    }
    return (
      <Stack>
        <BackToPeople />
        <ErrorAlert
          title="This person could not be loaded"
          error={person.error}
          onRetry={() => void person.refetch()}
        />
      </Stack>
    );
  }

  if (!person.data) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading person">
        <Skeleton h={14} w={200} />
        <Skeleton h={32} w={320} />
        <Skeleton h={16} w={240} />
        <Skeleton h={280} radius="md" />
      </Stack>
    );
  }

  const { person: detail, managerChain, directReports, directReportCount } = person.data;
  return (
    <>
      <PageHeader
        above={<BackToPeople />}
        title={<span data-testid="person-name">{detail.name}</span>}
        titleAside={<StatusBadge status={detail.status} />}
        description={
          <Stack gap={6}>
            <Text size="sm" c="dimmed" data-testid="person-title">
              {[detail.jobTitle, detail.department, detail.division].filter(Boolean).join(" · ") ||
                "No job title"}
            </Text>
            {managerChain.length > 0 && (
              <ManagerChain chain={managerChain} personName={detail.name} />
            )}
          </Stack>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <PersonAttributes person={detail} manager={managerChain[0]} />
            <PersonHistory personId={detail.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <DirectReports
              managerId={detail.id}
              reports={directReports}
              count={directReportCount}
            />
            {canReadMessages && <PersonMessages personId={detail.id} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
