import { isApiError } from "../../api/client.js";
import type { ModuleInput, ModuleKind, ModuleVariant, ProgramModule } from "../../api/programs.js";

/** Verbs that complete a module unless it sets its own (as `defaultCompletionVerbs` on the API). */
export const defaultCompletionVerbs = [
  "http://adlnet.gov/expapi/verbs/completed",
  "http://adlnet.gov/expapi/verbs/passed",
  "https://w3id.org/xapi/adl/verbs/satisfied",
] as const;

/** Verbs offered when a module sets its own, with the short names people know them by. */
export const suggestedCompletionVerbs: readonly { iri: string; label: string }[] = [
  { iri: "http://adlnet.gov/expapi/verbs/completed", label: "completed" },
  { iri: "http://adlnet.gov/expapi/verbs/passed", label: "passed" },
  { iri: "https://w3id.org/xapi/adl/verbs/satisfied", label: "satisfied" },
  { iri: "http://adlnet.gov/expapi/verbs/mastered", label: "mastered" },
  { iri: "http://adlnet.gov/expapi/verbs/attended", label: "attended" },
  { iri: "http://adlnet.gov/expapi/verbs/experienced", label: "experienced" },
];

/** The short name of a well-known verb, or null for any other IRI. */
export function verbLabel(iri: string): string | null {
  return suggestedCompletionVerbs.find((verb) => verb.iri === iri)?.label ?? null;
}

/** At most this many verbs per module, as the API allows. */
export const maxCompletionVerbs = 20;

/** A variant being edited: every field as typed, with a key that survives reordering. */
export interface VariantDraft {
  key: string;
  locale: string;
  region: string;
  title: string;
  activityIri: string;
}

/** A module being edited in a draft version. */
export interface ModuleDraft {
  key: string;
  kind: ModuleKind;
  title: string;
  activityIri: string;
  /** "" while the field is empty. */
  expectedMinutes: number | "";
  required: boolean;
  variants: VariantDraft[];
  /** True while the module completes on the default verbs. */
  useDefaultVerbs: boolean;
  /** Its own verbs, used when `useDefaultVerbs` is off (kept while it is on, to switch back). */
  completionVerbs: string[];
}

export interface VariantErrors {
  locale?: string;
  activityIri?: string;
}

export interface ModuleErrors {
  title?: string;
  activityIri?: string;
  expectedMinutes?: string;
  completionVerbs?: string;
  variants?: Record<string, VariantErrors>;
}

let lastKey = 0;
function newKey(): string {
  lastKey += 1;
  return `draft-${lastKey}`;
}

export function variantDraft(variant: ModuleVariant = {}): VariantDraft {
  return {
    key: newKey(),
    locale: variant.locale ?? "",
    region: variant.region ?? "",
    title: variant.title ?? "",
    activityIri: variant.activityIri ?? "",
  };
}

export function moduleDraft(module?: ProgramModule): ModuleDraft {
  return {
    key: newKey(),
    kind: module?.kind ?? "elearning",
    title: module?.title ?? "",
    activityIri: module?.activityIri ?? "",
    expectedMinutes: module?.expectedMinutes ?? 30,
    required: module?.required ?? true,
    variants: (module?.variants ?? []).map(variantDraft),
    useDefaultVerbs: !(module?.completionVerbsSet ?? false),
    // Turning the defaults off starts from the verbs that complete it now.
    completionVerbs: [...(module?.completionVerbs ?? defaultCompletionVerbs)],
  };
}

/** Whether statements can complete the module: it names an activity, or its kind reports one. */
export function tracksActivity(draft: ModuleDraft): boolean {
  return (
    draft.kind === "elearning" || draft.kind === "assessment" || draft.activityIri.trim() !== ""
  );
}

/** The verbs the module sets itself, or null when it uses the defaults (or has no activity). */
function ownVerbs(draft: ModuleDraft): string[] | null {
  if (draft.useDefaultVerbs || !tracksActivity(draft)) return null;
  return draft.completionVerbs.map((verb) => verb.trim()).filter((verb) => verb !== "");
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** What the API takes for a module: trimmed, empty fields left out. */
export function toModuleInput(draft: ModuleDraft): ModuleInput {
  return {
    kind: draft.kind,
    title: draft.title.trim(),
    activityIri: optional(draft.activityIri) ?? null,
    expectedMinutes: draft.expectedMinutes === "" ? 0 : draft.expectedMinutes,
    required: draft.required,
    variants: draft.variants.map((variant) => {
      const input: ModuleVariant = {};
      const locale = optional(variant.locale);
      const region = optional(variant.region);
      const title = optional(variant.title);
      const activityIri = optional(variant.activityIri);
      if (locale) input.locale = locale;
      if (region) input.region = region;
      if (title) input.title = title;
      if (activityIri) input.activityIri = activityIri;
      return input;
    }),
    completionVerbs: ownVerbs(draft),
  };
}

/** The module as the API stored it, in the same shape as `toModuleInput`, to spot changes. */
export function storedModuleInput(module: ProgramModule): ModuleInput {
  return toModuleInput(moduleDraft(module));
}

/** True when the drafts say the same as the stored modules. */
export function sameModules(drafts: ModuleDraft[], modules: ProgramModule[]): boolean {
  return (
    JSON.stringify(drafts.map(toModuleInput)) === JSON.stringify(modules.map(storedModuleInput))
  );
}

const iri = /^[a-z][a-z0-9+.-]*:\S+$/i;
const iriHint = "Write a full IRI, like https://lms.example.com/courses/aml-basics.";

/** The same checks as the API's module schema, so mistakes show beside the field. */
export function validateModule(draft: ModuleDraft): ModuleErrors {
  const errors: ModuleErrors = {};
  if (draft.title.trim() === "") errors.title = "Give the module a title.";
  const activity = draft.activityIri.trim();
  if (activity === "" && draft.kind === "elearning")
    errors.activityIri = "An e-learning module needs the activity IRI its content reports.";
  else if (activity !== "" && !iri.test(activity)) errors.activityIri = iriHint;
  const verbs = ownVerbs(draft);
  if (verbs !== null) {
    const wrong = verbs.find((verb) => !iri.test(verb) || verb.length > 2000);
    if (verbs.length === 0)
      errors.completionVerbs = "Name at least one verb, or use the default verbs.";
    else if (verbs.length > maxCompletionVerbs)
      errors.completionVerbs = `At most ${maxCompletionVerbs} verbs.`;
    else if (wrong !== undefined)
      errors.completionVerbs = `“${wrong}” is not an IRI. Write a full verb IRI, like http://adlnet.gov/expapi/verbs/mastered.`;
  }
  const minutes = draft.expectedMinutes;
  if (minutes === "" || !Number.isInteger(minutes) || minutes < 1 || minutes > 100_000)
    errors.expectedMinutes = "Whole minutes, at least 1.";
  const variantErrors: Record<string, VariantErrors> = {};
  for (const variant of draft.variants) {
    const found: VariantErrors = {};
    if (variant.locale.trim() === "" && variant.region.trim() === "")
      found.locale = "Name a locale, a region or both.";
    else if (variant.locale.trim() !== "" && variant.locale.trim().length < 2)
      found.locale = "A locale like de-DE.";
    if (variant.activityIri.trim() !== "" && !iri.test(variant.activityIri.trim()))
      found.activityIri = iriHint;
    if (Object.keys(found).length > 0) variantErrors[variant.key] = found;
  }
  if (Object.keys(variantErrors).length > 0) errors.variants = variantErrors;
  return errors;
}

/** Errors by module key; empty when every module can be saved. */
export function validateModules(drafts: ModuleDraft[]): Record<string, ModuleErrors> {
  const all: Record<string, ModuleErrors> = {};
  for (const draft of drafts) {
    const errors = validateModule(draft);
    if (Object.keys(errors).length > 0) all[draft.key] = errors;
  }
  return all;
}

const moduleFields = ["title", "activityIri", "expectedMinutes", "completionVerbs"] as const;

/**
 * The API's refusal of a save, as errors beside the module fields it names (its 400 lists issues
 * with paths like `body.modules.0.completionVerbs.1`); empty when it names none.
 */
export function serverModuleErrors(
  error: unknown,
  drafts: ModuleDraft[],
): Record<string, ModuleErrors> {
  const all: Record<string, ModuleErrors> = {};
  if (!isApiError(error) || !Array.isArray(error.details)) return all;
  for (const issue of error.details as unknown[]) {
    if (typeof issue !== "object" || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== "string" || typeof message !== "string") continue;
    const match = /^body\.modules\.(\d+)\.(\w+)/.exec(path);
    const draft = match ? drafts[Number(match[1])] : undefined;
    const field = moduleFields.find((name) => name === match?.[2]);
    if (!draft || !field) continue;
    const errors = (all[draft.key] ??= {});
    errors[field] ??= message;
  }
  return all;
}

/** `items` with the one at `index` moved by `offset` places (kept inside the list). */
export function moveItem<T>(items: readonly T[], index: number, offset: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, index + offset));
  const next = [...items];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}
