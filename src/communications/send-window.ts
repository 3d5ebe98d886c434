import { DateTime } from "luxon";

/**
 * Weekend days by country (ISO weekday numbers, Monday = 1), where they are not Saturday and
 * Sunday. Countries not listed rest on Saturday and Sunday.
 */
const weekends: Record<string, readonly number[]> = {
  // Friday and Saturday
  BH: [5, 6],
  DZ: [5, 6],
  EG: [5, 6],
  IL: [5, 6],
  IQ: [5, 6],
  JO: [5, 6],
  KW: [5, 6],
  LY: [5, 6],
  OM: [5, 6],
  QA: [5, 6],
  SA: [5, 6],
  SD: [5, 6],
  SY: [5, 6],
  YE: [5, 6],
  // Friday only
  IR: [5],
  // Saturday only
  NP: [6],
};

export function weekendOf(country: string | null): readonly number[] {
  return (country && weekends[country.toUpperCase()]) || [6, 7];
}

/** When messages may arrive: outside quiet hours, on working days, in the recipient's zone. */
export interface SendPolicy {
  /** Local time quiet hours start, "HH:mm" (default 20:00). */
  quietFrom: string;
  /** Local time quiet hours end, "HH:mm" (default 08:00): the first minute a message may arrive. */
  quietUntil: string;
  /** Whether messages wait for a working day (default true). */
  workingDaysOnly: boolean;
}

export const defaultSendPolicy: SendPolicy = {
  quietFrom: "20:00",
  quietUntil: "08:00",
  workingDaysOnly: true,
};

function minutesOf(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`"${hhmm}" is not a time such as 08:00.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The first instant at or after `planned` when a message may reach a recipient: not in quiet
 * hours and (by default) not on their weekend, both in their own time zone. Moved messages arrive
 * when quiet hours end, on the next working day. Works across DST changes (local wall times are
 * resolved by Luxon: a time that does not exist moves forward, a repeated one takes the first).
 */
export function nextSendInstant(
  planned: Date,
  recipient: { timeZone: string; country: string | null },
  policy: SendPolicy = defaultSendPolicy,
): Date {
  const weekend = weekendOf(recipient.country);
  const from = minutesOf(policy.quietFrom);
  const until = minutesOf(policy.quietUntil);
  let local: DateTime = DateTime.fromJSDate(planned, { zone: recipient.timeZone });
  if (!local.isValid) throw new Error(`"${recipient.timeZone}" is not a time zone.`);
  const openAt = (day: DateTime): DateTime =>
    day.startOf("day").set({ hour: Math.floor(until / 60), minute: until % 60 });
  // At most a week of closed days can stand in the way.
  for (let step = 0; step < 8; step++) {
    const minute: number = local.hour * 60 + local.minute;
    const quiet =
      from > until ? minute >= from || minute < until : minute >= from && minute < until;
    const resting: boolean = policy.workingDaysOnly && weekend.includes(local.weekday);
    if (!quiet && !resting) return local.toJSDate();
    // Early morning waits for today's opening; late evening and closed days for the next one.
    const today = openAt(local);
    local = !resting && minute < until && today > local ? today : openAt(local.plus({ days: 1 }));
  }
  return local.toJSDate();
}
