import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { PeopleScope } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { presentAudience, type Audience, type AudiencePreview } from "./audience.js";
import {
  findAudienceByName,
  findAudienceRow,
  insertAudience,
  listAudienceRows,
  previewPeople,
  syncAudienceMembers,
  updateAudienceRow,
} from "./audiences.repository.js";
import { ruleCondition } from "./people-condition.js";

type Db = Kysely<Database>;

/** Who a rule selects right now (within the caller's scope): count, spread and a sample. */
export async function previewAudience(
  db: Db,
  options: { rule: string; scope: PeopleScope; sampleSize: number },
): Promise<AudiencePreview> {
  const { condition, conditions } = ruleCondition(db, options.rule);
  const result = await previewPeople(db, condition, options.scope, options.sampleSize);
  return {
    count: result.count,
    conditions,
    byDivision: result.byDivision,
    byRegion: result.byRegion,
    sample: result.sample.map((p) => ({
      id: p.external_id,
      name: p.name,
      division: p.division,
      region: p.region,
      country: p.country,
      jobTitle: p.job_title,
    })),
  };
}

/** One audience; `not_found` when it does not exist. */
export async function getAudience(db: Db, id: string): Promise<Audience> {
  const row = await findAudienceRow(db, id);
  if (!row) throw new AppError("not_found", `No audience has the id ${id}.`);
  return presentAudience(row);
}

export async function listAudiences(db: Db): Promise<Audience[]> {
  return (await listAudienceRows(db)).map(presentAudience);
}

/** Creates an audience from a valid rule and resolves its members. */
export async function createAudience(
  db: Db,
  input: { name: string; description: string; rule: string; createdBy: string | null },
): Promise<Audience> {
  const { condition } = ruleCondition(db, input.rule);
  if (await findAudienceByName(db, input.name))
    throw new AppError("conflict", `An audience named "${input.name}" already exists.`);
  const now = clock.nowIso();
  const id = randomUUID();
  await insertAudience(db, {
    id,
    name: input.name,
    description: input.description,
    rule: input.rule,
    member_count: 0,
    resolved_at: null,
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  });
  await syncAudienceMembers(db, {
    audienceId: id,
    condition,
    cause: "created",
    at: now,
    logChanges: false,
  });
  return getAudience(db, id);
}

/** Changes an audience's name, description or rule; a new rule re-resolves it, logging who joined and left. */
export async function updateAudience(
  db: Db,
  input: { id: string; name?: string; description?: string; rule?: string; by: string },
): Promise<Audience> {
  const existing = await getAudience(db, input.id);
  const condition = input.rule !== undefined ? ruleCondition(db, input.rule).condition : undefined;
  if (input.name !== undefined && input.name !== existing.name) {
    if (await findAudienceByName(db, input.name))
      throw new AppError("conflict", `An audience named "${input.name}" already exists.`);
  }
  const now = clock.nowIso();
  await updateAudienceRow(db, input.id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.rule !== undefined ? { rule: input.rule } : {}),
    updated_at: now,
  });
  if (condition && input.rule !== existing.rule)
    await syncAudienceMembers(db, {
      audienceId: input.id,
      condition,
      cause: `rule changed by ${input.by}`,
      at: now,
      logChanges: true,
    });
  return getAudience(db, input.id);
}

/**
 * Re-resolves every audience (after a directory change, and daily for rules with relative dates),
 * logging joins and leaves with the cause. A rule that no longer compiles is skipped and reported.
 */
export async function resolveAllAudiences(
  db: Db,
  options: { cause: string },
): Promise<{ audience: string; joined: number; left: number; error?: string }[]> {
  const results: { audience: string; joined: number; left: number; error?: string }[] = [];
  for (const row of await listAudienceRows(db)) {
    let condition;
    try {
      condition = ruleCondition(db, row.rule).condition;
    } catch (error) {
      results.push({ audience: row.name, joined: 0, left: 0, error: String(error) });
      continue;
    }
    const r = await db.transaction().execute((trx) =>
      syncAudienceMembers(trx, {
        audienceId: row.id,
        condition,
        cause: options.cause,
        at: clock.nowIso(),
        logChanges: true,
      }),
    );
    results.push({ audience: row.name, joined: r.joined, left: r.left });
  }
  return results;
}
