import type { Readable } from "node:stream";
import { parseCsv, type RowError } from "../../directory/people-file.js";

/** Cascade's columns of a completion file. */
export const completionColumns = [
  "person_id",
  "email",
  "program",
  "module",
  "completed_on",
  "score",
  "source_system",
] as const;
export type CompletionColumn = (typeof completionColumns)[number];

/**
 * Header spellings each column accepts. A header is compared lower-case with spaces, hyphens and
 * dots read as underscores, so "Completion Date" and "completion-date" are `completion_date`.
 */
export const columnSpellings: Record<CompletionColumn, readonly string[]> = {
  person_id: ["person_id", "external_id", "employee_id", "employee_number", "user_id"],
  email: ["email", "e_mail", "email_address", "mail", "user_email"],
  program: ["program", "program_id", "program_name", "course", "course_id", "course_name"],
  module: ["module", "module_id", "module_title", "module_name", "activity", "activity_id"],
  completed_on: [
    "completed_on",
    "completed_at",
    "completion_date",
    "completed_date",
    "date_completed",
  ],
  score: ["score", "score_percent", "percent"],
  source_system: ["source_system", "source", "system", "lms"],
};

const columnBySpelling = new Map<string, CompletionColumn>(
  completionColumns.flatMap((column) =>
    columnSpellings[column].map((spelling) => [spelling, column] as const),
  ),
);

/** The Cascade column a header names, or null for a column the import ignores. */
export function completionColumnOf(header: string): CompletionColumn | null {
  const canonical = header
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, "_");
  return columnBySpelling.get(canonical) ?? null;
}

/** One data row, keyed by Cascade's column names. */
export interface CompletionRawRow {
  line: number;
  fields: Partial<Record<CompletionColumn, string>>;
}

export interface CompletionFile {
  rows: CompletionRawRow[];
  /** Data rows read, including those with the wrong number of cells. */
  rowCount: number;
  /** Problems that make the whole file unusable. */
  fileErrors: RowError[];
  /** Rows that could not be read (wrong number of cells). */
  rowErrors: RowError[];
  /** The file's own header for a Cascade column, so errors use the user's words. */
  columnName: (column: CompletionColumn) => string;
}

/**
 * Reads a completion CSV: a header row, then one completion a row. Unknown columns are ignored;
 * `sourceSystemGiven` says whether the upload names the source system for the whole file.
 */
export async function readCompletionFile(
  input: Readable,
  options: { sourceSystemGiven: boolean },
): Promise<CompletionFile> {
  const names = new Map<CompletionColumn, string>();
  const file: CompletionFile = {
    rows: [],
    rowCount: 0,
    fileErrors: [],
    rowErrors: [],
    columnName: (column) => names.get(column) ?? column,
  };
  let header: (CompletionColumn | null)[] | null = null;
  const failure = await parseCsv(input, (record, line) => {
    if (file.fileErrors.length > 0) return;
    if (!header) {
      header = readHeader(record, line, names, file.fileErrors, options.sourceSystemGiven);
      return;
    }
    file.rowCount++;
    if (record.length !== header.length) {
      file.rowErrors.push({
        line,
        column: null,
        message: `This row has ${record.length} cells; the header has ${header.length}.`,
        value: null,
      });
      return;
    }
    const row: CompletionRawRow = { line, fields: {} };
    header.forEach((column, i) => {
      if (column) row.fields[column] = record[i] ?? "";
    });
    file.rows.push(row);
  });
  if (failure) file.fileErrors.push(failure);
  else if (!header)
    file.fileErrors.push({
      line: 1,
      column: null,
      message: "The file is empty: expected a header row.",
      value: null,
    });
  return file;
}

function readHeader(
  record: string[],
  line: number,
  names: Map<CompletionColumn, string>,
  errors: RowError[],
  sourceSystemGiven: boolean,
): (CompletionColumn | null)[] {
  const fail = (column: string | null, message: string) =>
    errors.push({ line, column, message, value: null });
  const header = record.map((raw, i) => {
    const name = (i === 0 ? raw.replace(/^\uFEFF/, "") : raw).trim();
    const column = completionColumnOf(name);
    if (column && names.has(column)) {
      fail(name, `Both "${names.get(column)}" and "${name}" give the ${column}; keep one.`);
      return null;
    }
    if (column) names.set(column, name);
    return column;
  });
  if (!names.has("person_id") && !names.has("email"))
    fail("person_id", "The file needs a person_id or an email column to identify people.");
  if (!names.has("program")) fail("program", 'The required column "program" is missing.');
  if (!names.has("completed_on"))
    fail("completed_on", 'The required column "completed_on" is missing.');
  if (!names.has("source_system") && !sourceSystemGiven)
    fail(
      "source_system",
      'The column "source_system" is missing; add it, or name the source system for the whole file.',
    );
  return header;
}
