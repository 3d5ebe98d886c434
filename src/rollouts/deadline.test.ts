import { describe, expect, it } from "vitest";
import {
  afterBlackouts,
  checkFeasibility,
  dueInstant,
  localToInstant,
  workingDaysBetween,
} from "./deadline.js";

describe("deadlines in local time", () => {
  it.each([
    ["Europe/Berlin", "2026-03-28", "2026-03-28T22:59:00Z"], // winter time, UTC+1
    ["Europe/Berlin", "2026-03-29", "2026-03-29T21:59:00Z"], // summer time from that morning
    ["America/New_York", "2026-03-07", "2026-03-08T04:59:00Z"],
    ["America/New_York", "2026-03-08", "2026-03-09T03:59:00Z"],
    ["Australia/Sydney", "2026-04-04", "2026-04-04T12:59:00Z"], // daylight time ends 5 April
    ["Australia/Sydney", "2026-04-05", "2026-04-05T13:59:00Z"],
    ["Asia/Kolkata", "2026-06-30", "2026-06-30T18:29:00Z"],
    ["Pacific/Chatham", "2026-01-15", "2026-01-15T10:14:00Z"], // UTC+13:45
    ["America/Sao_Paulo", "2026-11-01", "2026-11-02T02:59:00Z"],
  ])("23:59 on %s %s is %s", (zone, date, instant) => {
    expect(localToInstant(date, "23:59", zone)).toBe(instant);
  });

  it("moves a time that does not exist forward by the gap and takes the earlier of a repeated one", () => {
    expect(localToInstant("2026-03-29", "02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00Z");
    // 02:30 on 25 October happens at 00:30 UTC (summer time) and again at 01:30 UTC.
    expect(localToInstant("2026-10-25", "02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00Z");
    expect(localToInstant("2026-11-01", "01:30", "America/New_York")).toBe("2026-11-01T05:30:00Z");
    expect(localToInstant("2026-04-05", "02:30", "Australia/Sydney")).toBe("2026-04-04T15:30:00Z");
  });

  it("counts N days after the launch date and moves deadlines out of the division's blackouts", () => {
    const blackouts = [
      { division: "Finance", startsOn: "2026-03-30", endsOn: "2026-04-03" },
      { division: "Finance", startsOn: "2026-04-04", endsOn: "2026-04-06" },
    ];
    const due = dueInstant({
      policy: { kind: "relative", days: 30, time: "23:59" },
      startDate: "2026-03-01",
      timeZone: "Europe/London",
      division: "Finance",
      blackouts,
    });
    // 31 March is in the first period; the day after it is in the second: 7 April.
    expect(due).toEqual({
      dueAt: "2026-04-07T22:59:00Z",
      dueDate: "2026-04-07",
      movedByBlackout: true,
    });
    expect(afterBlackouts("2026-03-31", "Risk", blackouts)).toBe("2026-03-31");
    expect(afterBlackouts("2026-03-29", "Finance", blackouts)).toBe("2026-03-29");
  });

  it("counts working days and the realistic date for a program's expected duration", () => {
    expect(workingDaysBetween("2026-03-02", "2026-03-09")).toBe(5); // Monday to Monday
    expect(workingDaysBetween("2026-03-06", "2026-03-09")).toBe(1); // Friday to Monday
    expect(workingDaysBetween("2026-03-09", "2026-03-09")).toBe(0);
    expect(workingDaysBetween("2026-03-02", "2026-04-30")).toBe(43);
    expect(
      checkFeasibility({
        startDate: "2026-03-02",
        dueDate: "2026-03-09",
        expectedMinutes: 600,
        dailyMinutes: 30,
      }),
    ).toEqual({
      feasible: false,
      availableDays: 5,
      requiredDays: 20,
      realisticDate: "2026-03-30",
    });
    expect(
      checkFeasibility({
        startDate: "2026-03-02",
        dueDate: "2026-03-31",
        expectedMinutes: 600,
        dailyMinutes: 30,
      }).feasible,
    ).toBe(true);
  });
});
