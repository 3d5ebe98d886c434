import { createHash } from "node:crypto";
import { sql, type Kysely, type SqlBool } from "kysely";
import { ruleCondition, type PeopleCondition } from "../audiences/people-condition.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import type { Slice } from "./rollout.js";

/**
 * A stable number from a rollout's id: the seed of its percentage samples, so that a 10% pilot
 * takes the same people every time it is previewed or launched.
 */
export function sampleSeed(rolloutId: string): number {
  return createHash("sha256").update(rolloutId).digest().readUInt32BE(0) % 1_000_000;
}

/**
 * The people condition of a wave: its audience's rule (or the rollout's), narrowed by the wave's
 * slice. A percentage sample buckets people by a multiplicative hash of their id and the
 * rollout's seed, computed in SQL the same way on both engines (integer arithmetic only).
 */
export function waveCondition(
  db: Kysely<Database>,
  options: { rule: string | null; slice: Slice; rolloutId: string; waveName: string },
): PeopleCondition {
  if (options.rule === null)
    throw new AppError(
      "validation_failed",
      `Wave "${options.waveName}" has no audience: give it one or give the rollout one.`,
    );
  const { condition } = ruleCondition(db, options.rule);
  const { regions, divisions, percent } = options.slice;
  const seed = sampleSeed(options.rolloutId);
  return (eb) => {
    const parts = [condition(eb)];
    if (regions.length > 0) parts.push(eb("people.region", "in", regions));
    if (divisions.length > 0) parts.push(eb("people.division", "in", divisions));
    if (percent !== null && percent !== undefined && percent < 100)
      parts.push(
        sql<SqlBool>`((((people.id + ${seed}) * ${sql.lit(2654435761)}) % ${sql.lit(4294967296)}) * 100) / ${sql.lit(4294967296)} < ${percent}`,
      );
    return eb.and(parts);
  };
}
