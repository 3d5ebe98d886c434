import type {
  Cadence,
  CadenceRule,
  CalendarData,
  MessagePurpose,
  OutboxState,
} from "../../api/communications.js";
import type { Wave } from "../../api/rollouts.js";
import { dueOffsetDays, purposeLabels, rulesInTimeOrder } from "./cadenceLabels.js";
import { addDays, policyDueDate, waveDueRange } from "./dates.js";

/** Messages of one rule of one wave: on a day, or over the calendar's range. */
export interface CalendarEntry {
  waveId: string | null;
  ruleId: string | null;
  purpose: MessagePurpose;
  /** In the outbox, by state. */
  written: Record<OutboxState, number>;
  /** What the cadence will write later, if nothing changes. */
  planned: number;
}

export interface CalendarDay {
  /** YYYY-MM-DD, in UTC as the server counts days. */
  day: string;
  entries: CalendarEntry[];
}

function emptyWritten(): Record<OutboxState, number> {
  return { sent: 0, scheduled: 0, sending: 0, failed: 0, cancelled: 0 };
}

/** Where an entry goes among the others: the wave's place, then its rule's place in the cadence. */
function entryOrder(data: CalendarData) {
  const waveIndex = new Map(data.waves.map((wave, index) => [wave.waveId, index]));
  const ruleIndex = new Map(
    data.waves.map((wave) => [
      wave.waveId,
      new Map(
        rulesInTimeOrder(wave.cadence.rules, 30).map((rule, index) => [rule.id, index] as const),
      ),
    ]),
  );
  return (a: CalendarEntry, b: CalendarEntry) =>
    (waveIndex.get(a.waveId ?? "") ?? 999) - (waveIndex.get(b.waveId ?? "") ?? 999) ||
    (ruleIndex.get(a.waveId ?? "")?.get(a.ruleId ?? "") ?? 999) -
      (ruleIndex.get(b.waveId ?? "")?.get(b.ruleId ?? "") ?? 999) ||
    (a.ruleId ?? "").localeCompare(b.ruleId ?? "");
}

/**
 * The calendar by day, then by wave and rule, optionally for one wave, with totals per rule over
 * the range. Rows of one rule in several versions (its key changes when it is edited) add up.
 */
export function calendarByDay(
  data: CalendarData,
  waveId: string | null,
): { days: CalendarDay[]; totals: CalendarEntry[] } {
  const byDay = new Map<string, Map<string, CalendarEntry>>();
  const totals = new Map<string, CalendarEntry>();
  const keep = (id: string | null) => waveId === null || id === waveId;

  function entry(
    map: Map<string, CalendarEntry>,
    row: { waveId: string | null; ruleId: string | null; purpose: MessagePurpose },
  ): CalendarEntry {
    const key = `${row.waveId ?? ""}|${row.ruleId ?? `purpose:${row.purpose}`}`;
    let found = map.get(key);
    if (!found) {
      found = {
        waveId: row.waveId,
        ruleId: row.ruleId,
        purpose: row.purpose,
        written: emptyWritten(),
        planned: 0,
      };
      map.set(key, found);
    }
    return found;
  }
  function dayMap(day: string) {
    let map = byDay.get(day);
    if (!map) byDay.set(day, (map = new Map<string, CalendarEntry>()));
    return map;
  }

  for (const row of data.written) {
    if (!keep(row.waveId)) continue;
    entry(dayMap(row.day), row).written[row.state] += row.count;
    entry(totals, row).written[row.state] += row.count;
  }
  for (const row of data.projected) {
    if (!keep(row.waveId)) continue;
    entry(dayMap(row.day), row).planned += row.count;
    entry(totals, row).planned += row.count;
  }

  const order = entryOrder(data);
  return {
    days: [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, entries]) => ({ day, entries: [...entries.values()].sort(order) })),
    totals: [...totals.values()].sort(order),
  };
}

/** An entry's total across states, planned included. */
export function entryTotal(entry: CalendarEntry): number {
  return Object.values(entry.written).reduce((sum, n) => sum + n, 0) + entry.planned;
}

/** The rule's name as its wave's cadence has it, or what is known of a rule that has gone. */
export function entryName(data: CalendarData, entry: CalendarEntry): string {
  const rule = data.waves
    .find((wave) => wave.waveId === entry.waveId)
    ?.cadence.rules.find((candidate) => candidate.id === entry.ruleId);
  if (rule) return rule.name;
  if (entry.ruleId === null) return `${purposeLabels[entry.purpose]} (outside the cadence)`;
  return `${purposeLabels[entry.purpose]} (rule “${entry.ruleId}”, no longer in the cadence)`;
}

/** One day of a wave's cadence before launch: the rules whose first or repeated message falls on it. */
export interface EstimateDay {
  day: string;
  rules: CadenceRule[];
}

/** A digest repeats until the last due date plus a week, as the planner does; capped for display. */
const maxRepeats = 30;

/**
 * A wave's messages before launch, worked out in the browser from its cadence, launch date and
 * default deadline: local dates, before quiet hours, rest days and caps move them. Rules counted
 * from completion have no date and are returned apart.
 */
export function cadenceEstimate(
  wave: Wave,
  cadence: Cadence,
): { days: EstimateDay[]; onCompletion: CadenceRule[] } {
  const due = policyDueDate(wave.deadline, wave.launchDate);
  const lastDue = waveDueRange(wave).last;
  const days = new Map<string, CadenceRule[]>();
  const add = (day: string, rule: CadenceRule) => {
    const list = days.get(day) ?? [];
    if (!list.includes(rule)) list.push(rule);
    days.set(day, list);
  };
  const onCompletion: CadenceRule[] = [];
  const ordered = rulesInTimeOrder(cadence.rules, dueOffsetDays(wave));
  for (const rule of ordered) {
    switch (rule.anchor) {
      case "launch": {
        const first = addDays(wave.launchDate, rule.days);
        add(first, rule);
        if (rule.everyDays) {
          const until = addDays(lastDue, 7);
          for (let n = 1; n <= maxRepeats; n++) {
            const next = addDays(first, n * rule.everyDays);
            if (next > until) break;
            add(next, rule);
          }
        }
        break;
      }
      case "due":
        add(addDays(due, rule.days), rule);
        break;
      case "completed":
        onCompletion.push(rule);
        break;
    }
  }
  return {
    days: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, rules]) => ({ day, rules })),
    onCompletion,
  };
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "Mon, 2 Mar 2026" for a calendar date. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}
