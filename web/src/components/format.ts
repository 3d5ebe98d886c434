/** Number, date and value formatting in the reader's locale. */

export function formatNumber(value: number): string {
  return value.toLocaleString();
}

/** "1 person", "12,345 people". */
export function formatCount(value: number, one: string, many: string): string {
  return `${formatNumber(value)} ${value === 1 ? one : many}`;
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateOnlyFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

/** A calendar date (YYYY-MM-DD, shown as is) or an instant (shown in the reader's zone). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  if (dateOnly.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : dateOnlyFormat.format(date);
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "3 hours ago", "yesterday". */
export function formatRelative(value: string, now: Date = new Date()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  let amount = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(amount) < size) return relativeFormat.format(Math.round(amount), unit);
    amount /= size;
  }
  return dateFormat.format(date);
}

/** The wall-clock time now in an IANA zone, e.g. "Tue 14:05 (GMT+2)"; null for an unknown zone. */
export function formatTimeInZone(timeZone: string, now: Date = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(now);
  } catch {
    return null;
  }
}

/** A value from a change record or attribute, as text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(formatValue).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}
