import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import {
  changeAssignmentStatus,
  listExpiredExemptions,
  markExceptionLapsed,
  overdueCandidates,
  stillExemptOf,
} from "./assignments.repository.js";

/**
 * The periodic pass over assignments: open mandatory ones past their due instant become overdue;
 * exemptions past their expiry lapse, and their people are assigned again with 30 days to finish.
 */
export async function sweepAssignments(
  db: Kysely<Database>,
): Promise<{ overdue: number; lapsedExemptions: number; reassigned: number }> {
  const now = clock.nowIso();
  const overdue = await changeAssignmentStatus(db, {
    ids: overdueCandidates(now),
    to: "overdue",
    cause: "due date passed",
    actor: "Cascade",
    at: now,
  });
  let reassigned = 0;
  const expired = await listExpiredExemptions(db, now.slice(0, 10));
  for (const exemption of expired) {
    const due = DateTime.fromISO(now)
      .plus({ days: 30 })
      .toUTC()
      .toISO({ suppressMilliseconds: true })!;
    reassigned += await changeAssignmentStatus(db, {
      ids: stillExemptOf(exemption.id),
      to: "assigned",
      cause: `exemption expired on ${exemption.expires_on}`,
      actor: "Cascade",
      at: now,
      details: { exceptionId: exemption.id, dueAt: due },
      set: { due_at: due },
    });
    await markExceptionLapsed(db, exemption.id, now);
  }
  return { overdue, lapsedExemptions: expired.length, reassigned };
}
