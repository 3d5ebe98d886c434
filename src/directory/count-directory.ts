import type { Kysely } from "kysely";
import type { PeopleScope } from "../platform/auth/roles.js";
import type { Database } from "../platform/database/schema.js";
import { findLastAppliedImport } from "./imports.repository.js";
import { countFacets, countPeopleByStatus, type FacetName } from "./people.repository.js";

type Facets = Record<FacetName, { value: string; count: number }[]>;

/** Headcounts and the values and counts of each filterable attribute, for one scope. */
export interface DirectoryCounts {
  active: number;
  leavers: number;
  facets: Facets;
}

// The directory only changes through imports, so the counts are kept per scope until the next
// applied import (checked on every call, so several processes stay consistent): the overview and
// the filters never scan the directory on every request.
const cache = new Map<string, { version: string; counts: DirectoryCounts }>();
const maxEntries = 500;

/** Counts of the people a scope may see: active and leavers, and facets among active people. */
export async function countDirectory(options: {
  db: Kysely<Database>;
  scope: PeopleScope;
}): Promise<DirectoryCounts> {
  const version = (await findLastAppliedImport(options.db))?.id ?? "empty";
  const key = JSON.stringify(options.scope);
  const hit = cache.get(key);
  if (hit?.version === version) return hit.counts;
  const [status, facets] = await Promise.all([
    countPeopleByStatus(options.db, options.scope),
    countFacets(options.db, options.scope),
  ]);
  const counts = { ...status, facets };
  if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? "");
  cache.set(key, { version, counts });
  return counts;
}
