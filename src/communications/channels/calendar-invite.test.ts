import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarInvite, type SessionInvite } from "./calendar-invite.js";

const session: SessionInvite = {
  uid: "session-42@cascade.example",
  sequence: 0,
  title: "Speak-up workshop",
  description: "Ninety minutes on raising concerns, with cases from our own divisions.",
  // 09:00–10:30 in Berlin on a summer day.
  start: new Date("2027-06-15T07:00:00Z"),
  end: new Date("2027-06-15T08:30:00Z"),
  timeZone: "Europe/Berlin",
  location: null,
  joinUrl: "https://meet.example.com/speak-up-42",
  organizer: { name: "Cascade", email: "learning@example.com" },
  attendee: { name: "Akira Tanaka", email: "akira.tanaka@example.com" },
};

/** Parses the invitation with a real iCalendar parser (ical.js) and returns its one event. */
function parseEvent(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent") ?? undefined);
  return { calendar, event, vevent: calendar.getFirstSubcomponent("vevent") };
}

describe("calendar invitations (RFC 5545)", () => {
  it("invites with a stable UID, the session's instants, the join link and an RSVP", () => {
    const { calendar, event, vevent } = parseEvent(calendarInvite(session, "request"));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe("session-42@cascade.example");
    expect(event.summary).toBe("Speak-up workshop");
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-06-15T07:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2027-06-15T08:30:00.000Z");
    expect(event.description).toContain("Join: https://meet.example.com/speak-up-42");
    const attendee = vevent?.getFirstProperty("attendee");
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe("mailto:akira.tanaka@example.com");
    expect(attendee?.getParameter("rsvp")).toBe("TRUE");
    expect(String(vevent?.getFirstProperty("organizer")?.getFirstValue()).toLowerCase()).toBe(
      "mailto:learning@example.com",
    );
  });

  it("updates and cancels the same event: same UID, higher sequence, METHOD:CANCEL", () => {
    const moved = parseEvent(
      calendarInvite(
        {
          ...session,
          sequence: 1,
          start: new Date("2027-06-16T07:00:00Z"),
          end: new Date("2027-06-16T08:30:00Z"),
        },
        "request",
      ),
    );
    expect(moved.event.uid).toBe(session.uid);
    expect(moved.event.sequence).toBe(1);
    const cancelled = parseEvent(calendarInvite({ ...session, sequence: 2 }, "cancel"));
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.vevent?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.event.sequence).toBe(2);
  });
});
