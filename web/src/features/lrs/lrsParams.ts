import { useCallback, useMemo } from "react";
import { useLatestSearchParams } from "../../components/useLatestSearchParams.js";
import type { StatementsQuery } from "../../api/lrs.js";

export const lrsTabs = ["statements", "clients", "unmatched"] as const;
export type LrsTab = (typeof lrsTabs)[number];

export type MatchedFilter = "true" | "false";

export interface LrsParams {
  tab: LrsTab;
  /** E-mail, external id or actor key. */
  actor: string;
  /** A verb IRI, or the name of an ADL verb such as "completed". */
  verb: string;
  activity: string;
  clientId: string | null;
  matched: MatchedFilter | null;
  /** The cursor of the page shown: statements that arrived before this one. */
  before: number | null;
  /** The statement open in the drawer. */
  statement: string | null;
}

export type LrsParamsPatch = Partial<LrsParams>;

const paramNames: Record<keyof LrsParams, string> = {
  tab: "tab",
  actor: "actor",
  verb: "verb",
  activity: "activity",
  clientId: "client",
  matched: "matched",
  before: "before",
  statement: "statement",
};

const filterKeys: (keyof LrsParams)[] = ["actor", "verb", "activity", "clientId", "matched"];

function positiveInt(value: string | null): number | null {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
}

export function parseLrsParams(search: URLSearchParams): LrsParams {
  const tab = search.get("tab");
  const matched = search.get("matched");
  return {
    tab: lrsTabs.find((t) => t === tab) ?? "statements",
    actor: search.get("actor") ?? "",
    verb: search.get("verb") ?? "",
    activity: search.get("activity") ?? "",
    clientId: search.get("client") || null,
    matched: matched === "true" || matched === "false" ? matched : null,
    before: positiveInt(search.get("before")),
    statement: search.get("statement") || null,
  };
}

const adlVerbs = "http://adlnet.gov/expapi/verbs/";

/** A bare verb name stands for the ADL verb of that name; an IRI is taken as it is. */
export function verbIri(verb: string): string | undefined {
  const value = verb.trim();
  if (!value) return undefined;
  return value.includes(":") ? value : `${adlVerbs}${value.toLowerCase()}`;
}

export const statementsPageSize = 50;

export function toStatementsQuery(params: LrsParams): StatementsQuery {
  return {
    actor: params.actor.trim() || undefined,
    verb: verbIri(params.verb),
    activity: params.activity.trim() || undefined,
    clientId: params.clientId ?? undefined,
    matched: params.matched ?? undefined,
    before: params.before ?? undefined,
    limit: statementsPageSize,
  };
}

/** The LRS page's tab, statement filters, page and open statement, kept in the query string. */
export function useLrsParams() {
  const { search, latest, navigate } = useLatestSearchParams();
  const params = useMemo(() => parseLrsParams(search), [search]);

  const update = useCallback(
    (patch: LrsParamsPatch, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, raw] of Object.entries(patch) as [
        keyof LrsParams,
        string | number | null | undefined,
      ][]) {
        const value = raw === null || raw === undefined ? "" : String(raw);
        const name = paramNames[key];
        if (value === "" || (key === "tab" && value === "statements")) next.delete(name);
        else next.set(name, value);
      }
      // A new filter starts again at the newest statements.
      if (filterKeys.some((key) => key in patch)) next.delete("before");
      navigate(next, options.replace ?? false);
    },
    [navigate],
  );

  const clear = useCallback(() => {
    const next = new URLSearchParams(latest.current);
    for (const key of [...filterKeys, "before" as const]) next.delete(paramNames[key]);
    navigate(next, false);
  }, [navigate]);

  const activeFilterCount = [
    params.actor.trim(),
    params.verb.trim(),
    params.activity.trim(),
    params.clientId,
    params.matched,
  ].filter(Boolean).length;

  return { params, update, clear, activeFilterCount };
}
