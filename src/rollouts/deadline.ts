import { DateTime } from "luxon";
import { z } from "zod";

/** A local date, YYYY-MM-DD, that exists in the calendar. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD")
  .refine((d) => DateTime.fromISO(d, { zone: "utc" }).isValid, "Not a date in the calendar");

const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Expected a time as HH:MM (24-hour)")
  .default("23:59");

/**
 * When assignments are due, always in each person's own time zone: a number of days after the
 * wave's launch date, or a fixed local date; at a local time of day (23:59 unless set).
 */
export const deadlinePolicySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("relative"),
    days: z.number().int().min(0).max(3650),
    time: localTimeSchema,
  }),
  z.object({ kind: z.literal("fixed"), date: localDateSchema, time: localTimeSchema }),
]);
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

/** A period, in local dates (both included), in which a division takes no launch and no deadline. */
export interface Blackout {
  division: string;
  startsOn: string;
  endsOn: string;
}

/** The local calendar date a policy gives, before blackouts: `startDate` is the launch date. */
export function dueLocalDate(policy: DeadlinePolicy, startDate: string): string {
  if (policy.kind === "fixed") return policy.date;
  return DateTime.fromISO(startDate, { zone: "utc" }).plus({ days: policy.days }).toISODate()!;
}

/** True when a local date falls inside one of the division's blackout periods. */
export function inBlackout(
  date: string,
  division: string | null,
  blackouts: readonly Blackout[],
): Blackout | undefined {
  if (division === null) return undefined;
  return blackouts.find((b) => b.division === division && b.startsOn <= date && date <= b.endsOn);
}

/**
 * Moves a local date out of the division's blackout periods: to the day after the period ends
 * (repeatedly, should periods follow one another). Deadlines move later, never earlier.
 */
export function afterBlackouts(
  date: string,
  division: string | null,
  blackouts: readonly Blackout[],
): string {
  let current = date;
  for (let i = 0; i <= blackouts.length; i++) {
    const hit = inBlackout(current, division, blackouts);
    if (!hit) return current;
    current = DateTime.fromISO(hit.endsOn, { zone: "utc" }).plus({ days: 1 }).toISODate()!;
  }
  return current;
}

/**
 * The UTC instant of a local date and time in a time zone. Where the local time does not exist
 * (the clocks go forward) it moves forward by the length of the gap (02:30 becomes 03:30); where it
 * exists twice (the clocks go back) it is always the earlier of the two instants. 23:59, the usual
 * deadline, falls in neither in any zone today.
 */
export function localToInstant(date: string, time: string, timeZone: string): string {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!local.isValid) throw new Error(`Cannot place ${date} ${time} in ${timeZone}`);
  const [earliest] = local
    .getPossibleOffsets()
    .map((candidate) => candidate.toUTC())
    .sort((a, b) => a.toMillis() - b.toMillis());
  return (earliest ?? local.toUTC()).toISO({ suppressMilliseconds: true });
}

/** The UTC due instant of a policy for one person: their zone, their division's blackouts. */
export function dueInstant(options: {
  policy: DeadlinePolicy;
  startDate: string;
  timeZone: string;
  division: string | null;
  blackouts: readonly Blackout[];
}): { dueAt: string; dueDate: string; movedByBlackout: boolean } {
  const planned = dueLocalDate(options.policy, options.startDate);
  const dueDate = afterBlackouts(planned, options.division, options.blackouts);
  return {
    dueAt: localToInstant(dueDate, options.policy.time, options.timeZone),
    dueDate,
    movedByBlackout: dueDate !== planned,
  };
}

/** Working days (Monday to Friday) from the day after `startDate` up to and including `dueDate`. */
export function workingDaysBetween(startDate: string, dueDate: string): number {
  const start = DateTime.fromISO(startDate, { zone: "utc" });
  const end = DateTime.fromISO(dueDate, { zone: "utc" });
  const days = Math.floor(end.diff(start, "days").days);
  if (days <= 0) return 0;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  for (let i = fullWeeks * 7 + 1; i <= days; i++) {
    const weekday = start.plus({ days: i }).weekday;
    if (weekday <= 5) count++;
  }
  return count;
}

/** Working days a learner needs for `minutes` of training at `dailyMinutes` a working day. */
export function requiredWorkingDays(minutes: number, dailyMinutes: number): number {
  if (minutes <= 0) return 0;
  return Math.ceil(minutes / Math.max(1, dailyMinutes));
}

/**
 * Whether a due date leaves enough working days for the program's expected duration, and if not,
 * the earliest realistic local due date (counted in working days from the start).
 */
export function checkFeasibility(options: {
  startDate: string;
  dueDate: string;
  expectedMinutes: number;
  dailyMinutes: number;
}): { feasible: boolean; availableDays: number; requiredDays: number; realisticDate: string } {
  const requiredDays = requiredWorkingDays(options.expectedMinutes, options.dailyMinutes);
  const availableDays = workingDaysBetween(options.startDate, options.dueDate);
  let realistic = DateTime.fromISO(options.startDate, { zone: "utc" });
  for (let counted = 0; counted < requiredDays;) {
    realistic = realistic.plus({ days: 1 });
    if (realistic.weekday <= 5) counted++;
  }
  const realisticDate = realistic.toISODate()!;
  return {
    feasible: availableDays >= requiredDays,
    availableDays,
    requiredDays,
    realisticDate: realisticDate > options.dueDate ? realisticDate : options.dueDate,
  };
}

/** Today's date in a time zone. */
export function localToday(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}
