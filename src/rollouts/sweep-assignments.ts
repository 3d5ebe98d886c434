import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import {
  changeAssignmentStatus,
  changeStatusOfIds,
  listExpiredExemptions,
  listStillExempt,
  markExceptionLapsed,
  overdueCandidates,
} from "./assignments.repository.js";
import { localToInstant, localToday } from "./deadline.js";

/** Days a person gets to finish after their exemption lapses. */
export const daysAfterLapse = 30;

/**
 * The periodic pass over assignments: open mandatory ones past their due instant become overdue
 * (not in paused waves); exemptions past their expiry lapse, and their people (still here, in a
 * live wave) are assigned again, due 30 days later at 23:59 in their own time zone.
 */
export async function sweepAssignments(
  db: Kysely<Database>,
): Promise<{ overdue: number; lapsedExemptions: number; reassigned: number }> {
  const now = clock.now();
  const at = now.toISOString();
  const overdue = await changeAssignmentStatus(db, {
    ids: overdueCandidates(at),
    to: "overdue",
    cause: "due date passed",
    actor: "Cascade",
    at,
  });
  let reassigned = 0;
  const expired = await listExpiredExemptions(db, at.slice(0, 10));
  for (const exemption of expired) {
    const byZone = new Map<string, number[]>();
    for (const a of await listStillExempt(db, exemption.id))
      byZone.set(a.time_zone, [...(byZone.get(a.time_zone) ?? []), a.id]);
    for (const [zone, ids] of byZone) {
      const dueDate = DateTime.fromISO(localToday(now, zone), { zone: "utc" })
        .plus({ days: daysAfterLapse })
        .toISODate()!;
      const dueAt = localToInstant(dueDate, "23:59", zone);
      reassigned += await changeStatusOfIds(db, ids, {
        to: "assigned",
        cause: `exemption expired on ${exemption.expires_on}`,
        actor: "Cascade",
        at,
        details: { exceptionId: exemption.id, dueAt },
        set: { due_at: dueAt },
      });
    }
    await markExceptionLapsed(db, exemption.id, at);
  }
  return { overdue, lapsedExemptions: expired.length, reassigned };
}
