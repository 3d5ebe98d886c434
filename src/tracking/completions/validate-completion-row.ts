import { isIsoDate } from "../../directory/normalize.js";
import type { RowError } from "../../directory/people-file.js";
import type { CompletionColumn, CompletionRawRow } from "./completions-file.js";

/** A completion row whose cells are well-formed; the people and programs it names are not yet looked up. */
export interface CompletionCandidate {
  line: number;
  personId: string | null;
  email: string | null;
  program: string;
  module: string | null;
  /** The completion's calendar date (UTC), YYYY-MM-DD. */
  completedOn: string;
  /** The instant the evidence records: the given time, or noon UTC of a date given alone. */
  at: string;
  score: number | null;
  sourceSystem: string;
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const scorePattern = /^[+-]?(\d+(\.\d*)?|\.\d+)%?$/;
const maxSourceSystemLength = 100;

/**
 * Checks the cells of one completion row (dates, score, presence of the person, program and
 * source system) and returns every problem, each with the file's column name and the value.
 */
export function validateCompletionRow(
  row: CompletionRawRow,
  options: {
    columnName: (column: CompletionColumn) => string;
    /** The source system named for the whole file, used where a row names none. */
    defaultSourceSystem: string | null;
    now: Date;
  },
): { candidate: CompletionCandidate | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (column: CompletionColumn): string => (row.fields[column] ?? "").trim();
  const fail = (column: CompletionColumn, message: string): void => {
    errors.push({
      line: row.line,
      column: options.columnName(column),
      message,
      value: row.fields[column] ?? null,
    });
  };

  const personId = cell("person_id") || null;
  const email = cell("email").toLowerCase() || null;
  if (!personId && !email)
    fail(
      row.fields.person_id !== undefined ? "person_id" : "email",
      "Give a person_id or an email.",
    );

  const program = cell("program");
  if (!program) fail("program", "The program is required (its id or its exact name).");

  const completed = cell("completed_on");
  const when = completed ? parseCompletionTime(completed) : null;
  if (!completed) fail("completed_on", "The completion date is required.");
  else if (!when)
    fail(
      "completed_on",
      `"${completed}" is not a date (YYYY-MM-DD) or an ISO 8601 instant with a zone (2026-03-01T14:30:00Z).`,
    );
  else if (isFuture(when, options.now))
    fail("completed_on", `The completion date ${completed} is in the future.`);

  const scoreCell = cell("score");
  let score: number | null = null;
  if (scoreCell) {
    const value = scorePattern.test(scoreCell) ? Number(scoreCell.replace("%", "")) : Number.NaN;
    if (Number.isNaN(value)) fail("score", `"${scoreCell}" is not a number.`);
    else if (value < 0 || value > 100)
      fail("score", `The score ${scoreCell} is not from 0 to 100.`);
    else score = value;
  }

  const sourceSystem = cell("source_system") || options.defaultSourceSystem?.trim() || "";
  if (!sourceSystem)
    fail("source_system", "The source system is required (the LMS this completion comes from).");
  else if (sourceSystem.length > maxSourceSystemLength)
    fail("source_system", `The source system is longer than ${maxSourceSystemLength} characters.`);

  if (errors.length > 0 || !when) return { candidate: null, errors };
  // Noon of today may still be ahead: evidence is never dated later than the import.
  const nowIso = options.now.toISOString();
  return {
    candidate: {
      line: row.line,
      personId,
      email,
      program,
      module: cell("module") || null,
      completedOn: when.date,
      at: when.at > nowIso ? nowIso : when.at,
      score,
      sourceSystem,
    },
    errors,
  };
}

/**
 * Reads a completion date or instant. A date alone stands for noon UTC of that day, so it falls on
 * the same calendar date in most zones.
 */
export function parseCompletionTime(
  value: string,
): { date: string; at: string; dateOnly: boolean } | null {
  if (isIsoDate(value)) return { date: value, at: `${value}T12:00:00.000Z`, dateOnly: true };
  if (!instantPattern.test(value)) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const at = instant.toISOString();
  return { date: at.slice(0, 10), at, dateOnly: false };
}

function isFuture(when: { date: string; at: string; dateOnly: boolean }, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return when.dateOnly ? when.date > today : when.at > now.toISOString();
}
