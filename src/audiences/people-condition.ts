import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import { clock } from "../platform/clock.js";
import { isPostgres } from "../platform/database/dialect.js";
import type { Database } from "../platform/database/schema.js";
import { compileRule } from "./rule/compile-rule.js";
import { parseRule } from "./rule/parse-rule.js";
import { ruleConditionCount } from "./rule/compile-rule.js";

/** A SQL condition on the `people` table. */
export type PeopleCondition = (eb: ExpressionBuilder<Database, "people">) => Expression<SqlBool>;

/**
 * Parses and compiles an audience rule into a condition on `people`, with relative dates counted
 * from today (UTC). Throws `validation_failed` with the line and column of a mistake.
 */
export function ruleCondition(
  db: Kysely<Database>,
  rule: string,
): { condition: PeopleCondition; conditions: number } {
  const node = parseRule(rule);
  return {
    condition: compileRule(node, {
      today: clock.now().toISOString().slice(0, 10),
      postgres: isPostgres(db),
      // Audiences and waves are resolved over the whole directory: see CompileRuleOptions.scan.
      scan: true,
    }),
    conditions: ruleConditionCount(node),
  };
}
