import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";

/** An instructor-led or virtual session, as an invitation describes it. */
export interface SessionInvite {
  /** Stable across updates and cancellation, so calendars replace the event instead of adding one. */
  uid: string;
  /** Incremented on every change (RFC 5545 SEQUENCE). */
  sequence: number;
  title: string;
  description: string;
  start: Date;
  end: Date;
  /** The session's own time zone (the facilitator's), e.g. "Europe/Berlin". */
  timeZone: string;
  location: string | null;
  joinUrl: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * An iCalendar (RFC 5545) invitation for one attendee: METHOD:REQUEST for an invitation or an
 * update, METHOD:CANCEL when the session is cancelled. Times are written in UTC, which every
 * calendar shows in its owner's zone; the session's zone is kept as X-WR-TIMEZONE for reference.
 */
export function calendarInvite(session: SessionInvite, method: "request" | "cancel"): string {
  const calendar = ical({
    prodId: { company: "Cascade", product: "Cascade", language: "EN" },
    method: method === "request" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    timezone: session.timeZone,
  });
  calendar.createEvent({
    id: session.uid,
    sequence: session.sequence,
    start: session.start,
    end: session.end,
    summary: session.title,
    description: session.joinUrl
      ? `${session.description}\n\nJoin: ${session.joinUrl}`
      : session.description,
    location: session.location ?? session.joinUrl ?? null,
    url: session.joinUrl,
    organizer: { name: session.organizer.name, email: session.organizer.email },
    attendees: [
      {
        name: session.attendee.name,
        email: session.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: true,
      },
    ],
    status: method === "cancel" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
