import { isApiError } from "../../api/client.js";
import type {
  Cadence,
  CadenceInput,
  CadencePolicy,
  CadenceRule,
  MessagePurpose,
} from "../../api/communications.js";

/** A rule being edited, with a key that stays while its id or anything else changes. */
export interface RuleDraft extends CadenceRule {
  key: number;
}

/** The send policy being edited: the caps may be empty while typing. */
export interface PolicyDraft {
  quietFrom: string;
  quietUntil: string;
  workingDaysOnly: boolean;
  maxPerDay: number | string;
  maxPerWeek: number | string;
}

export interface CadenceDraft {
  name: string;
  rules: RuleDraft[];
  policy: PolicyDraft;
}

let nextKey = 1;

export function ruleDraft(rule: CadenceRule): RuleDraft {
  return { ...rule, key: nextKey++ };
}

const defaultPolicy: CadencePolicy = {
  quietFrom: "20:00",
  quietUntil: "08:00",
  workingDaysOnly: true,
  maxPerDay: 1,
  maxPerWeek: 3,
};

/** A copy of the cadence shown, to edit; an empty one when there is none to start from. */
export function cadenceDraft(cadence: Cadence | null, name: string): CadenceDraft {
  return {
    name: cadence?.name ?? name,
    rules: (cadence?.rules ?? []).map(ruleDraft),
    policy: { ...(cadence?.policy ?? defaultPolicy) },
  };
}

/** The default template id of a purpose, as shipped: "default-deadline-approaching". */
export function defaultTemplateId(purpose: MessagePurpose): string {
  return `default-${purpose.replace(/_/g, "-")}`;
}

/** A short unique id from a rule's name: "Second reminder" → "second-reminder". */
export function ruleIdFor(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32) || "rule";
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

function wholeIn(value: number | string, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** The input to save, or what stops it being sent. The server checks the rules themselves. */
export function inputFromDraft(
  draft: CadenceDraft,
  waveId: string | null,
): { input: CadenceInput; problems: [] } | { input: null; problems: string[] } {
  const problems: string[] = [];
  const { policy } = draft;
  if (!draft.name.trim()) problems.push("Give the cadence a name.");
  if (!timePattern.test(policy.quietFrom) || !timePattern.test(policy.quietUntil))
    problems.push("Give the quiet hours as times of day, HH:MM.");
  if (!wholeIn(policy.maxPerDay, 1, 20))
    problems.push("Messages a day: a whole number from 1 to 20.");
  if (!wholeIn(policy.maxPerWeek, 1, 50))
    problems.push("Messages a week: a whole number from 1 to 50.");
  if (problems.length > 0) return { input: null, problems };
  return {
    input: {
      waveId,
      name: draft.name.trim(),
      rules: draft.rules.map(({ key: _key, ...rule }) => rule),
      policy: {
        quietFrom: policy.quietFrom,
        quietUntil: policy.quietUntil,
        workingDaysOnly: policy.workingDaysOnly,
        maxPerDay: Number(policy.maxPerDay),
        maxPerWeek: Number(policy.maxPerWeek),
      },
    },
    problems: [],
  };
}

/** A problem the server found in one rule: the field it concerns, when it names one. */
export interface RuleProblem {
  field: string | null;
  message: string;
}

export interface CadenceProblems {
  /** By the rule's draft key. */
  rules: Map<number, RuleProblem[]>;
  /** Problems with the name or send policy, or that name no rule. */
  other: string[];
}

interface RawProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The problems in a refused save: a 422 carries details.problems with paths such as
 * ["rules", 2, "templateId"]; a 400 carries zod issues with paths such as "body.rules.2.webhook".
 */
function rawProblems(details: unknown): RawProblem[] {
  const list: unknown =
    typeof details === "object" && details !== null && "problems" in details
      ? details.problems
      : details;
  if (!Array.isArray(list)) return [];
  const problems: RawProblem[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof message !== "string") continue;
    if (Array.isArray(path))
      problems.push({
        path: path.filter(
          (p): p is string | number => typeof p === "string" || typeof p === "number",
        ),
        message,
      });
    else if (typeof path === "string")
      problems.push({
        path: path
          .split(".")
          .filter((p) => p !== "body")
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message,
      });
  }
  return problems;
}

/** Sorts a refused save's problems to the rules they concern, in the order the rules were sent. */
export function cadenceProblems(error: unknown, sent: RuleDraft[]): CadenceProblems {
  const result: CadenceProblems = { rules: new Map(), other: [] };
  if (!isApiError(error) || (error.status !== 400 && error.status !== 422)) return result;
  for (const problem of rawProblems(error.details)) {
    const [head, index, field] = problem.path;
    const rule = head === "rules" && typeof index === "number" ? sent[index] : undefined;
    if (!rule) {
      const where = problem.path.filter((p) => typeof p === "string").join(" ");
      result.other.push(where ? `${where}: ${problem.message}` : problem.message);
      continue;
    }
    // The server names the rule in its message; shown beside the rule, that is said already.
    const message = problem.message.replace(/^rule "[^"]*": /, "");
    const list = result.rules.get(rule.key) ?? [];
    list.push({ field: typeof field === "string" ? field : null, message });
    result.rules.set(rule.key, list);
  }
  return result;
}
