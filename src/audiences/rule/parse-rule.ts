import { DateTime } from "luxon";
import peggy from "peggy";
import type { parser as peggyParser } from "peggy";
import { AppError } from "../../platform/errors.js";
import type {
  ColumnField,
  CompareOperator,
  DateUnit,
  FieldRef,
  RuleNode,
  SourceLocation,
  SourcePosition,
  TextValue,
  ValueNode,
} from "./rule-ast.js";
import { ruleGrammar } from "./rule-grammar.js";
import { suggest } from "../../platform/suggest.js";

/** One field an audience rule can test: for the reference page and the editor's autocomplete. */
export interface RuleField {
  name: string;
  type: "text" | "date" | "tags" | "attribute";
  description: string;
}

interface FieldSpec extends RuleField {
  field: ColumnField | "tags" | null;
}

const fieldSpecs: FieldSpec[] = [
  {
    name: "id",
    field: "external_id",
    type: "text",
    description: "The person's id in your HRIS (same as external_id).",
  },
  {
    name: "external_id",
    field: "external_id",
    type: "text",
    description: "The person's id in your HRIS.",
  },
  { name: "name", field: "name", type: "text", description: "Full name." },
  {
    name: "email",
    field: "email",
    type: "text",
    description: "Work e-mail address, in lower case.",
  },
  {
    name: "manager",
    field: "manager",
    type: "text",
    description: "The id of their direct manager.",
  },
  { name: "division", field: "division", type: "text", description: "Division or business unit." },
  { name: "department", field: "department", type: "text", description: "Department or team." },
  {
    name: "region",
    field: "region",
    type: "text",
    description: "Region, as your organisation names them.",
  },
  {
    name: "country",
    field: "country",
    type: "text",
    description: "Country of work, a two-letter code in capitals (DE, US).",
  },
  { name: "location", field: "location", type: "text", description: "Site or city." },
  {
    name: "time_zone",
    field: "time_zone",
    type: "text",
    description: "Time zone, like Europe/Berlin.",
  },
  {
    name: "locale",
    field: "locale",
    type: "text",
    description: "Language and region, like de-DE.",
  },
  { name: "job_title", field: "job_title", type: "text", description: "Job title." },
  { name: "job_family", field: "job_family", type: "text", description: "Job family." },
  {
    name: "grade",
    field: "grade",
    type: "text",
    description: "Grade or level; compared as a number when you write a number (grade >= 7).",
  },
  {
    name: "employment_type",
    field: "employment_type",
    type: "text",
    description: "employee, contractor, intern, …, in lower case.",
  },
  { name: "hire_date", field: "hire_date", type: "date", description: "First day of work." },
  {
    name: "status",
    field: "status",
    type: "text",
    description: '"active" or "leaver". Audiences only ever contain active people.',
  },
  {
    name: "tags",
    field: "tags",
    type: "tags",
    description: "Tags, in lower case; only with has, has any or has all.",
  },
  {
    name: "attributes.<name>",
    field: null,
    type: "attribute",
    description:
      'A custom attribute (an extra column of the people import): attributes.cost_center, or attributes["Cost Center"].',
  },
];

/** Every field a rule can test, with its type and a one-line description. */
export const ruleFields: readonly RuleField[] = fieldSpecs.map(({ name, type, description }) => ({
  name,
  type,
  description,
}));

const specsByName = new Map(fieldSpecs.filter((s) => s.field).map((s) => [s.name, s]));
const functionNames = ["reports_to", "reports_directly_to"];
const maxRuleLength = 10_000;
const maxConditions = 100;
const maxListValues = 1_000;
const maxRelativeAmount: Record<DateUnit, number> = { d: 36_525, w: 5_218, m: 1_200, y: 100 };
const ruleParser = peggy.generate(ruleGrammar);

/** Reads an audience rule into its syntax tree; throws `validation_failed` naming line and column. */
export function parseRule(text: string): RuleNode {
  if (text.length > maxRuleLength) {
    const at = positionAt(text, maxRuleLength);
    throw ruleError(
      at,
      0,
      `the rule is ${text.length.toLocaleString("en")} characters long; a rule may have at most 10,000.`,
    );
  }
  let syntax: SyntaxNode | null;
  try {
    syntax = ruleParser.parse(text) as SyntaxNode | null;
  } catch (error) {
    if (error instanceof ruleParser.SyntaxError) throw syntaxError(text, error);
    throw error;
  }
  if (syntax === null)
    throw ruleError(
      positionAt(text, 0),
      0,
      'the rule is empty; write at least one condition, like division = "Risk".',
    );
  return checkNode(syntax, { conditions: 0 });
}

// The loose tree the grammar returns; `checkNode` turns it into a typed RuleNode.
interface SyntaxName {
  text: string;
  location: SourceLocation;
}
type SyntaxValue =
  | { type: "text"; value: string; location: SourceLocation }
  | { type: "number" | "date"; text: string; location: SourceLocation }
  | { type: "today"; sign: "+" | "-"; amount: number; unit: DateUnit; location: SourceLocation };
type SyntaxNode =
  | { type: "and"; operands: SyntaxNode[]; location: SourceLocation }
  | { type: "or"; operands: SyntaxNode[]; location: SourceLocation }
  | { type: "not"; operand: SyntaxNode; location: SourceLocation }
  | { type: "call"; name: SyntaxName; args: SyntaxValue[]; location: SourceLocation }
  | {
      type: "condition";
      field: { name: SyntaxName; key: string | null; location: SourceLocation };
      op: SyntaxName;
      value?: SyntaxValue;
      values?: SyntaxValue[];
      location: SourceLocation;
    };

type ResolvedField =
  | { kind: "tags"; label: string }
  | { kind: "field"; ref: FieldRef; type: "text" | "date" | "attribute"; label: string };

function checkNode(node: SyntaxNode, counter: { conditions: number }): RuleNode {
  switch (node.type) {
    case "and":
      return { ...node, operands: node.operands.map((o) => checkNode(o, counter)) };
    case "or":
      return { ...node, operands: node.operands.map((o) => checkNode(o, counter)) };
    case "not":
      return { ...node, operand: checkNode(node.operand, counter) };
    case "call":
    case "condition":
      if (++counter.conditions > maxConditions)
        throw errorAt(
          node.location,
          `the rule has more than ${maxConditions} conditions; group people with a tag or a custom attribute instead.`,
        );
      return node.type === "call" ? checkCall(node) : checkCondition(node);
  }
}

function checkCall(node: Extract<SyntaxNode, { type: "call" }>): RuleNode {
  const name = node.name.text.toLowerCase();
  if (!functionNames.includes(name)) {
    if (specsByName.has(name))
      throw errorAt(
        node.name.location,
        `${name} is a field, not a function; write a condition like ${name} = "…".`,
      );
    throw errorAt(
      node.name.location,
      `unknown function "${node.name.text}".${suggest(name, functionNames, " Use reports_to or reports_directly_to.")}`,
    );
  }
  const [arg] = node.args;
  if (!arg || node.args.length > 1)
    throw errorAt(node.location, `${name} takes one manager id in quotes, like ${name}("E1234").`);
  if (arg.type !== "text")
    throw errorAt(
      arg.location,
      `put the manager's id in quotes, like ${name}("${valueText(arg)}").`,
    );
  if (arg.value.trim() === "") throw errorAt(arg.location, "the manager's id is empty.");
  return {
    type: "reports_to",
    direct: name === "reports_directly_to",
    managerId: arg,
    location: node.location,
  };
}

function checkCondition(node: Extract<SyntaxNode, { type: "condition" }>): RuleNode {
  const field = resolveField(node.field);
  const op = node.op.text;
  const values = node.values ?? [];
  if (values.length > maxListValues)
    throw errorAt(
      values[maxListValues]!.location,
      `a list may hold at most 1,000 values; this one has ${values.length.toLocaleString("en")}.`,
    );
  if (field.kind === "tags") {
    if (!op.startsWith("has"))
      throw errorAt(
        node.op.location,
        'tags only work with has, has any or has all, like tags has "contractor".',
      );
    const tags = (node.value ? [node.value] : values).map((v) => textOnly(v, "a tag"));
    const mode = op === "has" ? "has" : op === "has any" ? "has_any" : "has_all";
    return { type: "tags", mode, tags, location: node.location };
  }
  if (op.startsWith("has"))
    throw errorAt(
      node.op.location,
      `${op} only works with tags; to test ${field.label} use = or in.`,
    );
  const { ref } = field;
  switch (op) {
    case "in":
    case "not in":
      return {
        type: "in",
        field: ref,
        negated: op === "not in",
        values: values.map((v) => checkValue(field, op, v)),
        location: node.location,
      };
    case "starts with":
    case "ends with":
    case "contains": {
      if (field.type === "date")
        throw errorAt(
          node.op.location,
          `${op} only works with text, and ${field.label} is a date; compare dates with <, <=, >, >= or =.`,
        );
      const operator =
        op === "contains" ? "contains" : op === "starts with" ? "starts_with" : "ends_with";
      return {
        type: "match",
        field: ref,
        operator,
        value: textOnly(node.value!, `the text after ${op}`),
        location: node.location,
      };
    }
    case "is empty":
    case "is not empty":
      return { type: "empty", field: ref, negated: op === "is not empty", location: node.location };
    default:
      return {
        type: "compare",
        field: ref,
        operator: op as CompareOperator,
        value: checkValue(field, op, node.value!),
        location: node.location,
      };
  }
}

function resolveField(node: Extract<SyntaxNode, { type: "condition" }>["field"]): ResolvedField {
  const written = node.name.text;
  const name = written.toLowerCase();
  if (node.key !== null) {
    if (name !== "attributes")
      throw errorAt(
        node.location,
        `only attributes takes a name after it (attributes.cost_center); ${written} is a field of its own.`,
      );
    if (node.key === "" || /["\\]/.test(node.key))
      throw errorAt(
        node.location,
        "an attribute name must not be empty or contain quotes or backslashes.",
      );
    const label = /^[A-Za-z0-9_]+$/.test(node.key)
      ? `attributes.${node.key}`
      : `attributes["${node.key}"]`;
    return {
      kind: "field",
      ref: { kind: "attribute", key: node.key, location: node.location },
      type: "attribute",
      label,
    };
  }
  if (name === "attributes")
    throw errorAt(
      node.location,
      'say which attribute, like attributes.cost_center or attributes["Cost Center"].',
    );
  const spec = specsByName.get(name);
  if (spec?.field === "tags") return { kind: "tags", label: name };
  if (spec?.field) {
    const ref: FieldRef = { kind: "column", name: spec.field, location: node.location };
    return { kind: "field", ref, type: spec.type === "date" ? "date" : "text", label: name };
  }
  if (functionNames.includes(name))
    throw errorAt(
      node.location,
      `${name} is used with the manager's id in parentheses, like ${name}("E1234").`,
    );
  const fields = [...specsByName.keys()].join(", ");
  throw errorAt(
    node.location,
    `unknown field "${written}".${suggest(name, [...specsByName.keys(), "attributes"], ` Fields are ${fields}; a custom attribute is written attributes.${written}.`)}`,
  );
}

function checkValue(
  field: Extract<ResolvedField, { kind: "field" }>,
  op: string,
  value: SyntaxValue,
): ValueNode {
  const { label, type } = field;
  const column = field.ref.kind === "column" ? field.ref.name : null;
  switch (value.type) {
    case "text":
      if (type === "date") {
        if (/^\d{4}-\d{2}-\d{2}$/.test(value.value)) return checkDate(value.value, value.location);
        throw errorAt(
          value.location,
          `${label} is a date; compare it with a date like 2026-01-31 or today - 90d, not with "${value.value}".`,
        );
      }
      if (
        column === "status" &&
        ["=", "!=", "in", "not in"].includes(op) &&
        !["active", "leaver"].includes(value.value)
      )
        throw errorAt(value.location, `status is "active" or "leaver", not "${value.value}".`);
      return value;
    case "number":
      if (type === "date")
        throw errorAt(
          value.location,
          `${label} is a date; compare it with a date like 2026-01-31 or today - 90d, not with ${value.text}.`,
        );
      if (type === "text" && column !== "grade")
        throw errorAt(
          value.location,
          `${label} holds text; put the value in quotes, like "${value.text}".`,
        );
      return { type: "number", value: Number(value.text), location: value.location };
    case "date":
      if (type === "text")
        throw errorAt(
          value.location,
          `${label} holds text, not a date; put the value in quotes, like "${value.text}".`,
        );
      return checkDate(value.text, value.location);
    case "today": {
      if (type === "text")
        throw errorAt(
          value.location,
          `today only works with dates, like hire_date; ${label} holds text.`,
        );
      if (value.amount > maxRelativeAmount[value.unit])
        throw errorAt(
          value.location,
          `${valueText(value)} is too far away; relative dates reach at most 100 years.`,
        );
      const amount = value.sign === "-" ? -value.amount : value.amount;
      return { type: "relative_date", amount, unit: value.unit, location: value.location };
    }
  }
}

function checkDate(text: string, location: SourceLocation): ValueNode {
  const [year = 0, month = 0, day = 0] = text.split("-").map(Number);
  if (month < 1 || month > 12)
    throw errorAt(location, `${text} is not a real date: there is no month ${month}.`);
  const first = DateTime.utc(year, month, 1).setLocale("en");
  if (day < 1 || day > (first.daysInMonth ?? 31))
    throw errorAt(
      location,
      `${text} is not a real date: ${first.monthLong} ${year} has ${first.daysInMonth} days.`,
    );
  return { type: "date", value: text, location };
}

function textOnly(value: SyntaxValue, what: string): TextValue {
  if (value.type === "text") return value;
  throw errorAt(value.location, `${what} must be in quotes, like "${valueText(value)}".`);
}

function valueText(value: SyntaxValue): string {
  if (value.type === "text") return value.value;
  if (value.type === "today")
    return value.amount === 0 ? "today" : `today ${value.sign} ${value.amount}${value.unit}`;
  return value.text;
}

const expectationText: Record<string, string> = {
  "a value": 'a value (a "quoted text", a date like 2026-01-31, or today)',
  "an operator":
    "an operator (=, !=, <, <=, >, >=, in, not in, contains, starts with, ends with, is empty, is not empty, has)",
  "a field name": 'a condition (like division = "Risk")',
};

function syntaxError(text: string, error: peggyParser.SyntaxError): AppError {
  const { end } = error.location;
  let { start } = error.location;
  const token = tokenAt(text, start.offset);
  // At the end of the rule, point just after its last word rather than at trailing blank lines.
  if (token === null) start = positionAt(text, Math.min(start.offset, text.trimEnd().length));
  if (error.expected === null) {
    // Raised by the grammar itself (unclosed quote, bad date): its message is already plain words.
    return ruleError(start, Math.max(end.offset - start.offset, token?.length ?? 0), error.message);
  }
  let expected = [...new Set(error.expected.map(describeExpectation))];
  if (expected.includes(expectationText["a field name"]!))
    expected = expected.filter((e) => e !== '"not"' && e !== '"("');
  expected.sort(
    (a, b) => Number(a === "the end of the rule") - Number(b === "the end of the rule"),
  );
  const found =
    token === null
      ? "the end of the rule"
      : /^\s/.test(token)
        ? token === " "
          ? "a space"
          : "a line break"
        : /^["']/.test(token)
          ? `the text ${token}`
          : `"${token}"`;
  const details = { expected };
  if (token === ")" && expected.includes("the end of the rule") && !expected.includes('")"'))
    return ruleError(start, 1, 'there is a ")" here without a matching "(".', details);
  let message = `expected ${joinOr(expected)}, but found ${found}.`;
  if (
    token &&
    /^[A-Za-z_]/.test(token) &&
    !/^(and|or|not)$/i.test(token) &&
    expected.includes(expectationText["a value"]!)
  )
    message += ` Text needs quotes: "${token}".`;
  if (token && /^[\u2018\u2019\u201C\u201D]/.test(token))
    message += ` Use straight quotes (" or ') instead of curly ones.`;
  return ruleError(start, token?.length ?? 0, message, details);
}

function describeExpectation(e: peggyParser.Expectation): string {
  switch (e.type) {
    case "end":
      return "the end of the rule";
    case "other":
      return expectationText[e.description] ?? e.description;
    case "literal":
      return `"${e.text}"`;
    case "class":
    case "any":
      return "another character";
  }
}

function joinOr(items: string[]): string {
  if (items.length <= 2) return items.join(" or ");
  return `${items.slice(0, -1).join(", ")}, or ${items.at(-1)}`;
}

/** The word, number, quoted text or symbol at `offset`, to show what was found there. */
function tokenAt(text: string, offset: number): string | null {
  if (offset >= text.length) return null;
  const match =
    /^(?:"[^"\n\r]*"?|'[^'\n\r]*'?|[A-Za-z0-9_]+(?:[-.:][A-Za-z0-9_]+)*|!=|<=|>=|\S)/u.exec(
      text.slice(offset, offset + 200),
    );
  const token = match?.[0] ?? text.charAt(offset);
  return token.length > 40 ? `${token.slice(0, 40)}…` : token;
}

function positionAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf("\n");
  return { offset, line: before.split("\n").length, column: offset - lastBreak };
}

function errorAt(location: SourceLocation, message: string): AppError {
  return ruleError(location.start, location.end.offset - location.start.offset, message);
}

function ruleError(
  at: SourcePosition,
  length: number,
  message: string,
  extra: object = {},
): AppError {
  return new AppError("validation_failed", `Line ${at.line}, column ${at.column}: ${message}`, {
    line: at.line,
    column: at.column,
    offset: at.offset,
    length,
    ...extra,
  });
}
