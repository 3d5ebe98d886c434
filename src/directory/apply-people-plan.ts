import type { Kysely } from "kysely";
import { withSecondaryIndexesDeferred } from "../platform/database/bulk.js";
import { refreshStatistics } from "../platform/database/dialect.js";
import type { Database } from "../platform/database/schema.js";
import {
  findPeopleByIds,
  insertHistory,
  insertPeople,
  markLeavers,
  updatePeople,
  type HistoryEntry,
} from "./people.repository.js";
import { trackedFields, type Person, type PersonRecord } from "./person.js";
import type { ImportPlan } from "./plan-people-import.js";

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The attributes that differ between what the directory holds and a new record. */
export function diffPerson(before: Person, after: PersonRecord): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of trackedFields) {
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  const keys = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  for (const key of [...keys].sort()) {
    const from = before.attributes[key] ?? null;
    const to = after.attributes[key] ?? null;
    if (from !== to) changes[`attributes.${key}`] = { from, to };
  }
  return changes;
}

/** Field changes of every planned update, by person id, read from the directory. */
export async function diffPlannedUpdates(
  db: Kysely<Database>,
  plan: ImportPlan,
): Promise<Map<number, FieldChanges>> {
  const before = new Map(
    (
      await findPeopleByIds(
        db,
        plan.updates.map((u) => u.id),
      )
    ).map((p) => [p.id, p]),
  );
  const diffs = new Map<number, FieldChanges>();
  for (const update of plan.updates) {
    const old = before.get(update.id);
    if (old) diffs.set(update.id, diffPerson(old, update.record));
  }
  return diffs;
}

/**
 * Writes a plan inside the caller's transaction: inserts joiners, rewrites movers, leavers and
 * rejoiners, marks absent people as leavers, and records one history entry per change.
 */
export async function applyPeoplePlan(
  trx: Kysely<Database>,
  options: {
    plan: ImportPlan;
    diffs: Map<number, FieldChanges>;
    importId: string | null;
    now: string;
  },
): Promise<void> {
  const { plan, diffs, importId, now } = options;
  const joiners = plan.joiners.map((j) => j.record);
  // A large first load builds the indexes once at the end instead of row by row.
  const bulk = joiners.length >= 20_000 && joiners.length >= plan.unchanged + plan.updates.length;
  const ids = bulk
    ? await withSecondaryIndexesDeferred(trx, "people", () => insertPeople(trx, joiners, now))
    : await insertPeople(trx, joiners, now);
  await updatePeople(trx, plan.updates, now);
  await markLeavers(
    trx,
    plan.absentLeavers.map((l) => l.id),
    now,
  );
  // History entries are produced as they are written, never held all at once.
  function* history(): Generator<HistoryEntry> {
    for (const joiner of plan.joiners) {
      const personId = ids.get(joiner.record.externalId);
      if (personId !== undefined)
        yield { personId, importId, change: "joined", changes: {}, at: now };
    }
    for (const update of plan.updates) {
      yield {
        personId: update.id,
        importId,
        change: update.change,
        changes: diffs.get(update.id) ?? {},
        at: now,
      };
    }
    for (const leaver of plan.absentLeavers) {
      yield {
        personId: leaver.id,
        importId,
        change: "left",
        changes: { status: { from: "active", to: "leaver" } },
        at: now,
      };
    }
  }
  await insertHistory(trx, history());
  if (joiners.length + plan.updates.length + plan.absentLeavers.length >= 1000) {
    await refreshStatistics(trx, "people");
    await refreshStatistics(trx, "person_tags");
  }
}
