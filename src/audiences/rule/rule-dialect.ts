import { sql, type RawBuilder, type SqlBool } from "kysely";

/**
 * The few SQL pieces of the rule compiler that differ between SQLite and PostgreSQL. Values are
 * always bound parameters; the only literals here are fixed patterns.
 */
export interface RuleDialect {
  postgres: boolean;
}

/** A custom attribute's text, or null when the person does not have it. */
export function attributeValue(dialect: RuleDialect, key: string): RawBuilder<string | null> {
  return dialect.postgres
    ? sql<string | null>`(people.attributes::jsonb ->> cast(${key} as text))`
    : sql<string | null>`json_extract(people.attributes, ${`$."${key}"`})`;
}

/** A text for ordering comparisons: code point order on both engines, whatever PostgreSQL's collation. */
export function orderedText(
  dialect: RuleDialect,
  value: RawBuilder<string | null>,
): RawBuilder<string | null> {
  return dialect.postgres ? sql<string | null>`(${value} collate "C")` : value;
}

/**
 * `test` applied to `value` read as a number, when `value` is a plain decimal number
 * (`-12`, `7.5`); false for anything else, so a text value never raises an error.
 */
export function numericCondition(
  dialect: RuleDialect,
  value: RawBuilder<string | null>,
  test: (number: RawBuilder<number>) => RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  if (dialect.postgres)
    return sql<SqlBool>`(case when ${value} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${test(sql<number>`(${value})::numeric`)} else false end)`;
  // SQLite has no regular expressions: a digit (or a minus and a digit) first, then only digits
  // and dots, at most one dot, and not a dot last.
  const looksNumeric = sql<SqlBool>`(${value} glob '[0-9]*' or ${value} glob '-[0-9]*') and ${value} not glob '?*[^0-9.]*' and ${value} not glob '*.*.*' and ${value} not glob '*.'`;
  return sql<SqlBool>`(case when ${looksNumeric} then ${test(sql<number>`cast(${value} as real)`)} else false end)`;
}
