import {
  Badge,
  Button,
  Code,
  EmptyState,
  Grid,
  Paper,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { IconHistory, IconListDetails, IconUsers, IconUsersGroup } from "@tabler/icons-react";
import { useCallback } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { Audience } from "../../api/audiences.js";
import { isApiError } from "../../api/client.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDateTime, formatRelative } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { AudienceChanges } from "./AudienceChanges.js";
import { AudienceForm } from "./AudienceForm.js";
import { AudienceMembers } from "./AudienceMembers.js";
import { BackLink } from "./BackLink.js";
import { useAudience } from "./queries.js";
import { RulePreview } from "./RulePreview.js";
import { useLivePreview } from "./useLivePreview.js";

const tabs = ["rule", "members", "changes"] as const;
type AudienceTab = (typeof tabs)[number];

/** The audience's tab and member page, kept in the query string. */
function useAudienceParams() {
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get("tab");
  const tab: AudienceTab = tabs.find((t) => t === tabParam) ?? "rule";
  const pageParam = Number.parseInt(search.get("page") ?? "", 10);
  const page = Number.isFinite(pageParam) && pageParam > 0 ? pageParam : 1;
  const update = useCallback(
    (patch: { tab?: AudienceTab; page?: number }) =>
      setSearch((previous) => {
        const next = new URLSearchParams(previous);
        if (patch.tab !== undefined) {
          if (patch.tab === "rule") next.delete("tab");
          else next.set("tab", patch.tab);
          next.delete("page");
        }
        if (patch.page !== undefined) {
          if (patch.page === 1) next.delete("page");
          else next.set("page", String(patch.page));
        }
        return next;
      }),
    [setSearch],
  );
  return { tab, page, update };
}

/** The saved rule for people who may read audiences but not change them. */
function RuleReadOnly({ audience }: { audience: Audience }) {
  const live = useLivePreview(audience.rule);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="rule-title">
          <Title order={2} fz="md" mb="sm" id="rule-title">
            Rule
          </Title>
          <Code
            block
            data-testid="audience-rule-readonly"
            style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
          >
            {audience.rule}
          </Code>
          <Text size="xs" c="dimmed" mt="sm">
            Only program owners and administrators can change an audience.
          </Text>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <RulePreview live={live} />
      </Grid.Col>
    </Grid>
  );
}

function NotFound({ id }: { id: string }) {
  return (
    <EmptyState
      mt="xl"
      icon={<IconUsersGroup size={28} aria-hidden />}
      variant="light"
      title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Audience not found</h1>}
      description={`No audience has the id “${id}”. It may have been removed.`}
      data-testid="audience-not-found"
    >
      <EmptyState.Actions>
        <Button component={Link} to="/audiences" variant="light">
          Back to Audiences
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** One audience: its rule (editable for managers) with the live preview, members and change log. */
export function AudiencePage() {
  const { id = "" } = useParams();
  const audience = useAudience(id);
  const canManage = useAuth().can("audiences.manage");
  const { tab, page, update } = useAudienceParams();
  usePageTitle(audience.data?.name ?? "Audience");

  if (audience.isError) {
    if (isApiError(audience.error) && audience.error.status === 404) return <NotFound id={id} />;
    return (
      <Stack>
        <BackLink to="/audiences" label="Audiences" />
        <ErrorAlert
          title="This audience could not be loaded"
          error={audience.error}
          onRetry={() => void audience.refetch()}
        />
      </Stack>
    );
  }

  if (!audience.data) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading audience">
        <Skeleton h={14} w={120} />
        <Skeleton h={32} w={320} />
        <Skeleton h={320} radius="md" />
      </Stack>
    );
  }

  const detail = audience.data;
  return (
    <>
      <PageHeader
        above={<BackLink to="/audiences" label="Audiences" />}
        title={<span data-testid="audience-title">{detail.name}</span>}
        titleAside={
          <Badge variant="light" size="lg" tt="none" data-testid="audience-member-count">
            {formatCount(detail.memberCount, "member", "members")}
          </Badge>
        }
        description={
          <Stack gap={2}>
            {detail.description && <Text size="sm">{detail.description}</Text>}
            <Text size="xs" c="dimmed">
              {detail.resolvedAt ? (
                <>
                  Members worked out{" "}
                  <time dateTime={detail.resolvedAt} title={formatDateTime(detail.resolvedAt)}>
                    {formatRelative(detail.resolvedAt)}
                  </time>
                  ; kept current as the directory changes.
                </>
              ) : (
                "Members not worked out yet."
              )}
            </Text>
          </Stack>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = tabs.find((t) => t === value);
          if (next) update({ tab: next });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="rule" leftSection={<IconListDetails size={16} aria-hidden />}>
            Rule
          </Tabs.Tab>
          <Tabs.Tab
            value="members"
            leftSection={<IconUsers size={16} aria-hidden />}
            data-testid="tab-members"
          >
            Members
          </Tabs.Tab>
          <Tabs.Tab
            value="changes"
            leftSection={<IconHistory size={16} aria-hidden />}
            data-testid="tab-changes"
          >
            Change log
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rule">
          {canManage ? (
            <AudienceForm key={detail.id} audience={detail} />
          ) : (
            <RuleReadOnly audience={detail} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <AudienceMembers
            audience={detail}
            page={page}
            onPage={(next) => {
              update({ page: next });
              window.scrollTo({ top: 0 });
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="changes">
          <AudienceChanges audienceId={detail.id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
