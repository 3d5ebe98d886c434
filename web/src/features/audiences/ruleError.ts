import { isApiError } from "../../api/client.js";
import type { RuleErrorDetails } from "../../api/audiences.js";

/** A mistake in a rule, as the server located it. */
export interface RuleMistake extends RuleErrorDetails {
  /** The rule text the server read. */
  rule: string;
  /** "Line 2, column 14". */
  where: string;
  /** What is wrong, without the "Line …, column …:" the server puts in front. */
  message: string;
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The mistake an API error reports in `rule`, or null when the error is about something else. */
export function ruleMistakeOf(error: unknown, rule: string): RuleMistake | null {
  if (!isApiError(error) || error.status !== 422) return null;
  const details = error.details;
  if (typeof details !== "object" || details === null) return null;
  const { line, column, offset, length, expected } = details as Record<string, unknown>;
  if (!isNumber(line) || !isNumber(column) || !isNumber(offset)) return null;
  const where = `Line ${line}, column ${column}`;
  const prefix = `${where}: `;
  const text = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  return {
    rule,
    line,
    column,
    offset,
    length: isNumber(length) ? length : 0,
    expected: Array.isArray(expected)
      ? expected.filter((e): e is string => typeof e === "string")
      : undefined,
    where,
    message: text.charAt(0).toUpperCase() + text.slice(1),
  };
}

/** Characters of a long line shown on each side of the mistake. */
const context = 40;

/**
 * The faulty line of `rule` and a line of carets under the faulty text, cut around the mistake
 * when the line is long; tabs are kept so the carets line up in a monospace font.
 */
export function caretExcerpt(mistake: RuleMistake): { line: string; caret: string } {
  const lines = mistake.rule.split("\n");
  const text = (lines[mistake.line - 1] ?? "").replace(/\r$/, "");
  const start = Math.max(0, Math.min(mistake.column - 1, text.length));
  const width = Math.max(1, Math.min(mistake.length, Math.max(1, text.length - start)));
  const from = Math.max(0, start - context);
  const to = Math.min(text.length, start + width + context);
  const lead = from > 0 ? "…" : "";
  const tail = to < text.length ? "…" : "";
  const shown = text.slice(from, to);
  const pad = (lead + text.slice(from, start)).replace(/[^\t]/g, " ");
  return { line: `${lead}${shown}${tail}`, caret: `${pad}${"^".repeat(width)}` };
}
