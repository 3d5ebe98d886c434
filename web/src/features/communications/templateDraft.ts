import { isApiError } from "../../api/client.js";
import type {
  MessagePurpose,
  Template,
  TemplateInput,
  TemplateProblem,
} from "../../api/communications.js";
import { localePattern } from "./labels.js";

/** One language of a template being edited; `key` stays while the locale is renamed. */
export interface VariantDraft {
  key: number;
  locale: string;
  subject: string;
  body: string;
}

/** A template as the editor holds it, saved or not. */
export interface TemplateDraft {
  name: string;
  purpose: MessagePurpose | null;
  description: string;
  fallbackLocale: string;
  variants: VariantDraft[];
}

let nextKey = 1;

export function variantDraft(locale: string, subject = "", body = ""): VariantDraft {
  return { key: nextKey++, locale, subject, body };
}

/** The editor's starting point: the saved template, or one English variant to fill in. */
export function draftFromTemplate(template: Template | undefined): TemplateDraft {
  if (!template)
    return {
      name: "",
      purpose: null,
      description: "",
      fallbackLocale: "en",
      variants: [variantDraft("en")],
    };
  return {
    name: template.name,
    purpose: template.purpose,
    description: template.description,
    fallbackLocale: template.fallbackLocale,
    variants: template.variants.map((v) => variantDraft(v.locale, v.subject, v.body)),
  };
}

/**
 * What the API takes. For the live check a missing name is filled in (the check is about the
 * text); null while the draft cannot be checked at all (no purpose yet, or a bad language code).
 */
export function inputFromDraft(
  draft: TemplateDraft,
  options: { forCheck: boolean },
): TemplateInput | null {
  if (draft.purpose === null) return null;
  if (draft.variants.some((v) => !localePattern.test(v.locale))) return null;
  const name = draft.name.trim() || (options.forCheck ? "Untitled" : "");
  return {
    name,
    purpose: draft.purpose,
    description: draft.description.trim(),
    fallbackLocale: draft.fallbackLocale,
    variants: draft.variants.map(({ locale, subject, body }) => ({ locale, subject, body })),
  };
}

/** "fr body, line 3, column 12: unknown variable …": where a problem is, then what it is. */
export function problemText(problem: TemplateProblem): string {
  if (problem.field === "locale") return `${problem.locale}: ${problem.message}`;
  return `${problem.locale} ${problem.field}, line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** The problems of one field of one language. */
export function problemsOf(
  problems: TemplateProblem[],
  locale: string,
  field: TemplateProblem["field"],
): TemplateProblem[] {
  return problems.filter((p) => p.locale === locale && p.field === field);
}

/** Empty subjects and bodies are plain to see: they are reported only once saving was tried. */
export function isEmptinessProblem(problem: TemplateProblem): boolean {
  return problem.line === 1 && problem.column === 1 && / is empty$/.test(problem.message);
}

function isProblem(value: unknown): value is TemplateProblem {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.locale === "string" &&
    typeof p.field === "string" &&
    typeof p.line === "number" &&
    typeof p.column === "number" &&
    typeof p.message === "string"
  );
}

/** The problems a refused save (422) names in its details, or null for any other error. */
export function problemsFromError(error: unknown): TemplateProblem[] | null {
  if (!isApiError(error) || error.status !== 422) return null;
  const details = error.details as { problems?: unknown } | undefined;
  if (!details || !Array.isArray(details.problems)) return null;
  const problems = details.problems.filter(isProblem);
  return problems.length > 0 ? problems : null;
}
