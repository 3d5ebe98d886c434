/**
 * The typed syntax tree of an audience rule, as `parseRule` returns it and `compileRule` reads it.
 * Every node carries where it stands in the rule text, so errors and editors can point at it.
 */

/** A place in the rule text: `offset` counts from 0, `line` and `column` from 1. */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

/** The stretch of rule text a node was read from; `end` is just after its last character. */
export interface SourceLocation {
  start: SourcePosition;
  end: SourcePosition;
}

/** The standard person fields a condition can test (`id` is read as `external_id`). */
export type ColumnField =
  | "external_id"
  | "name"
  | "email"
  | "manager"
  | "division"
  | "department"
  | "region"
  | "country"
  | "location"
  | "time_zone"
  | "locale"
  | "job_title"
  | "job_family"
  | "grade"
  | "employment_type"
  | "hire_date"
  | "status";

/** What a condition tests: a standard field or a custom attribute (`attributes.cost_center`). */
export type FieldRef =
  | { kind: "column"; name: ColumnField; location: SourceLocation }
  | { kind: "attribute"; key: string; location: SourceLocation };

export interface TextValue {
  type: "text";
  value: string;
  location: SourceLocation;
}

export interface NumberValue {
  type: "number";
  value: number;
  location: SourceLocation;
}

/** A calendar date, `YYYY-MM-DD`, already checked to exist. */
export interface DateValue {
  type: "date";
  value: string;
  location: SourceLocation;
}

export type DateUnit = "d" | "w" | "m" | "y";

/** `today`, `today - 90d`, `today + 2w`: worked out when the rule is compiled. */
export interface RelativeDateValue {
  type: "relative_date";
  /** Signed: `today - 90d` is -90. */
  amount: number;
  unit: DateUnit;
  location: SourceLocation;
}

export type ValueNode = TextValue | NumberValue | DateValue | RelativeDateValue;

export type CompareOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type MatchOperator = "starts_with" | "contains" | "ends_with";
export type TagsMode = "has" | "has_any" | "has_all";

export interface AndNode {
  type: "and";
  operands: RuleNode[];
  location: SourceLocation;
}

export interface OrNode {
  type: "or";
  operands: RuleNode[];
  location: SourceLocation;
}

export interface NotNode {
  type: "not";
  operand: RuleNode;
  location: SourceLocation;
}

/** `division = "Risk"`, `hire_date < today - 90d`, `attributes.level >= 5`. */
export interface CompareNode {
  type: "compare";
  field: FieldRef;
  operator: CompareOperator;
  value: ValueNode;
  location: SourceLocation;
}

/** `region in ("EMEA", "APAC")`, `region not in (…)`. */
export interface InNode {
  type: "in";
  field: FieldRef;
  negated: boolean;
  values: ValueNode[];
  location: SourceLocation;
}

/** `job_title contains "engineer"`: case-insensitive text matching. */
export interface MatchNode {
  type: "match";
  field: FieldRef;
  operator: MatchOperator;
  value: TextValue;
  location: SourceLocation;
}

/** `location is empty`, `location is not empty`. */
export interface EmptyNode {
  type: "empty";
  field: FieldRef;
  negated: boolean;
  location: SourceLocation;
}

/** `tags has "x"`, `tags has any (…)`, `tags has all (…)`. */
export interface TagsNode {
  type: "tags";
  mode: TagsMode;
  tags: TextValue[];
  location: SourceLocation;
}

/** `reports_to("E1")` (the whole tree below E1) or `reports_directly_to("E1")`. */
export interface ReportsToNode {
  type: "reports_to";
  direct: boolean;
  managerId: TextValue;
  location: SourceLocation;
}

export type ConditionNode = CompareNode | InNode | MatchNode | EmptyNode | TagsNode | ReportsToNode;

export type RuleNode = AndNode | OrNode | NotNode | ConditionNode;
