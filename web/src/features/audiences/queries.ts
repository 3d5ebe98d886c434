import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createAudience,
  fetchAudience,
  fetchAudienceChanges,
  fetchAudienceMembers,
  fetchAudiences,
  fetchRuleFields,
  previewAudienceRule,
  updateAudience,
} from "../../api/audiences.js";
import type { AudienceInput } from "../../api/audiences.js";

/** Everything under "audiences" changes when an audience is saved. */
export const audienceKeys = {
  all: ["audiences"] as const,
  list: () => ["audiences", "list"] as const,
  detail: (id: string) => ["audiences", "detail", id] as const,
  members: (id: string, page: number, pageSize: number) =>
    ["audiences", "detail", id, "members", page, pageSize] as const,
  changes: (id: string) => ["audiences", "detail", id, "changes"] as const,
  preview: (rule: string) => ["audiences", "preview", rule] as const,
  fields: () => ["audiences", "fields"] as const,
};

/** People shown in a preview's sample. */
export const previewSampleSize = 10;
/** Change log entries shown on an audience's page. */
export const changeLimit = 200;

export function useAudiences() {
  return useQuery({
    queryKey: audienceKeys.list(),
    queryFn: ({ signal }) => fetchAudiences(signal),
  });
}

export function useAudience(id: string) {
  return useQuery({
    queryKey: audienceKeys.detail(id),
    queryFn: ({ signal }) => fetchAudience(id, signal),
  });
}

export function useRuleFields() {
  return useQuery({
    queryKey: audienceKeys.fields(),
    queryFn: ({ signal }) => fetchRuleFields(signal),
    staleTime: 60 * 60_000,
  });
}

/** Who `rule` selects now; the previous answer stays on screen while the next one loads. */
export function useRulePreview(rule: string) {
  return useQuery({
    queryKey: audienceKeys.preview(rule),
    queryFn: ({ signal }) => previewAudienceRule({ rule, sampleSize: previewSampleSize }, signal),
    enabled: rule.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useAudienceMembers(id: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: audienceKeys.members(id, page, pageSize),
    queryFn: ({ signal }) => fetchAudienceMembers(id, { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAudienceChanges(id: string) {
  return useQuery({
    queryKey: audienceKeys.changes(id),
    queryFn: ({ signal }) => fetchAudienceChanges(id, changeLimit, signal),
  });
}

export function useCreateAudience() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AudienceInput) => createAudience(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: audienceKeys.all }),
  });
}

/** Saving a new rule re-resolves the members and logs who joined and left. */
export function useUpdateAudience(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<AudienceInput>) => updateAudience(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: audienceKeys.all }),
  });
}
