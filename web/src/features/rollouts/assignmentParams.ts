import { useCallback, useMemo } from "react";
import { useLatestSearchParams } from "../../components/useLatestSearchParams.js";
import type { AssignmentStatus, AssignmentsQuery, Feasibility } from "../../api/rollouts.js";
import { assignmentStatuses } from "./labels.js";

export const assignmentPageSizes = [25, 50, 100, 200] as const;
const defaultPageSize = 50;
const feasibilities: Feasibility[] = ["ok", "assigned_anyway", "extended", "flagged"];

export interface AssignmentParams {
  q: string;
  status: AssignmentStatus | null;
  feasibility: Feasibility | null;
  region: string | null;
  division: string | null;
  page: number;
  pageSize: number;
  /** The assignment open in the drawer. */
  assignment: number | null;
}

export type AssignmentParamsPatch = Partial<{
  q: string;
  status: AssignmentStatus | null;
  feasibility: Feasibility | null;
  region: string | null;
  division: string | null;
  page: number;
  pageSize: number;
  assignment: number | null;
}>;

function positiveInt(value: string | null): number | null {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
}

export function parseAssignmentParams(search: URLSearchParams): AssignmentParams {
  const status = search.get("status");
  const feasibility = search.get("feasibility");
  const pageSize = positiveInt(search.get("pageSize")) ?? defaultPageSize;
  return {
    q: search.get("q") ?? "",
    status: assignmentStatuses.find((s) => s === status) ?? null,
    feasibility: feasibilities.find((f) => f === feasibility) ?? null,
    region: search.get("region") || null,
    division: search.get("division") || null,
    page: positiveInt(search.get("page")) ?? 1,
    pageSize: (assignmentPageSizes as readonly number[]).includes(pageSize)
      ? pageSize
      : defaultPageSize,
    assignment: positiveInt(search.get("assignment")),
  };
}

export function toAssignmentsQuery(waveId: string, params: AssignmentParams): AssignmentsQuery {
  return {
    waveId,
    q: params.q.trim() || undefined,
    status: params.status ?? undefined,
    feasibility: params.feasibility ?? undefined,
    region: params.region ?? undefined,
    division: params.division ?? undefined,
    page: params.page,
    pageSize: params.pageSize,
  };
}

const defaults: Record<string, string> = { page: "1", pageSize: String(defaultPageSize) };

/** The wave page's assignment filters, page and open assignment, kept in the query string. */
export function useAssignmentParams() {
  const { search, latest, navigate } = useLatestSearchParams();
  const params = useMemo(() => parseAssignmentParams(search), [search]);

  const update = useCallback(
    (patch: AssignmentParamsPatch, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, raw] of Object.entries(patch)) {
        const value = raw === null || raw === undefined ? "" : String(raw);
        if (value === "" || defaults[key] === value) next.delete(key);
        else next.set(key, value);
      }
      // A new filter starts again at the first page; opening a row or paging does not.
      if (!("page" in patch) && !("assignment" in patch)) next.delete("page");
      navigate(next, options.replace ?? false);
    },
    [navigate],
  );

  const clear = useCallback(() => {
    const next = new URLSearchParams();
    const pageSize = latest.current.get("pageSize");
    if (pageSize) next.set("pageSize", pageSize);
    navigate(next, false);
  }, [navigate]);

  const activeFilterCount = [
    params.q,
    params.status,
    params.feasibility,
    params.region,
    params.division,
  ].filter(Boolean).length;

  return { params, update, clear, activeFilterCount };
}
