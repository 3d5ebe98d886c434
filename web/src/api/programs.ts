import { request } from "./client.js";

/**
 * Programs as the web app sees them; they mirror `programSchema`, `versionSchema` and
 * `moduleInputSchema` in src/programs/program.ts.
 */
export const moduleKinds = [
  "elearning",
  "instructor_led",
  "virtual",
  "assessment",
  "job_aid",
] as const;
export type ModuleKind = (typeof moduleKinds)[number];

/** Another title or activity for people of one locale, one region or both. */
export interface ModuleVariant {
  locale?: string;
  region?: string;
  title?: string;
  activityIri?: string;
}

export interface ModuleInput {
  kind: ModuleKind;
  title: string;
  /** Required for e-learning: the xAPI activity its content reports. */
  activityIri: string | null;
  expectedMinutes: number;
  required: boolean;
  variants: ModuleVariant[];
  /** Verb IRIs whose statements complete the module; null: the defaults. */
  completionVerbs: string[] | null;
}

export interface ProgramModule extends Omit<ModuleInput, "completionVerbs"> {
  id: string;
  position: number;
  /** The verbs that complete it: its own, or the defaults when it sets none. */
  completionVerbs: string[];
  /** Whether the module overrides the default verbs. */
  completionVerbsSet: boolean;
}

export type VersionStatus = "draft" | "published";

export interface ProgramVersionSummary {
  id: string;
  programId: string;
  number: number;
  status: VersionStatus;
  notes: string;
  publishedAt: string | null;
  publishedBy: string | null;
  createdAt: string;
  /** Sum of the required modules' expected minutes. */
  expectedMinutes: number;
}

export interface ProgramVersion extends ProgramVersionSummary {
  modules: ProgramModule[];
}

export interface Program {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  versions: ProgramVersionSummary[];
}

export interface ProgramInput {
  name: string;
  description: string;
  modules: ModuleInput[];
}

const programPath = (id: string) => `/api/v1/programs/${encodeURIComponent(id)}`;
const versionPath = (id: string) => `/api/v1/program-versions/${encodeURIComponent(id)}`;

export function fetchPrograms(signal?: AbortSignal): Promise<{ items: Program[] }> {
  return request<{ items: Program[] }>("/api/v1/programs", { signal });
}

export function fetchProgram(id: string, signal?: AbortSignal): Promise<Program> {
  return request<Program>(programPath(id), { signal });
}

/** Creates a program with a first draft version holding `modules`. */
export function createProgram(input: ProgramInput): Promise<Program> {
  return request<Program>("/api/v1/programs", { method: "POST", body: input });
}

/** Renames a program or changes its description; its versions stay as they are. */
export function updateProgram(
  id: string,
  change: { name?: string; description?: string },
): Promise<Program> {
  return request<Program>(programPath(id), { method: "PATCH", body: change });
}

/** Starts a new draft version copying the modules of `fromVersionId` (the latest when null). */
export function createDraftVersion(
  programId: string,
  fromVersionId: string | null,
): Promise<ProgramVersion> {
  return request<ProgramVersion>(`${programPath(programId)}/versions`, {
    method: "POST",
    body: { fromVersionId },
  });
}

export function fetchProgramVersion(id: string, signal?: AbortSignal): Promise<ProgramVersion> {
  return request<ProgramVersion>(versionPath(id), { signal });
}

/** Replaces a draft's modules and notes; a published version answers 409. */
export function updateProgramVersion(
  id: string,
  input: { modules?: ModuleInput[]; notes?: string },
): Promise<ProgramVersion> {
  return request<ProgramVersion>(versionPath(id), { method: "PATCH", body: input });
}

export function publishProgramVersion(id: string): Promise<ProgramVersion> {
  return request<ProgramVersion>(`${versionPath(id)}/publish`, { method: "POST" });
}
