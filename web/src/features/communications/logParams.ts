import { useCallback, useMemo } from "react";
import { useLatestSearchParams } from "../../components/useLatestSearchParams.js";
import type { Channel, MessagesQuery, OutboxState } from "../../api/communications.js";
import { channels, outboxStates } from "./labels.js";

export const messagesPageSize = 50;

export interface LogParams {
  state: OutboxState | null;
  channel: Channel | null;
  templateId: string | null;
  rolloutId: string | null;
  /** The recipient's external id, as on their person page. */
  personId: string | null;
  /** Only messages sent again after an interrupted send. */
  resent: boolean;
  page: number;
  /** The message open in the drawer. */
  message: number | null;
}

export type LogParamsPatch = Partial<LogParams>;

const paramNames: Record<keyof LogParams, string> = {
  state: "state",
  channel: "channel",
  templateId: "template",
  rolloutId: "rolloutId",
  personId: "personId",
  resent: "resent",
  page: "page",
  message: "message",
};

const filterKeys: (keyof LogParams)[] = [
  "state",
  "channel",
  "templateId",
  "rolloutId",
  "personId",
  "resent",
];

function positiveInt(value: string | null): number | null {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
}

export function parseLogParams(search: URLSearchParams): LogParams {
  const state = search.get("state");
  const channel = search.get("channel");
  return {
    state: outboxStates.find((s) => s === state) ?? null,
    channel: channels.find((c) => c === channel) ?? null,
    templateId: search.get("template") || null,
    rolloutId: search.get("rolloutId") || null,
    personId: search.get("personId") || null,
    resent: search.get("resent") === "true",
    page: positiveInt(search.get("page")) ?? 1,
    message: positiveInt(search.get("message")),
  };
}

export function toMessagesQuery(params: LogParams): MessagesQuery {
  return {
    state: params.state ?? undefined,
    channel: params.channel ?? undefined,
    templateId: params.templateId ?? undefined,
    rolloutId: params.rolloutId ?? undefined,
    personExternalId: params.personId ?? undefined,
    resent: params.resent || undefined,
    page: params.page,
    pageSize: messagesPageSize,
  };
}

/** The delivery log's filters, page and open message, kept in the query string. */
export function useLogParams() {
  const { search, latest, navigate } = useLatestSearchParams();
  const params = useMemo(() => parseLogParams(search), [search]);

  const update = useCallback(
    (patch: LogParamsPatch, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, raw] of Object.entries(patch) as [
        keyof LogParams,
        string | number | boolean | null | undefined,
      ][]) {
        const name = paramNames[key];
        const value = raw === null || raw === undefined || raw === false ? "" : String(raw);
        if (value === "" || (key === "page" && value === "1")) next.delete(name);
        else next.set(name, value);
      }
      // A new filter starts again at the first page; opening a message or paging does not.
      if (filterKeys.some((key) => key in patch)) next.delete("page");
      navigate(next, options.replace ?? false);
    },
    [navigate],
  );

  const clear = useCallback(() => {
    const next = new URLSearchParams(latest.current);
    for (const key of [...filterKeys, "page" as const]) next.delete(paramNames[key]);
    navigate(next, false);
  }, [navigate]);

  const activeFilterCount = [
    params.state,
    params.channel,
    params.templateId,
    params.rolloutId,
    params.personId,
    params.resent || null,
  ].filter(Boolean).length;

  return { params, update, clear, activeFilterCount };
}
