import { request } from "./client.js";
import type {
  DirectorySummary,
  Page,
  PeopleFacets,
  PeopleSort,
  PeopleStatusFilter,
  PersonHistoryEntry,
  PersonPage,
  PersonSummary,
} from "./types.js";

export interface PeopleQuery {
  q?: string;
  division?: string;
  department?: string;
  region?: string;
  country?: string;
  location?: string;
  jobFamily?: string;
  employmentType?: string;
  tag?: string;
  managerId?: string;
  status?: PeopleStatusFilter;
  sort?: PeopleSort;
  page?: number;
  pageSize?: number;
}

export function fetchDirectorySummary(signal?: AbortSignal): Promise<DirectorySummary> {
  return request<DirectorySummary>("/api/v1/directory/summary", { signal });
}

export function fetchPeople(
  query: PeopleQuery,
  signal?: AbortSignal,
): Promise<Page<PersonSummary>> {
  return request<Page<PersonSummary>>("/api/v1/people", { query: { ...query }, signal });
}

export function fetchPeopleFacets(signal?: AbortSignal): Promise<PeopleFacets> {
  return request<PeopleFacets>("/api/v1/people/facets", { signal });
}

export function fetchPerson(id: string, signal?: AbortSignal): Promise<PersonPage> {
  return request<PersonPage>(`/api/v1/people/${encodeURIComponent(id)}`, { signal });
}

export function fetchPersonHistory(
  id: string,
  signal?: AbortSignal,
): Promise<{ items: PersonHistoryEntry[] }> {
  return request<{ items: PersonHistoryEntry[] }>(
    `/api/v1/people/${encodeURIComponent(id)}/history`,
    { signal },
  );
}
