import type { Kysely } from "kysely";
import type { PeopleScope } from "../platform/auth/roles.js";
import type { Database } from "../platform/database/schema.js";
import { findLastAppliedImport } from "./imports.repository.js";
import { countFacets, type FacetName } from "./people.repository.js";

type Facets = Record<FacetName, { value: string; count: number }[]>;

// The directory only changes through imports, so facet counts are kept per scope until the next
// applied import (checked on every call, so several processes stay consistent).
const cache = new Map<string, { version: string; facets: Facets }>();
const maxEntries = 500;

/** Values and counts of each filterable attribute among active people a scope may see. */
export async function countDirectoryFacets(options: {
  db: Kysely<Database>;
  scope: PeopleScope;
}): Promise<Facets> {
  const version = (await findLastAppliedImport(options.db))?.id ?? "empty";
  const key = JSON.stringify(options.scope);
  const hit = cache.get(key);
  if (hit?.version === version) return hit.facets;
  const facets = await countFacets(options.db, options.scope);
  if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? "");
  cache.set(key, { version, facets });
  return facets;
}
