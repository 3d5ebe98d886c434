import type { Rollout } from "../../api/rollouts.js";
import { addDays, dayNumber, todayLocal, waveDueRange } from "./dates.js";

export interface Tick {
  date: string;
  label: string;
  /** Position on the axis, 0–100. */
  at: number;
}

export interface TimeScale {
  start: string;
  end: string;
  /** Position of a date on the axis, 0–100, clamped. */
  at: (date: string) => number;
  ticks: Tick[];
  /** Today's position, when today lies on the axis. */
  today: number | null;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "short", timeZone: "UTC" });
const monthYearFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/**
 * The time axis of a rollout's planner: from the first launch to the last due date, with a few
 * days either side, widened to show today when it is near. Ticks are weeks for short plans and
 * months for long ones.
 */
export function timeScaleOf(rollout: Rollout, now: Date = new Date()): TimeScale {
  const waves = rollout.phases.flatMap((phase) => phase.waves);
  const today = todayLocal(now);
  const dates = waves.flatMap((wave) => {
    const due = waveDueRange(wave);
    return [wave.launchDate, due.first, due.last];
  });
  for (const phase of rollout.phases) {
    if (phase.gate.decidedAt) dates.push(phase.gate.decidedAt.slice(0, 10));
  }
  if (dates.length === 0) dates.push(today);
  dates.sort();
  let first = dates[0] ?? today;
  let last = dates.at(-1) ?? today;
  if (dayNumber(today) >= dayNumber(first) - 45 && dayNumber(today) <= dayNumber(last) + 45) {
    if (today < first) first = today;
    if (today > last) last = today;
  }
  let start = addDays(first, -3);
  let end = addDays(last, 4);
  const minimumSpan = 21;
  const span = dayNumber(end) - dayNumber(start);
  if (span < minimumSpan) {
    const extra = minimumSpan - span;
    start = addDays(start, -Math.floor(extra / 2));
    end = addDays(end, Math.ceil(extra / 2));
  }
  const startDay = dayNumber(start);
  const length = dayNumber(end) - startDay;
  const at = (date: string) =>
    Math.min(100, Math.max(0, ((dayNumber(date) - startDay) / length) * 100));

  const ticks: Tick[] = [];
  if (length <= 70) {
    // Mondays.
    const weekday = new Date(`${start}T00:00:00Z`).getUTCDay();
    let date = addDays(start, (8 - weekday) % 7);
    while (date <= end) {
      ticks.push({ date, label: dayFormat.format(new Date(`${date}T00:00:00Z`)), at: at(date) });
      date = addDays(date, 7);
    }
  } else {
    const step = length > 730 ? 3 : 1;
    const cursor = new Date(`${start.slice(0, 7)}-01T00:00:00Z`);
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    while (cursor.toISOString().slice(0, 10) <= end) {
      const date = cursor.toISOString().slice(0, 10);
      const withYear = ticks.length === 0 || cursor.getUTCMonth() === 0;
      ticks.push({
        date,
        label: (withYear ? monthYearFormat : monthFormat).format(cursor),
        at: at(date),
      });
      cursor.setUTCMonth(cursor.getUTCMonth() + step);
    }
  }
  const todayAt = today >= start && today <= end ? at(today) : null;
  return { start, end, at, ticks, today: todayAt };
}
