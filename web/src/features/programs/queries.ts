import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createDraftVersion,
  createProgram,
  fetchProgram,
  fetchPrograms,
  fetchProgramVersion,
  publishProgramVersion,
  updateProgram,
  updateProgramVersion,
} from "../../api/programs.js";
import type { ModuleInput, Program, ProgramInput, ProgramVersion } from "../../api/programs.js";
import { rolloutKeys } from "../rollouts/queries.js";

/** Everything under "programs" changes when a program or one of its versions is saved. */
export const programKeys = {
  all: ["programs"] as const,
  list: () => ["programs", "list"] as const,
  detail: (id: string) => ["programs", "detail", id] as const,
  version: (id: string) => ["programs", "version", id] as const,
};

export function usePrograms() {
  return useQuery({
    queryKey: programKeys.list(),
    queryFn: ({ signal }) => fetchPrograms(signal),
  });
}

export function useProgram(id: string) {
  return useQuery({
    queryKey: programKeys.detail(id),
    queryFn: ({ signal }) => fetchProgram(id, signal),
  });
}

export function useProgramVersion(id: string) {
  return useQuery({
    queryKey: programKeys.version(id),
    queryFn: ({ signal }) => fetchProgramVersion(id, signal),
  });
}

/** After a version changed: show the answer at once, and refetch the lists that summarise it. */
function useVersionSaved() {
  const queryClient = useQueryClient();
  return async (version: ProgramVersion) => {
    queryClient.setQueryData(programKeys.version(version.id), version);
    await queryClient.invalidateQueries({ queryKey: programKeys.all });
  };
}

export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProgramInput) => createProgram(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programKeys.all }),
  });
}

/** Renames a program or changes its description. */
export function useUpdateProgram(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { name: string; description: string }) => updateProgram(programId, change),
    onSuccess: async (program: Program) => {
      queryClient.setQueryData(programKeys.detail(program.id), program);
      // Rollouts show the name of the program they deliver.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: programKeys.all }),
        queryClient.invalidateQueries({ queryKey: rolloutKeys.all }),
      ]);
    },
  });
}

/** Starts a new draft version of a program, copying the modules of another version. */
export function useCreateDraftVersion(programId: string) {
  const saved = useVersionSaved();
  return useMutation({
    mutationFn: (fromVersionId: string | null) => createDraftVersion(programId, fromVersionId),
    onSuccess: saved,
  });
}

export function useUpdateVersion(versionId: string) {
  const saved = useVersionSaved();
  return useMutation({
    mutationFn: (input: { modules: ModuleInput[]; notes: string }) =>
      updateProgramVersion(versionId, input),
    onSuccess: saved,
  });
}

export function usePublishVersion(versionId: string) {
  const saved = useVersionSaved();
  return useMutation({
    mutationFn: () => publishProgramVersion(versionId),
    onSuccess: saved,
  });
}
