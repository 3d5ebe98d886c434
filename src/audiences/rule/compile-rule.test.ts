import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { describeEachEngine } from "../../test/databases.js";
import { importCsv, personRow, smallOrg, toCsv } from "../../test/factories.js";
import { compileRule, ruleConditionCount } from "./compile-rule.js";
import { parseRule } from "./parse-rule.js";

const today = "2026-03-15";

/**
 * The small organisation (CEO → M1 → E1, E2; CEO → M2 → E3 → E4) with dates, numbers, custom
 * attributes and one leaver, L1, under M1 (whose level, "7.", is not a number). Every row has
 * every column so that the CSV header has them all.
 */
function organisation(): Record<string, string>[] {
  const extra: Record<string, Record<string, string>> = {
    CEO: {
      hire_date: "2010-05-01",
      grade: "12",
      tags: "regulated",
      cost_center: "CC-100",
      "Cost Center": "A 1",
      level: "10",
    },
    M1: {
      job_title: "Risk Manager",
      hire_date: "2018-03-01",
      grade: "G7",
      tags: "regulated;people-manager",
      cost_center: "CC-110",
      level: "7",
      review: "2026-04-01",
    },
    M2: {
      job_title: "Engineering Manager",
      hire_date: "2019-07-15",
      tags: "People-Manager",
      cost_center: "CC-200",
      level: "7.5",
    },
    E1: { hire_date: "2026-01-10", cost_center: "CC-1_0", level: "abc", review: "2026-02-01" },
    E2: {
      job_title: "Senior Analyst",
      hire_date: "2025-12-20",
      grade: "9",
      cost_center: "CC-110",
      level: "4",
    },
    E3: {
      job_title: "Software Engineer",
      hire_date: "",
      location: "",
      tags: "frontline",
      level: "-2",
    },
    E4: {
      job_title: "software engineer II",
      hire_date: "2026-03-01",
      location: "Singapore",
      tags: "",
      cost_center: "100%CC",
      level: "12",
    },
  };
  const blank = { cost_center: "", "Cost Center": "", level: "", review: "", status: "" };
  const rows: Record<string, string>[] = smallOrg().map((row) => ({
    ...row,
    ...blank,
    ...extra[row.external_id ?? ""],
  }));
  rows.push(
    personRow("L1", {
      ...blank,
      manager_id: "M1",
      status: "leaver",
      hire_date: "2015-01-01",
      level: "7.",
    }),
  );
  return rows;
}

describeEachEngine("compileRule", (use, engine) => {
  beforeAll(async () => {
    const report = await importCsv(use(), toCsv(organisation()));
    expect(report.errorCount).toBe(0);
  });

  /** External ids of everyone (active or not) the rule selects, sorted. */
  async function matching(rule: string): Promise<string[]> {
    const condition = compileRule(parseRule(rule), { today, postgres: engine === "postgres" });
    const rows = await use()
      .kysely.selectFrom("people")
      .select("external_id")
      .where((eb) => condition(eb))
      .execute();
    return rows.map((r) => r.external_id).sort();
  }

  const everyone = ["CEO", "E1", "E2", "E3", "E4", "L1", "M1", "M2"];

  it.each([
    // Text comparisons: exact and case-sensitive; != and not in never match an empty value.
    ['division = "Risk"', ["E1", "E2", "L1", "M1"]],
    ['division = "risk"', []],
    ['division != "Risk"', ["CEO", "E3", "E4", "M2"]],
    ['location != "Frankfurt"', ["E4"]],
    ['not location = "Frankfurt"', ["E3", "E4"]],
    ['region in ("APAC")', ["E3", "E4", "M2"]],
    ['country not in ("DE", "JP")', ["E2", "E4"]],
    ['location not in ("Frankfurt")', ["E4"]],
    ['id = "E1"', ["E1"]],
    ['id in ("E1", "M2", "nobody")', ["E1", "M2"]],
    ['manager = "M1"', ["E1", "E2", "L1"]],
    ['email = "e2@example.com"', ["E2"]],
    // Ordering compares code points on both engines: capitals sort before small letters.
    ['name < "E"', ["CEO", "M2"]],
    ['name >= "a"', []],
    ['status = "leaver"', ["L1"]],
    ['status != "leaver"', everyone.filter((id) => id !== "L1")],
    // Text matching: case-insensitive, % and _ are plain characters.
    ['job_title contains "ENGINEER"', ["E3", "E4", "M2"]],
    ['job_title starts with "software"', ["E3", "E4"]],
    ['job_title ends with "analyst"', ["E1", "E2", "L1"]],
    ['attributes.cost_center starts with "CC-1"', ["CEO", "E1", "E2", "M1"]],
    ['attributes.cost_center contains "_"', ["E1"]],
    ['attributes.cost_center contains "%"', ["E4"]],
    ['attributes.cost_center ends with "0"', ["CEO", "E1", "E2", "M1", "M2"]],
    // Empty values: null or ''.
    ["location is empty", ["E3"]],
    ["location is not empty", everyone.filter((id) => id !== "E3")],
    ["hire_date is empty", ["E3"]],
    ["attributes.cost_center is empty", ["E3", "L1"]],
    ["attributes.review is not empty", ["E1", "M1"]],
    // Dates.
    ["hire_date < 2016-01-01", ["CEO", "L1"]],
    ["hire_date = 2019-07-15", ["M2"]],
    ['hire_date = "2019-07-15"', ["M2"]],
    ["hire_date != 2019-07-15", ["CEO", "E1", "E2", "E4", "L1", "M1"]],
    ["hire_date >= 2026-01-10", ["E1", "E4"]],
    ["hire_date <= 2018-03-01", ["CEO", "L1", "M1"]],
    ["hire_date in (2010-05-01, 2015-01-01)", ["CEO", "L1"]],
    ["hire_date > today - 90d", ["E1", "E2", "E4"]],
    ["hire_date >= today - 2w", ["E4"]],
    ["hire_date > today - 3m", ["E1", "E2", "E4"]],
    ["hire_date > today - 1y", ["E1", "E2", "E4"]],
    ["hire_date > today - 8y", ["E1", "E2", "E4", "M2"]],
    ["hire_date < today + 1d", ["CEO", "E1", "E2", "E4", "L1", "M1", "M2"]],
    ["hire_date > today", []],
    ["attributes.review < today", ["E1"]],
    ["attributes.review < 2026-12-31", ["E1", "M1"]],
    // Numbers: compared as numbers where the value is a number; other values never match.
    ["attributes.level > 5", ["CEO", "E4", "M1", "M2"]],
    ["attributes.level < 0", ["E3"]],
    ["attributes.level = 7.5", ["M2"]],
    ["attributes.level >= 7", ["CEO", "E4", "M1", "M2"]],
    ["attributes.level <= 4", ["E2", "E3"]],
    ["attributes.level != 7", ["CEO", "E2", "E3", "E4", "M2"]],
    ["attributes.level in (4, 10)", ["CEO", "E2"]],
    ['attributes.level in (4, "abc")', ["E1", "E2"]],
    ["attributes.level not in (4, 10)", ["E3", "E4", "M1", "M2"]],
    ['attributes.level = "7.5"', ["M2"]],
    ["grade >= 9", ["CEO", "E2"]],
    ['grade = "G4"', ["E1", "E3", "E4", "L1", "M2"]],
    // Custom attributes, also with spaces in their name.
    ['attributes["Cost Center"] = "A 1"', ["CEO"]],
    ['attributes.cost_center in ("CC-110", "CC-200")', ["E2", "M1", "M2"]],
    ['attributes.cost_center != "CC-110"', ["CEO", "E1", "E4", "M2"]],
    ['attributes.missing = "x"', []],
    // Tags: stored in lower case, so tests on them are case-insensitive.
    ['tags has "contractor"', ["E2"]],
    ['tags has "Contractor"', ["E2"]],
    ['tags has any ("contractor", "people-manager")', ["E2", "M1", "M2"]],
    ['tags has all ("regulated", "people-manager")', ["M1"]],
    ['tags has all ("frontline")', ["E2", "E3"]],
    ['tags has all ("frontline", "frontline")', ["E2", "E3"]],
    ['not tags has "regulated"', ["E2", "E3", "E4", "M2"]],
    // The manager tree.
    ['reports_to("M1")', ["E1", "E2", "L1"]],
    ['reports_to("CEO")', everyone.filter((id) => id !== "CEO")],
    ['reports_to("M2")', ["E3", "E4"]],
    ['reports_directly_to("M2")', ["E3"]],
    ['reports_directly_to("CEO")', ["M1", "M2"]],
    ['reports_to("E4")', []],
    ['reports_to("nobody")', []],
    // Combinations.
    [
      'division = "Risk" and region in ("EMEA", "APAC") and not tags has "contractor" and hire_date < 2026-01-01',
      ["L1", "M1"],
    ],
    ['hire_date > today - 90d or reports_to("M2")', ["E1", "E2", "E3", "E4"]],
    ['attributes.cost_center starts with "CC-1" and job_title contains "analyst"', ["E1", "E2"]],
    ['not (division = "Risk" or region = "APAC")', ["CEO"]],
    ['division = "Risk" or region = "APAC" and country = "SG"', ["E1", "E2", "E4", "L1", "M1"]],
    ['(division = "Risk" or region = "APAC") and country = "SG"', ["E4"]],
    ['not not division = "Executive"', ["CEO"]],
    [`${"not ".repeat(1001)}division = "Executive"`, everyone.filter((id) => id !== "CEO")],
  ])("%s", async (rule, expected) => {
    expect(await matching(rule)).toEqual(expected);
  });

  it("sends every value as a bound parameter", async () => {
    const hostile = `x'); drop table people; --`;
    const rule = `division = "${hostile}" or attributes["it's"] = "${hostile}" or job_title contains "${hostile}" or tags has "${hostile}" or reports_to("${hostile}")`;
    const condition = compileRule(parseRule(rule), { today, postgres: engine === "postgres" });
    const query = use()
      .kysely.selectFrom("people")
      .select("external_id")
      .where((eb) => condition(eb))
      .compile();
    expect(query.sql).not.toContain("drop table");
    expect(query.sql).not.toContain("it's");
    expect(query.parameters).toContain(hostile);
    expect(await matching(rule)).toEqual([]);
    expect(await matching('id = "E1"')).toEqual(["E1"]);
  });

  it("refuses a today that is not a date", () => {
    expect(() =>
      compileRule(parseRule("hire_date < today"), { today: "soon", postgres: false }),
    ).toThrow(AppError);
  });
});

describe("ruleConditionCount", () => {
  it.each([
    ['division = "Risk"', 1],
    ['division = "Risk" and region in ("EMEA", "APAC")', 2],
    ['not (tags has any ("a", "b") or reports_to("E1")) and location is empty', 3],
    ['((division = "Risk")) or not not region = "EMEA" or hire_date < today', 3],
  ])("%s has %i", (rule, count) => {
    expect(ruleConditionCount(parseRule(rule))).toBe(count);
  });
});
