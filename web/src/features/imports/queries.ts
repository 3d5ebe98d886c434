import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchImport, fetchImports, uploadPeopleImport } from "../../api/imports.js";
import type { PeopleImportRequest } from "../../api/imports.js";
import { directoryKeys } from "../directory/queries.js";

export const importKeys = {
  all: ["imports"] as const,
  list: (page: number, pageSize: number) => ["imports", "list", page, pageSize] as const,
  detail: (id: string) => ["imports", "detail", id] as const,
};

export function useImports(page: number, pageSize: number) {
  return useQuery({
    queryKey: importKeys.list(page, pageSize),
    queryFn: ({ signal }) => fetchImports({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useImport(id: string) {
  return useQuery({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => fetchImport(id, signal),
  });
}

type UploadInput = Omit<PeopleImportRequest, "dryRun" | "applyValidRows">;

/** Runs a dry run: nothing changes, the report says what would. */
export function usePreviewImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput) =>
      uploadPeopleImport({ ...input, dryRun: true, applyValidRows: false }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: importKeys.all }),
  });
}

/** Applies the file; afterwards everything read from the directory is stale. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput & { applyValidRows: boolean }) =>
      uploadPeopleImport({ ...input, dryRun: false }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: importKeys.all }),
        queryClient.invalidateQueries({ queryKey: directoryKeys.all }),
      ]);
    },
  });
}
