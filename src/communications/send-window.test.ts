import { describe, expect, it } from "vitest";
import { nextSendInstant } from "./send-window.js";

const at = (iso: string) => new Date(iso);
const send = (planned: string, timeZone: string, country: string | null = null) =>
  nextSendInstant(at(planned), { timeZone, country }).toISOString();

describe("send windows in the recipient's time zone", () => {
  it("sends at once within working hours", () => {
    // Tuesday 10:00 in Berlin.
    expect(send("2027-03-02T09:00:00.000Z", "Europe/Berlin")).toBe("2027-03-02T09:00:00.000Z");
  });

  it("holds a message planned at 3 a.m. until quiet hours end, and an evening one until the next morning", () => {
    // Tuesday 03:00 in Tokyo is 18:00 UTC on Monday: it waits until 08:00 Tokyo.
    expect(send("2027-03-01T18:00:00.000Z", "Asia/Tokyo")).toBe("2027-03-01T23:00:00.000Z");
    // Tuesday 21:30 in New York waits until Wednesday 08:00 there.
    expect(send("2027-03-03T02:30:00.000Z", "America/New_York")).toBe("2027-03-03T13:00:00.000Z");
  });

  it("holds weekend messages until Monday morning, or Sunday where the weekend is Friday and Saturday", () => {
    // Saturday noon in Berlin → Monday 08:00 Berlin.
    expect(send("2027-03-06T11:00:00.000Z", "Europe/Berlin")).toBe("2027-03-08T07:00:00.000Z");
    // Friday noon in Riyadh (UTC+3) → Sunday 08:00 there.
    expect(send("2027-03-05T09:00:00.000Z", "Asia/Riyadh", "SA")).toBe("2027-03-07T05:00:00.000Z");
    // Sunday noon in Riyadh is a working day.
    expect(send("2027-03-07T09:00:00.000Z", "Asia/Riyadh", "SA")).toBe("2027-03-07T09:00:00.000Z");
  });

  it("opens at 08:00 local time on both sides of a DST change", () => {
    // Berlin springs forward on Sunday 28 March 2027: Monday 08:00 is 06:00 UTC (summer time).
    expect(send("2027-03-27T12:00:00.000Z", "Europe/Berlin")).toBe("2027-03-29T06:00:00.000Z");
    // Sydney falls back on Sunday 4 April 2027: Monday 08:00 AEST is 22:00 UTC on Sunday.
    expect(send("2027-04-03T02:00:00.000Z", "Australia/Sydney")).toBe("2027-04-04T22:00:00.000Z");
  });

  it("respects custom quiet hours that do not wrap midnight, and can ignore weekends", () => {
    const lunch = { quietFrom: "12:00", quietUntil: "13:00", workingDaysOnly: false };
    expect(
      nextSendInstant(
        at("2027-03-06T12:15:00.000Z"),
        { timeZone: "UTC", country: null },
        lunch,
      ).toISOString(),
    ).toBe("2027-03-06T13:00:00.000Z");
    // Saturday 11:15 is fine when weekends are not held back.
    expect(
      nextSendInstant(
        at("2027-03-06T11:15:00.000Z"),
        { timeZone: "UTC", country: null },
        lunch,
      ).toISOString(),
    ).toBe("2027-03-06T11:15:00.000Z");
  });
});
