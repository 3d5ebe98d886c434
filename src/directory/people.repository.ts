import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { PeopleScope } from "../platform/auth/roles.js";
import { mboxSha1 } from "../tracking/xapi/agents.js";
import { bulkInsert } from "../platform/database/bulk.js";
import { isPostgres, maxParameters } from "../platform/database/dialect.js";
import type { Database, NewPeopleRow, PeopleRow } from "../platform/database/schema.js";
import { familyKey, recordHash, searchKey } from "./normalize.js";
import type { Person, PersonRecord, PersonStatus } from "./person.js";
import type { ExistingPerson } from "./plan-people-import.js";

type Db = Kysely<Database>;

/** The SQL condition limiting `people` rows to what a scope may see. */
export function peopleScopeCondition(
  eb: ExpressionBuilder<Database, "people">,
  scope: PeopleScope,
): Expression<SqlBool> {
  switch (scope.kind) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "none":
      return sql<SqlBool>`1 = 0`;
    case "self":
      return eb("people.external_id", "=", scope.personId);
    case "slice": {
      const parts: Expression<SqlBool>[] = [];
      if (scope.regions.length > 0) parts.push(eb("people.region", "in", scope.regions));
      if (scope.divisions.length > 0) parts.push(eb("people.division", "in", scope.divisions));
      return eb.and(parts);
    }
    case "subtree":
      // The manager and everyone who reports to them, directly or indirectly.
      return sql<SqlBool>`people.external_id in (
        with recursive subtree(eid) as (
          select ${scope.rootId}
          union all
          select p.external_id from people p join subtree s on p.manager_external_id = s.eid
        )
        select eid from subtree)`;
  }
}

function toPerson(row: PeopleRow): Person {
  return {
    id: Number(row.id),
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    managerId: row.manager_external_id,
    division: row.division,
    department: row.department,
    region: row.region,
    country: row.country,
    location: row.location,
    timeZone: row.time_zone,
    locale: row.locale,
    jobTitle: row.job_title,
    jobFamily: row.job_family,
    grade: row.grade,
    employmentType: row.employment_type,
    hireDate: row.hire_date,
    status: row.status as PersonStatus,
    tags: JSON.parse(row.tags) as string[],
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    leftAt: row.left_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(r: PersonRecord): Omit<NewPeopleRow, "created_at" | "updated_at" | "left_at"> {
  return {
    external_id: r.externalId,
    name: r.name,
    name_key: searchKey(r.name),
    family_key: familyKey(r.name),
    email: r.email,
    email_sha1: r.email === null ? null : mboxSha1(r.email),
    manager_external_id: r.managerId,
    division: r.division,
    department: r.department,
    region: r.region,
    country: r.country,
    location: r.location,
    time_zone: r.timeZone,
    locale: r.locale,
    job_title: r.jobTitle,
    job_family: r.jobFamily,
    grade: r.grade,
    employment_type: r.employmentType,
    hire_date: r.hireDate,
    status: r.status,
    tags: JSON.stringify(r.tags),
    attributes: JSON.stringify(r.attributes),
    row_hash: recordHash(r),
  };
}

/** Every person's id, hash, status and manager, keyed by external id: what an import diffs against. */
export async function loadPeopleIndex(db: Db): Promise<Map<string, ExistingPerson>> {
  const rows = await db
    .selectFrom("people")
    .select(["id", "external_id", "row_hash", "status", "manager_external_id"])
    .execute();
  const index = new Map<string, ExistingPerson>();
  for (const r of rows) {
    index.set(r.external_id, {
      id: Number(r.id),
      hash: r.row_hash,
      status: r.status,
      managerId: r.manager_external_id,
    });
  }
  return index;
}

function batchSize(db: Db, columns: number): number {
  return Math.max(1, Math.floor(maxParameters(db) / columns));
}

const insertColumns = [
  "external_id",
  "name",
  "name_key",
  "family_key",
  "email",
  "email_sha1",
  "manager_external_id",
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
  "attributes",
  "row_hash",
  "left_at",
  "created_at",
  "updated_at",
];

/** Inserts new people in batches; returns their ids by external id. */
export async function insertPeople(
  db: Db,
  records: PersonRecord[],
  now: string,
): Promise<Map<string, number>> {
  function* rows() {
    for (const r of records) {
      yield [
        r.externalId,
        r.name,
        searchKey(r.name),
        familyKey(r.name),
        r.email,
        r.email === null ? null : mboxSha1(r.email),
        r.managerId,
        r.division,
        r.department,
        r.region,
        r.country,
        r.location,
        r.timeZone,
        r.locale,
        r.jobTitle,
        r.jobFamily,
        r.grade,
        r.employmentType,
        r.hireDate,
        r.status,
        JSON.stringify(r.tags),
        JSON.stringify(r.attributes),
        recordHash(r),
        r.status === "active" ? null : now,
        now,
        now,
      ];
    }
  }
  const inserted = await bulkInsert(db, {
    table: "people",
    columns: insertColumns,
    rows: rows(),
    returning: ["id", "external_id"],
  });
  const ids = new Map(inserted.map((row) => [String(row.external_id), Number(row.id)]));
  await insertTags(db, records, ids);
  return ids;
}

async function insertTags(
  db: Db,
  records: PersonRecord[],
  ids: Map<string, number>,
): Promise<void> {
  function* rows() {
    for (const r of records) {
      const id = ids.get(r.externalId);
      if (id !== undefined) for (const tag of r.tags) yield [id, tag];
    }
  }
  await bulkInsert(db, {
    table: "person_tags",
    columns: ["person_id", "tag"],
    types: ["bigint", "text"],
    rows: rows(),
  });
}

/**
 * Rewrites people's attributes (`leftAt` follows each status) and replaces their tags: one update
 * per person, then the tags of all of them in two statements.
 */
export async function updatePeople(
  db: Db,
  updates: { id: number; record: PersonRecord }[],
  now: string,
): Promise<void> {
  for (const { id, record } of updates) {
    await db
      .updateTable("people")
      .set({
        ...toColumns(record),
        left_at: record.status === "active" ? null : now,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
  }
  const ids = updates.map((u) => u.id);
  const size = batchSize(db, 1) - 10;
  for (let i = 0; i < ids.length; i += size) {
    await db
      .deleteFrom("person_tags")
      .where("person_id", "in", ids.slice(i, i + size))
      .execute();
  }
  await insertTags(
    db,
    updates.map((u) => u.record),
    new Map(updates.map((u) => [u.record.externalId, u.id])),
  );
}

/** Marks people as leavers (they are never deleted). */
export async function markLeavers(db: Db, ids: number[], now: string): Promise<void> {
  const size = batchSize(db, 1) - 10;
  for (let i = 0; i < ids.length; i += size) {
    await db
      .updateTable("people")
      .set({
        status: "leaver",
        left_at: now,
        updated_at: now,
        row_hash: sql<string>`'left:' || row_hash`,
      })
      .where("id", "in", ids.slice(i, i + size))
      .execute();
  }
}

export interface HistoryEntry {
  personId: number;
  importId: string | null;
  change: "joined" | "moved" | "left" | "rejoined";
  changes: Record<string, { from: unknown; to: unknown }>;
  at: string;
}

export async function insertHistory(db: Db, entries: Iterable<HistoryEntry>): Promise<void> {
  await bulkInsert(db, {
    table: "person_history",
    columns: ["person_id", "import_id", "change", "changes", "at"],
    types: ["bigint", "text", "text", "text", "text"],
    rows: (function* () {
      for (const e of entries)
        yield [e.personId, e.importId, e.change, JSON.stringify(e.changes), e.at];
    })(),
  });
}

/** People by internal id (to compare old and new values of movers). */
export async function findPeopleByIds(db: Db, ids: number[]): Promise<Person[]> {
  const out: Person[] = [];
  const size = batchSize(db, 1) - 10;
  for (let i = 0; i < ids.length; i += size) {
    const rows = await db
      .selectFrom("people")
      .selectAll()
      .where("id", "in", ids.slice(i, i + size))
      .execute();
    for (const row of rows) out.push(toPerson(row));
  }
  return out;
}

export interface PeopleFilter {
  q?: string | undefined;
  division?: string | undefined;
  department?: string | undefined;
  region?: string | undefined;
  country?: string | undefined;
  location?: string | undefined;
  jobFamily?: string | undefined;
  employmentType?: string | undefined;
  tag?: string | undefined;
  managerId?: string | undefined;
  status: "active" | "leaver" | "all";
}

export type PeopleSort = "name" | "-name" | "hireDate" | "-hireDate" | "division" | "region";

/**
 * The people a scope may see, matching a filter. With `walkNameIndex` (SQLite only) the filter
 * columns are written `+column`, which keeps SQLite from using their indexes: for a filter that
 * matches many people, walking the name index in order and stopping after one page is far
 * cheaper than fetching every match and sorting it.
 */
function filtered(db: Db, scope: PeopleScope, f: PeopleFilter, walkNameIndex = false) {
  const col = (name: string) =>
    walkNameIndex ? sql<string>`+people.${sql.ref(name)}` : sql.ref<string>(`people.${name}`);
  let query = db.selectFrom("people").where((eb) => peopleScopeCondition(eb, scope));
  if (f.status !== "all") query = query.where(col("status"), "=", f.status);
  const equals = [
    ["division", f.division],
    ["department", f.department],
    ["region", f.region],
    ["country", f.country],
    ["location", f.location],
    ["job_family", f.jobFamily],
    ["employment_type", f.employmentType],
    ["manager_external_id", f.managerId],
  ] as const;
  for (const [column, value] of equals) if (value) query = query.where(col(column), "=", value);
  if (f.tag) {
    // A correlated lookup on the (person, tag) key: each candidate row costs one index probe,
    // where an IN list would first collect everyone with the tag.
    const tag = f.tag.toLowerCase();
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("person_tags")
          .select(sql`1`.as("one"))
          .whereRef("person_tags.person_id", "=", "people.id")
          .where("person_tags.tag", "=", tag),
      ),
    );
  }
  const q = f.q?.trim();
  if (q) {
    const key = searchKey(q);
    // Prefix ranges use the name, family-name and e-mail indexes on both engines.
    const upper = `${key}\uffff`;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb(col("name_key"), ">=", key), eb(col("name_key"), "<", upper)]),
        eb.and([eb(col("family_key"), ">=", key), eb(col("family_key"), "<", upper)]),
        eb.and([eb(col("email"), ">=", key), eb(col("email"), "<", upper)]),
        eb(col("external_id"), "=", q),
      ]),
    );
  }
  return query;
}

/**
 * From this many matches, a SQLite page sorted by name walks the name index (see `filtered`):
 * one match in 50 or more at 500,000 people, so a page needs a short walk.
 */
const walkNameIndexFrom = 10_000;

/** One page of people a scope may see, matching the filter, with the total count. */
export async function listPeople(
  db: Db,
  scope: PeopleScope,
  filter: PeopleFilter,
  page: { offset: number; limit: number; sort: PeopleSort },
  tuning: { walkNameIndexFrom?: number } = {},
): Promise<{ items: Person[]; total: number; totalCapped: boolean }> {
  // Counting stops after `countCap` matches: a page answers fast at any size, and beyond that
  // the list says "more than 10,000" (exact headcounts come from the summary and facets).
  const count = await db
    .selectFrom(
      filtered(db, scope, filter)
        .select(sql<number>`1`.as("one"))
        .limit(countCap + 1)
        .as("matches"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(count.n);
  const sorts: Record<
    PeopleSort,
    [column: "name_key" | "hire_date" | "division" | "region", dir: "asc" | "desc"]
  > = {
    name: ["name_key", "asc"],
    "-name": ["name_key", "desc"],
    hireDate: ["hire_date", "asc"],
    "-hireDate": ["hire_date", "desc"],
    division: ["division", "asc"],
    region: ["region", "asc"],
  };
  const [column, direction] = sorts[page.sort];
  // A division, region or country filter already reads in name order from its own index.
  const ownNameOrder = Boolean(filter.division ?? filter.region ?? filter.country);
  const walk =
    column === "name_key" &&
    !ownNameOrder &&
    n > (tuning.walkNameIndexFrom ?? walkNameIndexFrom) &&
    !isPostgres(db);
  let itemsQuery = filtered(db, scope, filter, walk).selectAll("people");
  // People without a value sort last on both engines (SQLite would put them first).
  if (column !== "name_key")
    itemsQuery = itemsQuery.orderBy(sql`people.${sql.ref(column)} is null`);
  itemsQuery = itemsQuery.orderBy(`people.${column}`, direction);
  if (column !== "name_key") itemsQuery = itemsQuery.orderBy("people.name_key", "asc");
  const rows = await itemsQuery
    .orderBy("people.id")
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { items: rows.map(toPerson), total: Math.min(n, countCap), totalCapped: n > countCap };
}

/** The most matches a people list counts exactly. */
export const countCap = 10_000;

/** One person by external id, if the scope may see them. */
export async function findPerson(
  db: Db,
  scope: PeopleScope,
  externalId: string,
): Promise<Person | undefined> {
  const row = await db
    .selectFrom("people")
    .selectAll()
    .where("external_id", "=", externalId)
    .where((eb) => peopleScopeCondition(eb, scope))
    .executeTakeFirst();
  return row && toPerson(row);
}

/** The managers above a person, direct manager first, up to the top (at most 50 levels). */
export async function findManagerChain(db: Db, externalId: string): Promise<Person[]> {
  const rows = await db
    .withRecursive("chain(eid, depth)", (qb) =>
      qb
        .selectFrom("people")
        .select(["manager_external_id as eid", sql<number>`1`.as("depth")])
        .where("external_id", "=", externalId)
        .unionAll((u) =>
          u
            .selectFrom("people as p")
            .innerJoin("chain", "chain.eid", "p.external_id")
            .select(["p.manager_external_id as eid", sql<number>`chain.depth + 1`.as("depth")])
            .where("chain.depth", "<", 50),
        ),
    )
    .selectFrom("chain")
    .innerJoin("people", "people.external_id", "chain.eid")
    .selectAll("people")
    .orderBy("chain.depth")
    .execute();
  return rows.map(toPerson);
}

/** Which of these external ids the scope may see. */
export async function findVisibleIds(
  db: Db,
  scope: PeopleScope,
  externalIds: string[],
): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("people")
    .select("external_id")
    .where("external_id", "in", externalIds)
    .where((eb) => peopleScopeCondition(eb, scope))
    .execute();
  return new Set(rows.map((r) => r.external_id));
}

/** A person's direct reports (active first, by name) and how many there are. */
export async function findDirectReports(
  db: Db,
  scope: PeopleScope,
  externalId: string,
  limit: number,
): Promise<{ items: Person[]; total: number }> {
  const base = db
    .selectFrom("people")
    .where("manager_external_id", "=", externalId)
    .where("status", "=", "active")
    .where((eb) => peopleScopeCondition(eb, scope));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("name_key").limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPerson), total: Number(count.n) };
}

export async function findPersonHistory(db: Db, personId: number): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("person_history")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    personId: Number(r.person_id),
    importId: r.import_id,
    change: r.change as HistoryEntry["change"],
    changes: JSON.parse(r.changes) as HistoryEntry["changes"],
    at: r.at,
  }));
}

const facetColumns = {
  division: "division",
  department: "department",
  region: "region",
  country: "country",
  location: "location",
  jobFamily: "job_family",
  employmentType: "employment_type",
} as const;
export type FacetName = keyof typeof facetColumns | "tag";

/** Distinct values and counts of each filterable attribute among active people in scope. */
export async function countFacets(
  db: Db,
  scope: PeopleScope,
): Promise<Record<FacetName, { value: string; count: number }[]>> {
  const entries = await Promise.all(
    Object.entries(facetColumns).map(async ([name, column]) => {
      const rows = await db
        .selectFrom("people")
        .select([`people.${column} as value`, (eb) => eb.fn.countAll<number>().as("count")])
        .where("people.status", "=", "active")
        .where(`people.${column}`, "is not", null)
        .where((eb) => peopleScopeCondition(eb, scope))
        .groupBy(`people.${column}`)
        .orderBy("count", "desc")
        .limit(500)
        .execute();
      return [name, rows.map((r) => ({ value: String(r.value), count: Number(r.count) }))] as const;
    }),
  );
  const tagRows = await db
    .selectFrom("person_tags")
    .innerJoin("people", "people.id", "person_tags.person_id")
    .select(["person_tags.tag as value", (eb) => eb.fn.countAll<number>().as("count")])
    .where("people.status", "=", "active")
    .where((eb) => peopleScopeCondition(eb, scope))
    .groupBy("person_tags.tag")
    .orderBy("count", "desc")
    .execute();
  const tag = tagRows.map((r) => ({ value: r.value, count: Number(r.count) }));
  return {
    ...(Object.fromEntries(entries) as Record<
      keyof typeof facetColumns,
      { value: string; count: number }[]
    >),
    tag,
  };
}

/** Counts of active people and leavers in scope. */
export async function countPeopleByStatus(
  db: Db,
  scope: PeopleScope,
): Promise<{ active: number; leavers: number }> {
  const rows = await db
    .selectFrom("people")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where((eb) => peopleScopeCondition(eb, scope))
    .groupBy("status")
    .execute();
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { active: get("active"), leavers: get("leaver") };
}
