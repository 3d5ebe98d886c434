import type { DeadlinePolicy, Wave } from "../../api/rollouts.js";

const dayMs = 86_400_000;

/** A calendar date (YYYY-MM-DD) as days since 1970-01-01, for placing dates on a time axis. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Today's date in the reader's own time zone. */
export function todayLocal(now: Date = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

/** The local due date a policy gives for a wave launched on `launchDate`, before blackouts. */
export function policyDueDate(policy: DeadlinePolicy, launchDate: string): string {
  return policy.kind === "fixed" ? policy.date : addDays(launchDate, policy.days);
}

/** The earliest and latest planned due dates of a wave, over its default and regional policies. */
export function waveDueRange(wave: Wave): { first: string; last: string } {
  const dates = [wave.deadline, ...Object.values(wave.regionDeadlines)].map((policy) =>
    policyDueDate(policy, wave.launchDate),
  );
  dates.sort();
  return { first: dates[0] ?? wave.launchDate, last: dates.at(-1) ?? wave.launchDate };
}

/** The due instant of an assignment as a date in the learner's own zone, e.g. "3 Apr 2026". */
export function formatDueInZone(dueAt: string | null, timeZone: string): string {
  if (!dueAt) return "—";
  const date = new Date(dueAt);
  if (Number.isNaN(date.getTime())) return dueAt;
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date);
  }
}
