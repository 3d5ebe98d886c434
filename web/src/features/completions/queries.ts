import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  fetchCompletionImport,
  fetchCompletionImports,
  uploadCompletionImport,
} from "../../api/completions.js";
import type { CompletionImportRequest } from "../../api/completions.js";
import { rolloutKeys } from "../rollouts/queries.js";

export const completionImportKeys = {
  all: ["completion-imports"] as const,
  list: (page: number, pageSize: number) => ["completion-imports", "list", page, pageSize] as const,
  detail: (id: string) => ["completion-imports", "detail", id] as const,
};

export function useCompletionImports(page: number, pageSize: number) {
  return useQuery({
    queryKey: completionImportKeys.list(page, pageSize),
    queryFn: ({ signal }) => fetchCompletionImports({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCompletionImport(id: string) {
  return useQuery({
    queryKey: completionImportKeys.detail(id),
    queryFn: ({ signal }) => fetchCompletionImport(id, signal),
  });
}

type UploadInput = Omit<CompletionImportRequest, "dryRun" | "applyValidRows">;

/** Runs a dry run: nothing changes, the report says what would. */
export function usePreviewCompletions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput) =>
      uploadCompletionImport({ ...input, dryRun: true, applyValidRows: false }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: completionImportKeys.all }),
  });
}

/** Applies the file; afterwards assignments and rollout progress are stale. */
export function useApplyCompletions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput & { applyValidRows: boolean }) =>
      uploadCompletionImport({ ...input, dryRun: false }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: completionImportKeys.all }),
        queryClient.invalidateQueries({ queryKey: rolloutKeys.all }),
      ]);
    },
  });
}
