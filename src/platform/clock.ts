/** The current time, replaceable in tests so time-dependent logic can be checked exactly. */
let fixed: Date | null = null;

export const clock = {
  now(): Date {
    return fixed ? new Date(fixed) : new Date();
  },
  /** ISO-8601 UTC instant, the form every timestamp column stores. */
  nowIso(): string {
    return clock.now().toISOString();
  },
  set(date: Date | null): void {
    fixed = date;
  },
};
