import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { communicationsApi } from "../../api/communications.js";
import type { Cadence, CadenceInput, MessagePurpose } from "../../api/communications.js";
import {
  addWave,
  changeWaveStatus,
  createBlackout,
  createRollout,
  decideGate,
  deleteBlackout,
  deleteWave,
  evaluateGate,
  fetchAssignment,
  fetchAssignments,
  fetchAudienceOptions,
  fetchBlackouts,
  fetchExceptions,
  fetchGate,
  fetchGateMetrics,
  fetchLaunchPreview,
  fetchProgramOptions,
  fetchRollout,
  fetchRollouts,
  fetchWave,
  grantException,
  launchWave,
  syncWave,
  updatePhase,
  updateRollout,
  updateWave,
} from "../../api/rollouts.js";
import type {
  AssignmentsQuery,
  ExceptionInput,
  FeasibilityChoice,
  GateCriterion,
  GateDecision,
  RolloutChange,
  RolloutInput,
  WaveAction,
  WaveInput,
} from "../../api/rollouts.js";

/**
 * Everything under "rollouts" may change when a wave is launched, paused or synchronised, a gate
 * decided or an exception granted; mutations invalidate the whole tree rather than guess.
 */
export const rolloutKeys = {
  all: ["rollouts"] as const,
  list: () => ["rollouts", "list"] as const,
  detail: (id: string) => ["rollouts", "detail", id] as const,
  wave: (id: string) => ["rollouts", "wave", id] as const,
  launchPreview: (id: string) => ["rollouts", "wave", id, "launch-preview"] as const,
  gate: (phaseId: string) => ["rollouts", "gate", phaseId] as const,
  metrics: () => ["rollouts", "metrics"] as const,
  assignments: (query: AssignmentsQuery) => ["rollouts", "assignments", query] as const,
  assignment: (id: number) => ["rollouts", "assignment", id] as const,
  exceptions: (rolloutId: string | undefined) => ["rollouts", "exceptions", rolloutId] as const,
  blackouts: () => ["rollouts", "blackouts"] as const,
  programOptions: () => ["rollouts", "program-options"] as const,
  audienceOptions: () => ["rollouts", "audience-options"] as const,
  cadence: (rolloutId: string, waveId: string | null) =>
    ["rollouts", "cadence", rolloutId, waveId ?? "rollout"] as const,
  calendar: (rolloutId: string, from: string, to: string) =>
    ["rollouts", "communications-calendar", rolloutId, from, to] as const,
  templates: (purpose: MessagePurpose | null) =>
    ["rollouts", "message-templates", purpose ?? "all"] as const,
};

function useInvalidateRollouts() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: rolloutKeys.all });
}

export function useRollouts() {
  return useQuery({
    queryKey: rolloutKeys.list(),
    queryFn: ({ signal }) => fetchRollouts(signal),
  });
}

export function useRollout(id: string) {
  return useQuery({
    queryKey: rolloutKeys.detail(id),
    queryFn: ({ signal }) => fetchRollout(id, signal),
  });
}

export function useWave(id: string) {
  return useQuery({
    queryKey: rolloutKeys.wave(id),
    queryFn: ({ signal }) => fetchWave(id, signal),
  });
}

/** What launching would do; always read afresh when the launch dialog opens. */
export function useLaunchPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: rolloutKeys.launchPreview(id),
    queryFn: ({ signal }) => fetchLaunchPreview(id, signal),
    enabled,
    staleTime: 0,
  });
}

export function useGate(phaseId: string) {
  return useQuery({
    queryKey: rolloutKeys.gate(phaseId),
    queryFn: ({ signal }) => fetchGate(phaseId, signal),
  });
}

export function useGateMetrics() {
  return useQuery({
    queryKey: rolloutKeys.metrics(),
    queryFn: ({ signal }) => fetchGateMetrics(signal),
    staleTime: 60 * 60_000,
  });
}

export function useAssignments(query: AssignmentsQuery, enabled = true) {
  return useQuery({
    queryKey: rolloutKeys.assignments(query),
    queryFn: ({ signal }) => fetchAssignments(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAssignment(id: number | null) {
  return useQuery({
    queryKey: rolloutKeys.assignment(id ?? 0),
    queryFn: ({ signal }) => fetchAssignment(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useExceptions(rolloutId: string | undefined) {
  return useQuery({
    queryKey: rolloutKeys.exceptions(rolloutId),
    queryFn: ({ signal }) => fetchExceptions(rolloutId, signal),
  });
}

export function useBlackouts() {
  return useQuery({
    queryKey: rolloutKeys.blackouts(),
    queryFn: ({ signal }) => fetchBlackouts(signal),
  });
}

export function useProgramOptions(enabled = true) {
  return useQuery({
    queryKey: rolloutKeys.programOptions(),
    queryFn: ({ signal }) => fetchProgramOptions(signal),
    enabled,
  });
}

export function useAudienceOptions(enabled = true) {
  return useQuery({
    queryKey: rolloutKeys.audienceOptions(),
    queryFn: ({ signal }) => fetchAudienceOptions(signal),
    enabled,
  });
}

export function useCreateRollout() {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: RolloutInput) => createRollout(input),
    onSuccess: invalidate,
  });
}

export function useUpdateRollout(rolloutId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (change: RolloutChange) => updateRollout(rolloutId, change),
    onSuccess: invalidate,
  });
}

export function useAddWave(rolloutId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: WaveInput) => addWave(rolloutId, input),
    onSuccess: invalidate,
  });
}

export function useUpdateWave(waveId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: Partial<WaveInput>) => updateWave(waveId, input),
    onSuccess: invalidate,
  });
}

/**
 * Deletes a planned wave. The deleted wave's own queries are left alone rather than refetched:
 * they would answer 404 while the page that showed them moves on.
 */
export function useDeleteWave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (waveId: string) => deleteWave(waveId),
    onSuccess: (rollout, waveId) => {
      queryClient.setQueryData(rolloutKeys.detail(rollout.id), rollout);
      void queryClient.invalidateQueries({
        queryKey: rolloutKeys.all,
        predicate: (query) => !(query.queryKey[1] === "wave" && query.queryKey[2] === waveId),
      });
    },
  });
}

export function useUpdatePhase() {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: { phaseId: string; name?: string; gateCriteria?: GateCriterion[] }) => {
      const { phaseId, ...body } = input;
      return updatePhase(phaseId, body);
    },
    onSuccess: invalidate,
  });
}

export function useLaunchWave(waveId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: { feasibility?: FeasibilityChoice; override?: { reason: string } }) =>
      launchWave(waveId, input),
    // A refused launch may still have recorded something (an override), so refresh either way.
    onSettled: invalidate,
  });
}

export function useChangeWaveStatus(waveId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: { action: WaveAction; reason: string }) =>
      changeWaveStatus(waveId, input.action, input.reason),
    onSuccess: invalidate,
  });
}

export function useSyncWave(waveId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: () => syncWave(waveId),
    onSuccess: invalidate,
  });
}

export function useEvaluateGate(phaseId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: () => evaluateGate(phaseId),
    onSuccess: invalidate,
  });
}

export function useDecideGate(phaseId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: {
      decision: Exclude<GateDecision, "override">;
      reason: string;
      approvers: string[];
      extendUntil?: string | null;
    }) => decideGate(phaseId, input),
    onSuccess: invalidate,
  });
}

export function useGrantException() {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: ExceptionInput & { rolloutId: string }) => {
      const { rolloutId, ...body } = input;
      return grantException(rolloutId, body);
    },
    onSuccess: invalidate,
  });
}

export function useCreateBlackout() {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: createBlackout,
    onSuccess: invalidate,
  });
}

export function useDeleteBlackout() {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: deleteBlackout,
    onSuccess: invalidate,
  });
}

/** The cadence shown for a rollout or one of its waves, with every cadence saved for the rollout. */
export interface CadenceView {
  /**
   * For a wave: the cadence that plans its messages. For the rollout: its own, or else Cascade's
   * default that its waves without their own follow; null when no wave could tell which default.
   */
  cadence: Cadence | null;
  saved: Cadence[];
}

/**
 * The cadence of a rollout (waveId null) or of one wave. Asked without a wave, the server answers
 * for the first wave, which may have its own; then the rollout's is read from a wave that has not.
 */
export function useCadence(rolloutId: string, waveId: string | null, waveIds: string[]) {
  return useQuery({
    queryKey: rolloutKeys.cadence(rolloutId, waveId),
    queryFn: async (): Promise<CadenceView> => {
      const first = await communicationsApi.cadence(rolloutId, waveId ?? undefined);
      if (waveId) return { cadence: first.effective, saved: first.saved };
      const own = first.saved.find((cadence) => cadence.waveId === null);
      if (own) return { cadence: own, saved: first.saved };
      if (first.effective?.source === "default")
        return { cadence: first.effective, saved: first.saved };
      const follower = waveIds.find((id) => !first.saved.some((c) => c.waveId === id));
      if (!follower) return { cadence: null, saved: first.saved };
      const other = await communicationsApi.cadence(rolloutId, follower);
      return { cadence: other.effective, saved: other.saved };
    },
  });
}

/** Templates, of one purpose or all; they change rarely while a cadence is being edited. */
export function useMessageTemplates(purpose: MessagePurpose | null = null) {
  return useQuery({
    queryKey: rolloutKeys.templates(purpose),
    queryFn: () => communicationsApi.templates(purpose ?? undefined),
    staleTime: 60_000,
  });
}

/** What went and will go out, by day, wave and rule, between two dates. */
export function useCommunicationsCalendar(rolloutId: string, from: string, to: string) {
  return useQuery({
    queryKey: rolloutKeys.calendar(rolloutId, from, to),
    queryFn: () => communicationsApi.calendar(rolloutId, { from, to }),
    placeholderData: keepPreviousData,
  });
}

/** Saves the rollout's cadence (waveId null) or a wave's own; the calendar changes with it. */
export function useSaveCadence(rolloutId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (input: CadenceInput) => communicationsApi.saveCadence(rolloutId, input),
    onSuccess: invalidate,
  });
}

/** Removes a wave's own cadence (it follows the rollout's again) or the rollout's (the default). */
export function useDeleteCadence(rolloutId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: (waveId: string | null) =>
      communicationsApi.deleteCadence(rolloutId, waveId ?? undefined),
    onSuccess: invalidate,
  });
}

/** Plans the launched waves' messages within the horizon now, instead of at the hourly pass. */
export function usePlanMessages(rolloutId: string) {
  const invalidate = useInvalidateRollouts();
  return useMutation({
    mutationFn: () => communicationsApi.plan(rolloutId),
    onSuccess: invalidate,
  });
}
