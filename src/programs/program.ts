import { z } from "zod";
import type {
  ProgramModulesTable,
  ProgramVersionsTable,
  ProgramsTable,
} from "../platform/database/schema.js";
import type { Selectable } from "kysely";

/** Kinds of module a program version is made of. */
export const moduleKinds = [
  "elearning",
  "instructor_led",
  "virtual",
  "assessment",
  "job_aid",
] as const;
export type ModuleKind = (typeof moduleKinds)[number];

const iri = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(v), "Expected an IRI such as https://…");

/** Verbs that complete a module unless it says otherwise: completed, passed and cmi5 satisfied. */
export const defaultCompletionVerbs = [
  "http://adlnet.gov/expapi/verbs/completed",
  "http://adlnet.gov/expapi/verbs/passed",
  "https://w3id.org/xapi/adl/verbs/satisfied",
] as const;

/** A locale or regional variant of a module: another title or another activity. */
export const moduleVariantSchema = z
  .object({
    locale: z.string().trim().min(2).max(35).optional(),
    region: z.string().trim().min(1).max(100).optional(),
    title: z.string().trim().min(1).max(300).optional(),
    activityIri: iri.optional(),
  })
  .refine((v) => v.locale !== undefined || v.region !== undefined, {
    message: "A variant names a locale, a region or both",
  });

export const moduleInputSchema = z
  .object({
    kind: z.enum(moduleKinds),
    title: z.string().trim().min(1).max(300),
    activityIri: iri.nullish(),
    expectedMinutes: z.number().int().min(1).max(100_000),
    required: z.boolean().default(true),
    variants: z.array(moduleVariantSchema).max(100).default([]),
    /** Verb IRIs whose statements complete the module; null or absent: the defaults. */
    completionVerbs: z.array(iri).min(1).max(20).nullish(),
  })
  .refine((m) => m.kind !== "elearning" || (m.activityIri ?? null) !== null, {
    message: "An e-learning module needs the activity IRI its content reports",
    path: ["activityIri"],
  });
export type ModuleInput = z.infer<typeof moduleInputSchema>;

export const programInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(""),
});

export const moduleSchema = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(moduleKinds),
  title: z.string(),
  activityIri: z.string().nullable(),
  expectedMinutes: z.number(),
  required: z.boolean(),
  variants: z.array(
    z.object({
      locale: z.string().optional(),
      region: z.string().optional(),
      title: z.string().optional(),
      activityIri: z.string().optional(),
    }),
  ),
  completionVerbs: z
    .array(z.string())
    .describe("Verb IRIs whose statements complete the module (defaults when not set)"),
  completionVerbsSet: z.boolean().describe("Whether the module overrides the default verbs"),
});
export type Module = z.infer<typeof moduleSchema>;

export const versionSchema = z.object({
  id: z.string(),
  programId: z.string(),
  number: z.number(),
  status: z.enum(["draft", "published"]),
  notes: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  createdAt: z.string(),
  expectedMinutes: z.number().describe("Sum of the required modules' expected durations"),
  modules: z.array(moduleSchema),
});
export type ProgramVersion = z.infer<typeof versionSchema>;

export const programSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(versionSchema.omit({ modules: true })),
});
export type Program = z.infer<typeof programSchema>;

export function presentModule(row: Selectable<ProgramModulesTable>): Module {
  return {
    id: row.id,
    position: Number(row.position),
    kind: row.kind as ModuleKind,
    title: row.title,
    activityIri: row.activity_iri,
    expectedMinutes: Number(row.expected_minutes),
    required: Number(row.required) === 1,
    variants: JSON.parse(row.variants) as Module["variants"],
    completionVerbs: row.completion_verbs
      ? (JSON.parse(row.completion_verbs) as string[])
      : [...defaultCompletionVerbs],
    completionVerbsSet: row.completion_verbs !== null,
  };
}

/** Expected minutes of a version: its required modules only. */
export function expectedMinutesOf(modules: readonly Module[]): number {
  return modules.filter((m) => m.required).reduce((sum, m) => sum + m.expectedMinutes, 0);
}

export function presentVersion(
  row: Selectable<ProgramVersionsTable>,
  modules: readonly Selectable<ProgramModulesTable>[],
): ProgramVersion {
  const presented = modules.map(presentModule).sort((a, b) => a.position - b.position);
  return {
    id: row.id,
    programId: row.program_id,
    number: Number(row.number),
    status: row.status as ProgramVersion["status"],
    notes: row.notes,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    createdAt: row.created_at,
    expectedMinutes: expectedMinutesOf(presented),
    modules: presented,
  };
}

export function presentProgram(
  row: Selectable<ProgramsTable>,
  versions: Omit<ProgramVersion, "modules">[],
): Program {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    versions,
  };
}
