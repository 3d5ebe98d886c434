import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { sendPolicySchema } from "./cadence.js";
import { plannedInstant, sendInstant } from "./plan-messages.js";

const policy = sendPolicySchema.parse({});
const localMidnight = (date: string, zone: string) => DateTime.fromISO(date, { zone }).toJSDate();

describe("when a rule's message is meant to arrive", () => {
  it("counts days from the start date in the recipient's own zone, across a DST change", () => {
    // Day 7 of a wave started on 2 March, at 09:00 in New York: clocks went forward on 8 March.
    const digest = plannedInstant(
      { anchor: "launch", days: 7, at: "09:00" },
      localMidnight("2026-03-02", "America/New_York"),
      "America/New_York",
    );
    expect(digest.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    const tokyo = plannedInstant(
      { anchor: "launch", days: 7, at: "09:00" },
      localMidnight("2026-03-02", "Asia/Tokyo"),
      "Asia/Tokyo",
    );
    expect(tokyo.toISOString()).toBe("2026-03-09T00:00:00.000Z");
  });

  it("sends the launch message when someone is assigned after its time of day, not before", () => {
    const assigned = new Date("2026-03-02T14:30:00Z"); // 15:30 in Berlin
    const at = plannedInstant(
      { anchor: "launch", days: 0, at: "09:00" },
      assigned,
      "Europe/Berlin",
    );
    expect(at).toEqual(assigned);
  });

  it("counts reminders back from the due date in local time", () => {
    const due = new Date("2026-03-12T22:59:00Z"); // 23:59 in Berlin
    const at = plannedInstant({ anchor: "due", days: -3, at: "09:00" }, due, "Europe/Berlin");
    expect(at.toISOString()).toBe("2026-03-09T08:00:00.000Z");
  });

  it("thanks people right after they complete", () => {
    const done = new Date("2026-03-05T16:10:00Z");
    expect(
      plannedInstant({ anchor: "completed", days: 0, at: "09:00" }, done, "Europe/Berlin"),
    ).toEqual(done);
  });
});

describe("when a message may go out", () => {
  const berlin = { timeZone: "Europe/Berlin", country: "DE" };
  it("waits for the morning and for a working day, in the recipient's zone", () => {
    // Planned for Saturday 09:00 in Berlin, planned at Saturday noon: sent Monday 08:00.
    const now = new Date("2026-03-07T12:00:00Z");
    const at = sendInstant(new Date("2026-03-07T08:00:00Z"), berlin, policy, now);
    expect(at?.toISOString()).toBe("2026-03-09T07:00:00.000Z");
  });

  it("sends a message whose time has just passed now, and drops one more than a day late", () => {
    const now = new Date("2026-03-03T10:00:00Z");
    expect(sendInstant(new Date("2026-03-03T08:00:00Z"), berlin, policy, now)).toEqual(now);
    expect(sendInstant(new Date("2026-03-02T08:00:00Z"), berlin, policy, now)).toBeNull();
  });

  it("leaves what falls beyond the planning horizon for a later pass", () => {
    const now = new Date("2026-03-03T10:00:00Z");
    expect(sendInstant(new Date("2026-03-06T08:00:00Z"), berlin, policy, now)).toBeNull();
    expect(sendInstant(new Date("2026-03-06T08:00:00Z"), berlin, policy, now, 96)).not.toBeNull();
  });
});
