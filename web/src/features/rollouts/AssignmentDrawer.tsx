import {
  Anchor,
  Drawer,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { AssignmentDetail, AssignmentStatus } from "../../api/rollouts.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime, formatValue } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { AssignmentStatusBadge, FeasibilityBadge } from "./badges.js";
import { formatDueInZone } from "./dates.js";
import { assignmentStatusLooks } from "./labels.js";
import { useAssignment } from "./queries.js";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

function statusLabel(status: string): string {
  return assignmentStatusLooks[status as AssignmentStatus]?.label ?? status;
}

/** The facts a change recorded, for people: dates readable, internal ids left out. */
function changeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([key, value]) => !key.endsWith("Id") && value !== null)
    .map(([key, value]) =>
      key === "dueAt" && typeof value === "string"
        ? `new due date: ${formatDateTime(value)}`
        : `${key}: ${formatValue(value)}`,
    )
    .join(" · ");
}

/** One assignment: who, what is due when, and every change of its status with the cause. */
export function AssignmentDrawer({
  assignmentId,
  onClose,
}: {
  assignmentId: number | null;
  onClose: () => void;
}) {
  const isPhone = useIsPhone();
  const assignment = useAssignment(assignmentId);
  return (
    <Drawer
      opened={assignmentId !== null}
      onClose={onClose}
      position="right"
      size={isPhone ? "100%" : "lg"}
      title={<Text fw={650}>{assignment.data?.person.name ?? "Assignment"}</Text>}
      data-testid="assignment-drawer"
    >
      {assignment.isError ? (
        <ErrorAlert
          title="This assignment could not be loaded"
          error={assignment.error}
          onRetry={() => void assignment.refetch()}
        />
      ) : !assignment.data ? (
        <Stack gap="sm" aria-busy="true">
          <Skeleton h={16} w="50%" />
          <Skeleton h={120} />
          <Skeleton h={200} />
        </Stack>
      ) : (
        <AssignmentDetails assignment={assignment.data} />
      )}
    </Drawer>
  );
}

function AssignmentDetails({ assignment }: { assignment: AssignmentDetail }) {
  const canReadPeople = useAuth().can("people.read");
  const { person } = assignment;
  return (
    <Stack gap="lg" data-testid="assignment-details">
      <Group gap="xs">
        <AssignmentStatusBadge status={assignment.status} />
        <FeasibilityBadge feasibility={assignment.feasibility} />
      </Group>
      <SimpleGrid component="dl" cols={2} spacing="md" m={0}>
        <Fact label="Person">
          {canReadPeople ? (
            <Anchor component={Link} to={`/people/${encodeURIComponent(person.id)}`} size="sm">
              {person.name}
            </Anchor>
          ) : (
            person.name
          )}
        </Fact>
        <Fact label="Employee id">{person.id}</Fact>
        <Fact label="Division">{person.division ?? "—"}</Fact>
        <Fact label="Region">
          {[person.region, person.country].filter(Boolean).join(" · ") || "—"}
        </Fact>
        <Fact label="Due">
          <span data-testid="assignment-due">
            {formatDueInZone(assignment.dueAt, assignment.timeZone)}
          </span>
          <Text span size="xs" c="dimmed">
            {" "}
            ({assignment.timeZone})
          </Text>
        </Fact>
        <Fact label="Enrollment">
          {assignment.enrollmentMode === "self_directed" ? "Self-directed" : "Mandatory"}
        </Fact>
        {assignment.startedAt && (
          <Fact label="Started">{formatDateTime(assignment.startedAt)}</Fact>
        )}
        {assignment.completedAt && (
          <Fact label="Completed">
            {formatDateTime(assignment.completedAt)}
            {assignment.score !== null ? ` · score ${assignment.score}` : ""}
          </Fact>
        )}
      </SimpleGrid>
      <div>
        <Title order={3} fz="sm" mb="sm">
          History
        </Title>
        <Timeline bulletSize={22} lineWidth={2} active={-1} data-testid="assignment-history">
          <Timeline.Item
            bullet={
              <ThemeIcon size={22} radius="xl" color="blue" variant="filled">
                <IconArrowRight size={12} aria-hidden />
              </ThemeIcon>
            }
            title={
              <Text size="sm" fw={600}>
                Assigned
              </Text>
            }
            data-testid="assignment-change"
          >
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {assignment.assignedCause}
            </Text>
            <Text size="xs" c="dimmed">
              <time dateTime={assignment.assignedAt}>{formatDateTime(assignment.assignedAt)}</time>
            </Text>
          </Timeline.Item>
          {assignment.changes.map((change, index) => {
            const color = assignmentStatusLooks[change.to as AssignmentStatus]?.color ?? "gray";
            const details = changeDetails(change.details);
            return (
              <Timeline.Item
                key={`${change.at}-${index}`}
                bullet={
                  <ThemeIcon size={22} radius="xl" color={color} variant="filled">
                    <IconArrowRight size={12} aria-hidden />
                  </ThemeIcon>
                }
                title={
                  <Text size="sm" fw={600}>
                    {change.from === change.to ? (
                      "dueAt" in change.details ? (
                        "Due date moved"
                      ) : (
                        statusLabel(change.to)
                      )
                    ) : (
                      <>
                        {statusLabel(change.from)} <span aria-label="to">→</span>{" "}
                        {statusLabel(change.to)}
                      </>
                    )}
                  </Text>
                }
                data-testid="assignment-change"
              >
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {change.cause}
                </Text>
                <Text size="xs" c="dimmed">
                  <time dateTime={change.at}>{formatDateTime(change.at)}</time> · {change.actor}
                </Text>
                {details && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {details}
                  </Text>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      </div>
    </Stack>
  );
}
