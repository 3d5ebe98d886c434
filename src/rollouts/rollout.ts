import type { Selectable } from "kysely";
import { z } from "zod";
import type {
  RolloutPhasesTable,
  RolloutWavesTable,
  RolloutsTable,
} from "../platform/database/schema.js";
import { deadlinePolicySchema, localDateSchema, type DeadlinePolicy } from "./deadline.js";
import { gateCriterionSchema, type GateCriterion } from "./gate.js";

export const phaseKinds = ["pilot", "scale", "integrate", "institutionalize", "custom"] as const;
export const enrollmentModes = ["mandatory", "self_directed"] as const;
export const waveStatuses = ["planned", "launched", "paused", "rolled_back"] as const;
export type WaveStatus = (typeof waveStatuses)[number];
export const feasibilityChoices = ["assign_anyway", "extend", "skip"] as const;
export type FeasibilityChoice = (typeof feasibilityChoices)[number];

const name = z.string().trim().min(1).max(200);

export const phaseInputSchema = z.object({
  kind: z.enum(phaseKinds),
  name: name.optional(),
  gateCriteria: z.array(gateCriterionSchema).max(20).default([]),
});

/** Which part of the audience a wave takes: regions, divisions and/or a deterministic sample. */
export const sliceSchema = z
  .object({
    regions: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    divisions: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    percent: z.number().int().min(1).max(100).nullish(),
  })
  .default({ regions: [], divisions: [], percent: null });
export type Slice = z.infer<typeof sliceSchema>;

export const waveInputSchema = z.object({
  phaseId: z.string().min(1),
  name,
  audienceId: z.string().min(1).nullish().describe("Defaults to the rollout's audience"),
  slice: sliceSchema,
  launchDate: localDateSchema,
  enrollmentMode: z.enum(enrollmentModes).default("mandatory"),
  deadline: deadlinePolicySchema,
  regionDeadlines: z.record(z.string().min(1).max(100), deadlinePolicySchema).default({}),
  joinerGraceDays: z.number().int().min(0).max(365).default(14),
});
export type WaveInput = z.infer<typeof waveInputSchema>;

/** A change to a planned wave: only the fields given change (no defaults are filled in). */
export const waveChangeSchema = z.object({
  phaseId: z.string().min(1).optional(),
  name: name.optional(),
  audienceId: z.string().min(1).nullish(),
  slice: z
    .object({
      regions: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
      divisions: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
      percent: z.number().int().min(1).max(100).nullish(),
    })
    .optional(),
  launchDate: localDateSchema.optional(),
  enrollmentMode: z.enum(enrollmentModes).optional(),
  deadline: deadlinePolicySchema.optional(),
  regionDeadlines: z.record(z.string().min(1).max(100), deadlinePolicySchema).optional(),
  joinerGraceDays: z.number().int().min(0).max(365).optional(),
});

export const rolloutInputSchema = z.object({
  name,
  description: z.string().trim().max(5000).default(""),
  programVersionId: z.string().min(1),
  audienceId: z.string().min(1).nullish(),
  dailyLearningMinutes: z
    .number()
    .int()
    .min(5)
    .max(480)
    .default(30)
    .describe("Training time a learner can spend per working day: feasibility of due dates"),
  phases: z
    .array(phaseInputSchema)
    .min(1)
    .max(10)
    .default([
      { kind: "pilot", gateCriteria: [] },
      {
        kind: "scale",
        gateCriteria: [{ metric: "completion_rate", operator: ">=", threshold: 80 }],
      },
    ]),
});
export type RolloutInput = z.infer<typeof rolloutInputSchema>;

/** A change to a rollout: only what is given changes. The program version stays. */
export const rolloutChangeSchema = z.object({
  name: name.optional(),
  description: z.string().trim().max(5000).optional(),
  audienceId: z.string().min(1).nullish(),
  dailyLearningMinutes: z.number().int().min(5).max(480).optional(),
});
export type RolloutChange = z.infer<typeof rolloutChangeSchema>;

const policyOut = z.union([
  z.object({ kind: z.literal("relative"), days: z.number(), time: z.string() }),
  z.object({ kind: z.literal("fixed"), date: z.string(), time: z.string() }),
]);

export const waveSchema = z.object({
  id: z.string(),
  rolloutId: z.string(),
  phaseId: z.string(),
  name: z.string(),
  audienceId: z.string().nullable(),
  slice: z.object({
    regions: z.array(z.string()),
    divisions: z.array(z.string()),
    percent: z.number().nullable(),
  }),
  launchDate: z.string(),
  enrollmentMode: z.enum(enrollmentModes),
  deadline: policyOut,
  regionDeadlines: z.record(z.string(), policyOut),
  joinerGraceDays: z.number(),
  feasibilityChoice: z.enum(feasibilityChoices).nullable(),
  status: z.enum(waveStatuses),
  launchedAt: z.string().nullable(),
  launchedBy: z.string().nullable(),
  startedOn: z.string().nullable().describe("Local date the deadlines count from, once launched"),
  counts: z.record(z.string(), z.number()).describe("Assignments by status"),
});
export type Wave = z.infer<typeof waveSchema>;

export const phaseSchema = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(phaseKinds),
  name: z.string(),
  gateCriteria: z.array(
    z.object({
      metric: z.string(),
      operator: z.string(),
      threshold: z.number(),
    }),
  ),
  gate: z
    .object({
      decision: z.string().nullable(),
      decidedAt: z.string().nullable(),
      lastEvaluationPassed: z.boolean().nullable(),
      lastEvaluatedAt: z.string().nullable(),
    })
    .describe("Latest decision and evaluation of the gate into this phase"),
  waves: z.array(waveSchema),
});
export type Phase = z.infer<typeof phaseSchema>;

export const rolloutSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  programVersionId: z.string(),
  programId: z.string(),
  programName: z.string(),
  versionNumber: z.number(),
  audienceId: z.string().nullable(),
  audienceName: z.string().nullable(),
  dailyLearningMinutes: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  phases: z.array(phaseSchema),
});
export type Rollout = z.infer<typeof rolloutSchema>;

export function presentWave(
  row: Selectable<RolloutWavesTable>,
  counts: Record<string, number> = {},
): Wave {
  const slice = JSON.parse(row.slice) as Partial<Slice>;
  return {
    id: row.id,
    rolloutId: row.rollout_id,
    phaseId: row.phase_id,
    name: row.name,
    audienceId: row.audience_id,
    slice: {
      regions: slice.regions ?? [],
      divisions: slice.divisions ?? [],
      percent: slice.percent ?? null,
    },
    launchDate: row.launch_date,
    enrollmentMode: row.enrollment_mode as Wave["enrollmentMode"],
    deadline: JSON.parse(row.deadline) as DeadlinePolicy,
    regionDeadlines: JSON.parse(row.region_deadlines) as Record<string, DeadlinePolicy>,
    joinerGraceDays: Number(row.joiner_grace_days),
    feasibilityChoice: row.feasibility_choice as FeasibilityChoice | null,
    status: row.status as WaveStatus,
    launchedAt: row.launched_at,
    launchedBy: row.launched_by,
    startedOn: row.started_on,
    counts,
  };
}

export function presentPhase(
  row: Selectable<RolloutPhasesTable>,
  waves: Wave[],
  gate: Phase["gate"],
): Phase {
  return {
    id: row.id,
    position: Number(row.position),
    kind: row.kind as Phase["kind"],
    name: row.name,
    gateCriteria: JSON.parse(row.gate_criteria) as GateCriterion[],
    gate,
    waves,
  };
}

export function presentRollout(
  row: Selectable<RolloutsTable>,
  program: { programId: string; programName: string; versionNumber: number },
  phases: Phase[],
  audienceName: string | null,
): Rollout {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    programVersionId: row.program_version_id,
    ...program,
    audienceId: row.audience_id,
    audienceName,
    dailyLearningMinutes: Number(row.daily_learning_minutes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    phases,
  };
}

/** Default display names of phase kinds. */
export const phaseNames: Record<(typeof phaseKinds)[number], string> = {
  pilot: "Pilot",
  scale: "Scale",
  integrate: "Integrate",
  institutionalize: "Institutionalize",
  custom: "Phase",
};
