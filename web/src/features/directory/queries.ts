import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  fetchDirectorySummary,
  fetchPeople,
  fetchPeopleFacets,
  fetchPerson,
  fetchPersonHistory,
} from "../../api/directory.js";
import type { PeopleQuery } from "../../api/directory.js";

/** Everything under "directory" changes when an import is applied. */
export const directoryKeys = {
  all: ["directory"] as const,
  summary: () => ["directory", "summary"] as const,
  people: (query: PeopleQuery) => ["directory", "people", query] as const,
  facets: () => ["directory", "facets"] as const,
  person: (id: string) => ["directory", "person", id] as const,
  history: (id: string) => ["directory", "person", id, "history"] as const,
};

export function useDirectorySummary(enabled = true) {
  return useQuery({
    queryKey: directoryKeys.summary(),
    queryFn: ({ signal }) => fetchDirectorySummary(signal),
    enabled,
  });
}

export function usePeople(query: PeopleQuery) {
  return useQuery({
    queryKey: directoryKeys.people(query),
    queryFn: ({ signal }) => fetchPeople(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePeopleFacets() {
  return useQuery({
    queryKey: directoryKeys.facets(),
    queryFn: ({ signal }) => fetchPeopleFacets(signal),
    staleTime: 5 * 60_000,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: directoryKeys.person(id),
    queryFn: ({ signal }) => fetchPerson(id, signal),
  });
}

export function usePersonHistory(id: string) {
  return useQuery({
    queryKey: directoryKeys.history(id),
    queryFn: ({ signal }) => fetchPersonHistory(id, signal),
  });
}
