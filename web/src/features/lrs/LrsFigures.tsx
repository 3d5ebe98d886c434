import { Badge, Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from "@mantine/core";
import {
  IconClockHour4,
  IconDatabase,
  IconPlugConnected,
  IconUserCheck,
  IconUserQuestion,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { LrsOverview } from "../../api/lrs.js";
import { StatCard } from "../../components/StatCard.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { CopyValueButton } from "./CopyField.js";

/** The address LMSes send statements to and the xAPI versions it speaks, copyable in one click. */
export function EndpointPanel({ overview }: { overview: LrsOverview | undefined }) {
  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-label="xAPI endpoint">
      <Group justify="space-between" gap="sm" wrap="wrap" align="center">
        <div style={{ minWidth: 0, flex: "1 1 20rem" }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3}>
            xAPI endpoint
          </Text>
          {overview ? (
            <Group gap={4} wrap="nowrap" mt={2}>
              <Text
                ff="monospace"
                fz={{ base: "sm", sm: "md" }}
                fw={600}
                style={{ overflowWrap: "anywhere", minWidth: 0 }}
                data-testid="lrs-endpoint"
              >
                {overview.endpoint}
              </Text>
              <CopyValueButton
                value={overview.endpoint}
                label="the endpoint"
                testId="copy-endpoint"
              />
            </Group>
          ) : (
            <Skeleton h={22} w={320} maw="100%" mt={4} />
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3} mb={4}>
            xAPI versions
          </Text>
          {overview ? (
            <Group gap={4} data-testid="lrs-versions">
              {overview.versions.map((version) => (
                <Badge key={version} variant="outline" color="gray" tt="none" fw={500}>
                  {version}
                </Badge>
              ))}
            </Group>
          ) : (
            <Skeleton h={20} w={200} />
          )}
        </div>
      </Group>
    </Paper>
  );
}

/** A percentage laid out like a StatCard; "—" when there is nothing to divide. */
function ShareCard({
  label,
  value,
  icon,
  color,
  hint,
  testId,
}: {
  label: string;
  value: number | null;
  icon: ReactNode;
  color: string;
  hint?: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3}>
            {label}
          </Text>
          <Text fz={28} fw={700} lh={1.2} mt={4} className="tabular-nums" data-testid={testId}>
            {value === null ? "—" : `${value.toLocaleString()}%`}
          </Text>
        </div>
        <ThemeIcon variant="light" color={color} size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mt={6}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** The LRS's figures: how much arrives, and how much of it reaches people in the directory. */
export function LrsFigures({ overview }: { overview: LrsOverview | undefined }) {
  // On a phone the figures alone would fill the screen: the numbers stay, their hints go.
  const isPhone = useIsPhone();
  const hint = (text: string) => (isPhone ? undefined : text);
  if (!overview)
    return (
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" mb="lg" aria-busy="true">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} h={isPhone ? 92 : 112} radius="md" />
        ))}
      </SimpleGrid>
    );
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" mb="lg">
      <StatCard
        label="Statements"
        value={overview.statementsReceived}
        icon={<IconDatabase size={18} />}
        hint={hint("Received in total")}
        testId="lrs-stat-received"
      />
      <StatCard
        label="Last 24 h"
        value={overview.statementsLast24h}
        icon={<IconClockHour4 size={18} />}
        color="blue"
        hint={hint("Statements received")}
        testId="lrs-stat-last-24h"
      />
      <ShareCard
        label="Matched"
        value={overview.matchedShare}
        icon={<IconUserCheck size={18} />}
        color="teal"
        hint={hint("Last 24 h, from known people")}
        testId="lrs-stat-matched"
      />
      <StatCard
        label="Unmatched"
        value={overview.unmatchedActors}
        icon={<IconUserQuestion size={18} />}
        color={overview.unmatchedActors > 0 ? "orange" : "gray"}
        hint={hint("Actors not in the directory")}
        testId="lrs-stat-unmatched"
      />
      <StatCard
        label="Clients"
        value={overview.activeClients}
        icon={<IconPlugConnected size={18} />}
        color="grape"
        hint={hint("Active, with credentials")}
        testId="lrs-stat-clients"
      />
    </SimpleGrid>
  );
}
