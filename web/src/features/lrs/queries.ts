import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createLrsClient,
  fetchLrsClients,
  fetchLrsOverview,
  fetchStatement,
  fetchStatements,
  fetchUnmatchedActors,
  matchUnmatchedActors,
  revokeLrsClient,
} from "../../api/lrs.js";
import type { LrsAccess, StatementsQuery } from "../../api/lrs.js";
import { rolloutKeys } from "../rollouts/queries.js";

/** Everything under "lrs" moves together: a new client changes the overview's figures too. */
export const lrsKeys = {
  all: ["lrs"] as const,
  overview: () => ["lrs", "overview"] as const,
  clients: () => ["lrs", "clients"] as const,
  statements: (query: StatementsQuery) => ["lrs", "statements", query] as const,
  statement: (id: string) => ["lrs", "statement", id] as const,
  unmatched: (offset: number, limit: number) => ["lrs", "unmatched", offset, limit] as const,
};

// Statements keep arriving while the page is open: the figures and lists refresh on their own.
const liveInterval = 30_000;

export function useLrsOverview() {
  return useQuery({
    queryKey: lrsKeys.overview(),
    queryFn: ({ signal }) => fetchLrsOverview(signal),
    refetchInterval: liveInterval,
  });
}

export function useLrsClients() {
  return useQuery({
    queryKey: lrsKeys.clients(),
    queryFn: ({ signal }) => fetchLrsClients(signal),
  });
}

export function useStatements(query: StatementsQuery) {
  return useQuery({
    queryKey: lrsKeys.statements(query),
    queryFn: ({ signal }) => fetchStatements(query, signal),
    placeholderData: keepPreviousData,
    // Only the newest page grows; an older page stays as it is.
    refetchInterval: query.before === undefined ? liveInterval : false,
  });
}

export function useStatement(id: string | null) {
  return useQuery({
    queryKey: lrsKeys.statement(id ?? ""),
    queryFn: ({ signal }) => fetchStatement(id ?? "", signal),
    enabled: id !== null,
  });
}

export function useUnmatchedActors(offset: number, limit: number) {
  return useQuery({
    queryKey: lrsKeys.unmatched(offset, limit),
    queryFn: ({ signal }) => fetchUnmatchedActors({ offset, limit }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Issues credentials; the answer holds the secret, which no later request shows. */
export function useCreateLrsClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; access: LrsAccess }) => createLrsClient(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lrsKeys.all }),
  });
}

export function useRevokeLrsClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeLrsClient(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lrsKeys.all }),
  });
}

/** Matching replays the actors' statements, so assignments and rollout progress move too. */
export function useMatchUnmatchedActors() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => matchUnmatchedActors(),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: lrsKeys.all }),
        queryClient.invalidateQueries({ queryKey: rolloutKeys.all }),
      ]);
    },
  });
}
