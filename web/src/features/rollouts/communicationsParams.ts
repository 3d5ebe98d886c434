import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { OutboxState } from "../../api/communications.js";
import { addDays, todayLocal } from "./dates.js";
import { rolloutPath } from "./paths.js";

/** The communications page of a rollout, on a wave's cadence when `waveId` is given. */
export function communicationsPath(rolloutId: string, waveId?: string): string {
  const path = `${rolloutPath(rolloutId)}/communications`;
  return waveId ? `${path}?wave=${encodeURIComponent(waveId)}` : path;
}

/** The delivery log, filtered to a rollout's messages in one state. */
export function deliveryLogPath(rolloutId: string, state: OutboxState): string {
  const search = new URLSearchParams({ rolloutId, state });
  return `/communications?${search.toString()}`;
}

export const communicationsTabs = ["cadence", "calendar"] as const;
export type CommunicationsTab = (typeof communicationsTabs)[number];

/** The calendar shows two weeks back and four months ahead unless the reader moves it. */
export const calendarDaysBack = 14;
export const calendarDaysAhead = 120;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export interface CommunicationsParams {
  tab: CommunicationsTab;
  /** The wave whose cadence is shown and whose messages the calendar lists; null: the rollout. */
  waveId: string | null;
  from: string;
  to: string;
}

export function parseCommunicationsParams(
  search: URLSearchParams,
  today = todayLocal(),
): CommunicationsParams {
  const tab = search.get("tab");
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  return {
    tab: communicationsTabs.find((candidate) => candidate === tab) ?? "cadence",
    waveId: search.get("wave") || null,
    from: isoDate.test(from) ? from : addDays(today, -calendarDaysBack),
    to: isoDate.test(to) ? to : addDays(today, calendarDaysAhead),
  };
}

/** The communications page's tab, wave and calendar range, kept in the query string. */
export function useCommunicationsParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseCommunicationsParams(search), [search]);

  const update = useCallback(
    (patch: { [K in keyof CommunicationsParams]?: CommunicationsParams[K] | null }) => {
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          const names: Record<keyof CommunicationsParams, string> = {
            tab: "tab",
            waveId: "wave",
            from: "from",
            to: "to",
          };
          for (const [key, value] of Object.entries(patch) as [
            keyof CommunicationsParams,
            string | null | undefined,
          ][]) {
            if (!value || (key === "tab" && value === "cadence")) next.delete(names[key]);
            else next.set(names[key], value);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setSearch],
  );

  return { params, update };
}
