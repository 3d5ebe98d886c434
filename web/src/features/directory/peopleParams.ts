import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { PeopleQuery } from "../../api/directory.js";
import type { PeopleSort, PeopleStatusFilter } from "../../api/types.js";

/** Filters that narrow the list to one value of an attribute; all live in the URL. */
export const valueFilterKeys = [
  "division",
  "region",
  "country",
  "department",
  "jobFamily",
  "employmentType",
  "tag",
  "location",
  "managerId",
] as const;
export type ValueFilterKey = (typeof valueFilterKeys)[number];

export const pageSizes = [25, 50, 100, 200] as const;
const defaultPageSize = 50;
const defaultSort: PeopleSort = "name";
const defaultStatus: PeopleStatusFilter = "active";

const sorts: readonly PeopleSort[] = [
  "name",
  "-name",
  "hireDate",
  "-hireDate",
  "division",
  "region",
];
const statuses: readonly PeopleStatusFilter[] = ["active", "leaver", "all"];

export interface PeopleParams {
  q: string;
  filters: Partial<Record<ValueFilterKey, string>>;
  status: PeopleStatusFilter;
  sort: PeopleSort;
  page: number;
  pageSize: number;
}

export type PeopleParamsPatch = Partial<{
  q: string;
  status: PeopleStatusFilter;
  sort: PeopleSort;
  page: number;
  pageSize: number;
}> &
  Partial<Record<ValueFilterKey, string | null>>;

function positiveInt(value: string | null, fallback: number): number {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

export function parsePeopleParams(search: URLSearchParams): PeopleParams {
  const filters: Partial<Record<ValueFilterKey, string>> = {};
  for (const key of valueFilterKeys) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  const status = search.get("status");
  const sort = search.get("sort");
  const pageSize = positiveInt(search.get("pageSize"), defaultPageSize);
  return {
    q: search.get("q") ?? "",
    filters,
    status: statuses.find((s) => s === status) ?? defaultStatus,
    sort: sorts.find((s) => s === sort) ?? defaultSort,
    page: positiveInt(search.get("page"), 1),
    pageSize: (pageSizes as readonly number[]).includes(pageSize) ? pageSize : defaultPageSize,
  };
}

export function toPeopleQuery(params: PeopleParams): PeopleQuery {
  return {
    ...params.filters,
    q: params.q.trim() || undefined,
    status: params.status,
    sort: params.sort,
    page: params.page,
    pageSize: params.pageSize,
  };
}

const defaults: Record<string, string> = {
  status: defaultStatus,
  sort: defaultSort,
  page: "1",
  pageSize: String(defaultPageSize),
};

/** The People page's filters, sort and page, read from and written to the query string. */
export function usePeopleParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parsePeopleParams(search), [search]);

  const update = useCallback(
    (patch: PeopleParamsPatch, options: { replace?: boolean } = {}) => {
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, raw] of Object.entries(patch)) {
            const value = raw === null || raw === undefined ? "" : String(raw);
            if (value === "" || defaults[key] === value) next.delete(key);
            else next.set(key, value);
          }
          // Any change other than paging starts again at the first page.
          if (!("page" in patch)) next.delete("page");
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearch],
  );

  const clear = useCallback(() => {
    setSearch(
      (previous) => {
        const next = new URLSearchParams();
        const keep = ["sort", "pageSize"];
        for (const key of keep) {
          const value = previous.get(key);
          if (value) next.set(key, value);
        }
        return next;
      },
      { replace: false },
    );
  }, [setSearch]);

  const activeFilterCount =
    Object.keys(params.filters).length +
    (params.q ? 1 : 0) +
    (params.status !== defaultStatus ? 1 : 0);

  return { params, update, clear, activeFilterCount };
}
