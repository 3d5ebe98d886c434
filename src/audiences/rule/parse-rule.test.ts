import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import type { FieldRef, RuleNode, ValueNode } from "./rule-ast.js";
import { parseRule, ruleFields } from "./parse-rule.js";

/** A compact, readable rendering of a rule's tree: `(and (= division "Risk") (not …))`. */
function show(node: RuleNode): string {
  const field = (f: FieldRef) => (f.kind === "column" ? f.name : `attributes[${f.key}]`);
  const value = (v: ValueNode) => {
    switch (v.type) {
      case "text":
        return JSON.stringify(v.value);
      case "number":
        return String(v.value);
      case "date":
        return v.value;
      case "relative_date":
        return `today${v.amount < 0 ? "" : "+"}${v.amount}${v.unit}`;
    }
  };
  switch (node.type) {
    case "and":
    case "or":
      return `(${node.type} ${node.operands.map(show).join(" ")})`;
    case "not":
      return `(not ${show(node.operand)})`;
    case "compare":
      return `(${node.operator} ${field(node.field)} ${value(node.value)})`;
    case "in":
      return `(${node.negated ? "not-in" : "in"} ${field(node.field)} ${node.values.map(value).join(" ")})`;
    case "match":
      return `(${node.operator} ${field(node.field)} ${value(node.value)})`;
    case "empty":
      return `(${node.negated ? "not-empty" : "empty"} ${field(node.field)})`;
    case "tags":
      return `(${node.mode} tags ${node.tags.map(value).join(" ")})`;
    case "reports_to":
      return `(${node.direct ? "reports_directly_to" : "reports_to"} ${value(node.managerId)})`;
  }
}

function errorOf(text: string): AppError {
  try {
    parseRule(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const valueExpected = 'a value (a "quoted text", a date like 2026-01-31, or today)';

describe("parseRule: operators", () => {
  it.each([
    ['division = "Risk"', '(= division "Risk")'],
    ['division != "Risk"', '(!= division "Risk")'],
    ["grade < 5", "(< grade 5)"],
    ["grade <= 5", "(<= grade 5)"],
    ["grade > 5", "(> grade 5)"],
    ["grade >= 5.5", "(>= grade 5.5)"],
    ['grade = "G4"', '(= grade "G4")'],
    ["hire_date < 2026-01-01", "(< hire_date 2026-01-01)"],
    ['hire_date = "2026-01-31"', "(= hire_date 2026-01-31)"],
    ['region in ("EMEA", "APAC")', '(in region "EMEA" "APAC")'],
    ['region in ("EMEA")', '(in region "EMEA")'],
    ['region not in ("EMEA", "APAC")', '(not-in region "EMEA" "APAC")'],
    ['job_title starts with "Eng"', '(starts_with job_title "Eng")'],
    ['job_title ends with "lead"', '(ends_with job_title "lead")'],
    ['job_title contains "engineer"', '(contains job_title "engineer")'],
    ["location is empty", "(empty location)"],
    ["location is not empty", "(not-empty location)"],
    ['tags has "contractor"', '(has tags "contractor")'],
    ['tags has any ("a", "b")', '(has_any tags "a" "b")'],
    ['tags has all ("a", "b")', '(has_all tags "a" "b")'],
    ['reports_to("E1234")', '(reports_to "E1234")'],
    ["reports_directly_to('E1234')", '(reports_directly_to "E1234")'],
    ['id = "E1"', '(= external_id "E1")'],
    ['external_id = "E1"', '(= external_id "E1")'],
    ['manager = "M1"', '(= manager "M1")'],
    ['status = "leaver"', '(= status "leaver")'],
    ['attributes.cost_center starts with "CC-1"', '(starts_with attributes[cost_center] "CC-1")'],
    ['attributes["Cost Center"] = "CC-1"', '(= attributes[Cost Center] "CC-1")'],
    ["attributes['shift'] is empty", "(empty attributes[shift])"],
    ["attributes.level >= -1.5", "(>= attributes[level] -1.5)"],
    ['attributes.level in (1, 2, "x")', '(in attributes[level] 1 2 "x")'],
    ["attributes.review < 2026-06-30", "(< attributes[review] 2026-06-30)"],
    ["attributes.review < today", "(< attributes[review] today+0d)"],
  ])("%s", (text, tree) => {
    expect(show(parseRule(text))).toBe(tree);
  });

  it.each([
    ["hire_date > today", "(> hire_date today+0d)"],
    ["hire_date > today - 90d", "(> hire_date today-90d)"],
    ["hire_date > today + 2w", "(> hire_date today+2w)"],
    ["hire_date > today - 6m", "(> hire_date today-6m)"],
    ["hire_date > today+1Y", "(> hire_date today+1y)"],
    ["hire_date >= TODAY-30D", "(>= hire_date today-30d)"],
    ["hire_date in (today, 2026-01-01)", "(in hire_date today+0d 2026-01-01)"],
  ])("relative date: %s", (text, tree) => {
    expect(show(parseRule(text))).toBe(tree);
  });
});

describe("parseRule: precedence, parentheses and layout", () => {
  it.each([
    ['division = "1" or region = "2" and country = "3"', "(or A (and B C))"],
    ['division = "1" and region = "2" or country = "3"', "(or (and A B) C)"],
    ['not division = "1" and region = "2"', "(and (not A) B)"],
    ['not division = "1" or region = "2" and not country = "3"', "(or (not A) (and B (not C)))"],
    ['(division = "1" or region = "2") and country = "3"', "(and (or A B) C)"],
    ['not (division = "1" or region = "2")', "(not (or A B))"],
    ['division = "1" and region = "2" and country = "3"', "(and A B C)"],
    ['division = "1" or region = "2" or country = "3"', "(or A B C)"],
    ['not not division = "1"', "(not (not A))"],
    ['((division = "1"))', "A"],
    ['division = "1" and (region = "2" and country = "3")', "(and A (and B C))"],
  ])("%s", (text, tree) => {
    // A, B and C stand for the three conditions, to keep the expected trees readable.
    const rendered = show(parseRule(text))
      .replaceAll('(= division "1")', "A")
      .replaceAll('(= region "2")', "B")
      .replaceAll('(= country "3")', "C");
    expect(rendered).toBe(tree);
  });

  it("reads keywords in any case", () => {
    const tree = show(
      parseRule(
        'Division = "Risk" AND Region IN ("EMEA") Or NOT tags HAS ANY ("x") aNd location IS NOT EMPTY and job_title Starts With "a" and REPORTS_TO("E1")',
      ),
    );
    expect(tree).toBe(
      '(or (and (= division "Risk") (in region "EMEA")) (and (not (has_any tags "x")) (not-empty location) (starts_with job_title "a") (reports_to "E1")))',
    );
  });

  it("allows whitespace, line breaks and # comments anywhere between tokens", () => {
    const rule = [
      "# Risk people in the two big regions",
      'division="Risk"and(region in("EMEA","APAC")) # trailing comment',
      "  and",
      "\tnot tags has 'contractor'   ",
      "",
    ].join("\n");
    expect(show(parseRule(rule))).toBe(
      '(and (= division "Risk") (in region "EMEA" "APAC") (not (has tags "contractor")))',
    );
  });

  it("keeps # inside quoted text", () => {
    expect(show(parseRule('name = "#1 # not a comment"'))).toBe('(= name "#1 # not a comment")');
  });

  it.each([
    [`name = "O'Brien"`, "O'Brien"],
    [`name = 'say "hi"'`, 'say "hi"'],
    [String.raw`name = "a \"b\" c"`, 'a "b" c'],
    [String.raw`name = 'it\'s'`, "it's"],
    [String.raw`name = "back\\slash"`, "back\\slash"],
    [String.raw`name = "tab\tnew\nline"`, "tab\tnew\nline"],
    [`name = "100% _sure_"`, "100% _sure_"],
    [`name = ""`, ""],
    [`name = "Łukasz 北京"`, "Łukasz 北京"],
  ])("quoted text %s", (text, value) => {
    const node = parseRule(text);
    expect(node.type === "compare" && node.value.type === "text" && node.value.value).toBe(value);
  });

  it("gives every node its place in the text", () => {
    const node = parseRule('division = "Risk"\n  and not region = "EMEA"');
    expect(node.location).toEqual({
      start: { offset: 0, line: 1, column: 1 },
      end: { offset: 43, line: 2, column: 26 },
    });
    if (node.type !== "and") throw new Error("expected and");
    const [first, second] = node.operands;
    expect(first?.type === "compare" && first.value.location).toEqual({
      start: { offset: 11, line: 1, column: 12 },
      end: { offset: 17, line: 1, column: 18 },
    });
    expect(second?.location.start).toEqual({ offset: 24, line: 2, column: 7 });
    expect(second?.type === "not" && second.operand.location.start).toEqual({
      offset: 28,
      line: 2,
      column: 11,
    });
    expect(
      second?.type === "not" && second.operand.type === "compare" && second.operand.field,
    ).toEqual({
      kind: "column",
      name: "region",
      location: {
        start: { offset: 28, line: 2, column: 11 },
        end: { offset: 34, line: 2, column: 17 },
      },
    });
  });

  it("accepts the limits themselves: 100 conditions, 1,000 values, 10,000 characters", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `grade = "${i}"`).join(" or ");
    expect(parseRule(hundred).type).toBe("or");
    const values = Array.from({ length: 1000 }, (_, i) => `"${i}"`).join(",");
    expect(parseRule(`grade in (${values})`).type).toBe("in");
    const long = `name = "${"x".repeat(10_000 - 9)}"`;
    expect(long).toHaveLength(10_000);
    expect(parseRule(long).type).toBe("compare");
  });

  it("reads a long chain of not without running out of stack", () => {
    expect(parseRule(`${"not ".repeat(2000)}division = "Risk"`).type).toBe("not");
  });
});

describe("parseRule: mistakes are named by line and column", () => {
  it.each([
    // Syntax
    ["division in ()", `Line 1, column 14: expected ${valueExpected}, but found ")".`],
    [
      'division = "Risk',
      'Line 1, column 12: this quoted text is never closed; add a " at its end (quoted text cannot span lines).',
    ],
    [
      'division = \'Risk\nand region = "EMEA"',
      "Line 1, column 12: this quoted text is never closed; add a ' at its end (quoted text cannot span lines).",
    ],
    ["division = ", `Line 1, column 11: expected ${valueExpected}, but found the end of the rule.`],
    [
      'division = and region = "EMEA"',
      `Line 1, column 12: expected ${valueExpected}, but found "and".`,
    ],
    [
      "division = Risk",
      `Line 1, column 12: expected ${valueExpected}, but found "Risk". Text needs quotes: "Risk".`,
    ],
    [
      "division = “Risk”",
      `Line 1, column 12: expected ${valueExpected}, but found "“". Use straight quotes (" or ') instead of curly ones.`,
    ],
    [
      'division = "Risk" foo',
      'Line 1, column 19: expected "and", "or", or the end of the rule, but found "foo".',
    ],
    [
      'division = "Risk" region = "EMEA"',
      'Line 1, column 19: expected "and", "or", or the end of the rule, but found "region".',
    ],
    [
      '(division = "Risk" or region = "EMEA"',
      'Line 1, column 38: expected "and", "or", or ")", but found the end of the rule.',
    ],
    ['division = "Risk")', 'Line 1, column 18: there is a ")" here without a matching "(".'],
    [
      'division = "Risk" and',
      'Line 1, column 22: expected a condition (like division = "Risk"), but found the end of the rule.',
    ],
    [
      'division = "Risk" and and region = "EMEA"',
      'Line 1, column 23: expected a condition (like division = "Risk"), but found "and".',
    ],
    [
      'division "Risk"',
      'Line 1, column 10: expected an operator (=, !=, <, <=, >, >=, in, not in, contains, starts with, ends with, is empty, is not empty, has), but found the text "Risk".',
    ],
    ['division == "Risk"', `Line 1, column 11: expected ${valueExpected}, but found "=".`],
    [
      'region in "EMEA"',
      'Line 1, column 11: expected a list in parentheses, like ("EMEA", "APAC"), but found the text "EMEA".',
    ],
    [
      'region in ("EMEA" "APAC")',
      'Line 1, column 19: expected "," or ")", but found the text "APAC".',
    ],
    ['region in ("EMEA",)', `Line 1, column 19: expected ${valueExpected}, but found ")".`],
    [
      String.raw`name = "a\qb"`,
      String.raw`Line 1, column 10: \q is not an escape; inside quotes write \" for a double quote, \' for a single quote, \\ for a backslash, \n for a new line or \t for a tab.`,
    ],
    [
      "hire_date > today -",
      "Line 1, column 20: after today - write an amount with a unit, like today - 90d (d days, w weeks, m months, y years).",
    ],
    [
      "hire_date > today - 90",
      "Line 1, column 21: after today - write an amount with a unit, like today - 90d (d days, w weeks, m months, y years).",
    ],
    [
      "hire_date < 2026-1-31",
      "Line 1, column 13: 2026-1-31 is not a date; write dates as YYYY-MM-DD, like 2026-01-31.",
    ],
    [
      'attributes. = "x"',
      "Line 1, column 12: write the attribute's name after the dot, like attributes.cost_center.",
    ],
    [
      'attributes[cost] = "x"',
      'Line 1, column 12: expected a "quoted" attribute name, but found "cost".',
    ],
    [
      "reports_to(E1234)",
      `Line 1, column 12: expected ${valueExpected} or ")", but found "E1234". Text needs quotes: "E1234".`,
    ],
    [
      "not",
      'Line 1, column 4: expected a condition (like division = "Risk"), but found the end of the rule.',
    ],
    [
      `${"(".repeat(51)}division = "Risk"${")".repeat(51)}`,
      "Line 1, column 51: parentheses are nested more than 50 levels deep; simplify the rule.",
    ],
    // Meaning
    ['divison = "Risk"', 'Line 1, column 1: unknown field "divison". Did you mean "division"?'],
    ['Regoin = "EMEA"', 'Line 1, column 1: unknown field "Regoin". Did you mean "region"?'],
    [
      'cost_center = "CC-1"',
      'Line 1, column 1: unknown field "cost_center". Fields are id, external_id, name, email, manager, division, department, region, country, location, time_zone, locale, job_title, job_family, grade, employment_type, hire_date, status, tags; a custom attribute is written attributes.cost_center.',
    ],
    [
      'tags = "x"',
      'Line 1, column 6: tags only work with has, has any or has all, like tags has "contractor".',
    ],
    ["tags has 5", 'Line 1, column 10: a tag must be in quotes, like "5".'],
    [
      'region has "EMEA"',
      "Line 1, column 8: has only works with tags; to test region use = or in.",
    ],
    [
      "hire_date < 2026-02-30",
      "Line 1, column 13: 2026-02-30 is not a real date: February 2026 has 28 days.",
    ],
    [
      "hire_date < 2024-02-30",
      "Line 1, column 13: 2024-02-30 is not a real date: February 2024 has 29 days.",
    ],
    [
      "hire_date < 2026-13-01",
      "Line 1, column 13: 2026-13-01 is not a real date: there is no month 13.",
    ],
    [
      'hire_date < "2026-04-31"',
      "Line 1, column 13: 2026-04-31 is not a real date: April 2026 has 30 days.",
    ],
    [
      'hire_date < "soon"',
      'Line 1, column 13: hire_date is a date; compare it with a date like 2026-01-31 or today - 90d, not with "soon".',
    ],
    [
      "hire_date < 2026",
      "Line 1, column 13: hire_date is a date; compare it with a date like 2026-01-31 or today - 90d, not with 2026.",
    ],
    [
      'hire_date contains "2026"',
      "Line 1, column 11: contains only works with text, and hire_date is a date; compare dates with <, <=, >, >= or =.",
    ],
    ["division = 5", 'Line 1, column 12: division holds text; put the value in quotes, like "5".'],
    [
      "division = 2026-01-01",
      'Line 1, column 12: division holds text, not a date; put the value in quotes, like "2026-01-01".',
    ],
    [
      "division < today",
      "Line 1, column 12: today only works with dates, like hire_date; division holds text.",
    ],
    [
      "hire_date > today - 101y",
      "Line 1, column 13: today - 101y is too far away; relative dates reach at most 100 years.",
    ],
    ['status = "Active"', 'Line 1, column 10: status is "active" or "leaver", not "Active".'],
    [
      "job_title contains 5",
      'Line 1, column 20: the text after contains must be in quotes, like "5".',
    ],
    [
      'report_to("E1")',
      'Line 1, column 1: unknown function "report_to". Did you mean "reports_to"?',
    ],
    [
      'manager_of("E1")',
      'Line 1, column 1: unknown function "manager_of". Use reports_to or reports_directly_to.',
    ],
    [
      'division("Risk")',
      'Line 1, column 1: division is a field, not a function; write a condition like division = "…".',
    ],
    [
      "reports_to()",
      'Line 1, column 1: reports_to takes one manager id in quotes, like reports_to("E1234").',
    ],
    [
      'reports_to("E1", "E2")',
      'Line 1, column 1: reports_to takes one manager id in quotes, like reports_to("E1234").',
    ],
    [
      "reports_to(1234)",
      'Line 1, column 12: put the manager\'s id in quotes, like reports_to("1234").',
    ],
    ['reports_to("  ")', "Line 1, column 12: the manager's id is empty."],
    [
      'reports_to = "E1"',
      'Line 1, column 1: reports_to is used with the manager\'s id in parentheses, like reports_to("E1234").',
    ],
    [
      'attributes = "x"',
      'Line 1, column 1: say which attribute, like attributes.cost_center or attributes["Cost Center"].',
    ],
    [
      'region.name = "x"',
      "Line 1, column 1: only attributes takes a name after it (attributes.cost_center); region is a field of its own.",
    ],
    [
      'attributes["a\\"b"] = "x"',
      "Line 1, column 1: an attribute name must not be empty or contain quotes or backslashes.",
    ],
  ])("%s", (text, message) => {
    const error = errorOf(text);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toBe(message);
  });

  it("points at the line of a mistake in a rule of several lines", () => {
    const error = errorOf(
      ['division = "Risk"', 'and region in ("EMEA", "APAC")', "and hire_date < 2026-02-30"].join(
        "\n",
      ),
    );
    expect(error.message).toBe(
      "Line 3, column 17: 2026-02-30 is not a real date: February 2026 has 28 days.",
    );
    expect(error.details).toEqual({ line: 3, column: 17, offset: 65, length: 10 });
  });

  it("points at a missing value at the end of line 3", () => {
    const error = errorOf('division = "Risk"\nand region = "EMEA"\nand country = \n');
    expect(error.message).toBe(
      `Line 3, column 14: expected ${valueExpected}, but found the end of the rule.`,
    );
  });

  it("gives the offset, length and expectations of a syntax error", () => {
    expect(errorOf('division = "Risk" foo').details).toEqual({
      line: 1,
      column: 19,
      offset: 18,
      length: 3,
      expected: ['"and"', '"or"', "the end of the rule"],
    });
    expect(errorOf('divison = "Risk"').details).toEqual({
      line: 1,
      column: 1,
      offset: 0,
      length: 7,
    });
  });

  it.each(["", "   ", "\n\n", "# only a comment\n  # and another"])(
    "refuses an empty rule: %j",
    (text) => {
      const error = errorOf(text);
      expect(error.message).toBe(
        'Line 1, column 1: the rule is empty; write at least one condition, like division = "Risk".',
      );
      expect(error.details).toEqual({ line: 1, column: 1, offset: 0, length: 0 });
    },
  );

  it("refuses more than 100 conditions, at the 101st", () => {
    const rule = Array.from({ length: 101 }, (_, i) => `grade = "${i}"`).join("\nor ");
    expect(errorOf(rule).message).toBe(
      "Line 101, column 4: the rule has more than 100 conditions; group people with a tag or a custom attribute instead.",
    );
  });

  it("counts reports_to and tag tests as conditions", () => {
    const rule = Array.from({ length: 101 }, (_, i) =>
      i % 2 ? `reports_to("E${i}")` : `tags has "t${i}"`,
    ).join(" or ");
    expect(errorOf(rule).message).toMatch(/more than 100 conditions/);
  });

  it("refuses a list of more than 1,000 values, at the 1,001st", () => {
    const values = Array.from({ length: 1001 }, (_, i) => `"${i}"`);
    const error = errorOf(`region in (${values.join(",")})`);
    const offset = `region in (`.length + values.slice(0, 1000).join(",").length + 1;
    expect(error.message).toBe(
      `Line 1, column ${offset + 1}: a list may hold at most 1,000 values; this one has 1,001.`,
    );
    expect(errorOf(`tags has any (${values.join(",")})`).message).toMatch(/at most 1,000 values/);
  });

  it("refuses a rule longer than 10,000 characters", () => {
    const error = errorOf(`name = "${"x".repeat(10_000)}"`);
    expect(error.message).toBe(
      "Line 1, column 10001: the rule is 10,009 characters long; a rule may have at most 10,000.",
    );
  });
});

describe("ruleFields", () => {
  it("lists every field with its type and a description", () => {
    expect(ruleFields.map((f) => f.name)).toEqual([
      "id",
      "external_id",
      "name",
      "email",
      "manager",
      "division",
      "department",
      "region",
      "country",
      "location",
      "time_zone",
      "locale",
      "job_title",
      "job_family",
      "grade",
      "employment_type",
      "hire_date",
      "status",
      "tags",
      "attributes.<name>",
    ]);
    expect(ruleFields.find((f) => f.name === "hire_date")?.type).toBe("date");
    expect(ruleFields.find((f) => f.name === "tags")?.type).toBe("tags");
    for (const field of ruleFields) expect(field.description.length).toBeGreaterThan(5);
  });

  it("every listed field parses", () => {
    for (const field of ruleFields) {
      const name = field.name.replace("<name>", "cost_center");
      const rule =
        field.type === "tags"
          ? `${name} has "x"`
          : field.type === "date"
            ? `${name} < today`
            : `${name} is not empty`;
      expect(() => parseRule(rule)).not.toThrow();
    }
  });
});
