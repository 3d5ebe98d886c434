import type { Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { planAllWaves } from "./communication-jobs.js";
import { dispatchDue, type DispatchSettings } from "./dispatch.js";
import { localTransport } from "./transport.js";

/**
 * Replays a launched demo wave's messages hour by hour from its start until now, as the hourly
 * planning and the dispatcher would have sent them, into the local outbox: launch messages,
 * manager briefings and digests, nudges, deadline reminders and escalations, each at its
 * recipient's local time. Nothing leaves the machine.
 */
export async function replayDemoCommunications(
  db: Kysely<Database>,
  options: { from: Date; until?: Date; publicUrl: string },
): Promise<{ sent: number; cancelled: number }> {
  const until = options.until ?? clock.now();
  const settings: DispatchSettings = {
    transport: localTransport(),
    publicUrl: options.publicUrl,
    messageIdDomain: "demo.cascade.local",
  };
  let sent = 0;
  let cancelled = 0;
  for (let t = options.from.getTime(); t <= until.getTime(); t += 3600_000) {
    const now = new Date(t);
    if (now.getUTCHours() % 6 === 0) await planAllWaves(db, now);
    const result = await dispatchDue(db, { ...settings, now: () => now });
    sent += result.sent;
    cancelled += result.cancelled;
  }
  return { sent, cancelled };
}
