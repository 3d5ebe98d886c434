import { DateTime } from "luxon";
import type { AssignmentGroup, PlannedGroup } from "./assignments.repository.js";
import {
  afterBlackouts,
  checkFeasibility,
  dueLocalDate,
  inBlackout,
  localToInstant,
  localToday,
  type Blackout,
  type DeadlinePolicy,
} from "./deadline.js";
import type { FeasibilityChoice } from "./rollout.js";

/** What a wave's assignments need to be planned. */
export interface WavePlanInput {
  launchDate: string;
  deadline: DeadlinePolicy;
  regionDeadlines: Record<string, DeadlinePolicy>;
  joinerGraceDays: number;
  expectedMinutes: number;
  dailyMinutes: number;
  blackouts: readonly Blackout[];
}

export interface PlannedGroupDetail extends PlannedGroup {
  dueDate: string;
  movedByBlackout: boolean;
  feasible: boolean;
  realisticDate: string;
  requiredDays: number;
  availableDays: number;
}

export interface AssignmentPlan {
  groups: PlannedGroupDetail[];
  /** Members whose division is in a blackout period today: assigned when it ends. */
  deferred: { division: string; count: number; until: string }[];
  totals: {
    members: number;
    toAssign: number;
    flagged: number;
    deferred: number;
    movedByBlackout: number;
  };
}

/**
 * Plans the due date of every group of a wave's unassigned members, in their own time zone.
 * At launch the start is the launch date; a joiner starts today (in their zone) and gets at least
 * the grace period. Deadlines inside a division's blackout move to the day after it; members whose
 * division is in blackout on the start date are deferred. Groups with too little time for the
 * program are flagged and treated by `choice`: assigned anyway, extended to a realistic date, or
 * recorded as not assigned.
 */
export function planAssignments(options: {
  input: WavePlanInput;
  groups: readonly AssignmentGroup[];
  now: Date;
  joiners: boolean;
  choice: FeasibilityChoice | null;
}): AssignmentPlan {
  const { input } = options;
  const planned: PlannedGroupDetail[] = [];
  const deferred = new Map<string, { division: string; count: number; until: string }>();
  for (const group of options.groups) {
    const division = group.division === "" ? null : group.division;
    const startDate = options.joiners ? localToday(options.now, group.timeZone) : input.launchDate;
    const blackout = inBlackout(startDate, division, input.blackouts);
    if (blackout) {
      const entry = deferred.get(blackout.division) ?? {
        division: blackout.division,
        count: 0,
        until: blackout.endsOn,
      };
      entry.count += group.count;
      deferred.set(blackout.division, entry);
      continue;
    }
    const policy = input.regionDeadlines[group.region] ?? input.deadline;
    let planned0 = dueLocalDate(policy, input.launchDate);
    if (options.joiners) {
      const graceEnd = DateTime.fromISO(startDate, { zone: "utc" })
        .plus({ days: input.joinerGraceDays })
        .toISODate()!;
      if (graceEnd > planned0) planned0 = graceEnd;
    }
    let dueDate = afterBlackouts(planned0, division, input.blackouts);
    const movedByBlackout = dueDate !== planned0;
    const feasibility = checkFeasibility({
      startDate,
      dueDate,
      expectedMinutes: input.expectedMinutes,
      dailyMinutes: input.dailyMinutes,
    });
    let flag = "ok";
    let status: PlannedGroup["status"] = "assigned";
    if (!feasibility.feasible) {
      switch (options.choice ?? "assign_anyway") {
        case "assign_anyway":
          flag = "assigned_anyway";
          break;
        case "extend":
          flag = "extended";
          dueDate = afterBlackouts(feasibility.realisticDate, division, input.blackouts);
          break;
        case "skip":
          flag = "flagged";
          status = "withdrawn";
          break;
      }
    }
    planned.push({
      ...group,
      dueDate,
      dueAt: localToInstant(dueDate, policy.time, group.timeZone),
      feasibility: flag,
      status,
      movedByBlackout,
      feasible: feasibility.feasible,
      realisticDate: feasibility.realisticDate,
      requiredDays: feasibility.requiredDays,
      availableDays: feasibility.availableDays,
    });
  }
  const sum = (items: { count: number }[]) => items.reduce((s, g) => s + g.count, 0);
  const deferredList = [...deferred.values()];
  return {
    groups: planned,
    deferred: deferredList,
    totals: {
      members: sum(planned) + sum(deferredList),
      toAssign: sum(planned.filter((g) => g.status !== "withdrawn")),
      flagged: sum(planned.filter((g) => !g.feasible)),
      deferred: sum(deferredList),
      movedByBlackout: sum(planned.filter((g) => g.movedByBlackout)),
    },
  };
}
