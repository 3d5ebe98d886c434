import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import Papa from "papaparse";
import { z } from "zod";
import { personFields } from "./person.js";

/** One problem found in an import file: which line and column, what is wrong, the value. */
export interface RowError {
  line: number;
  column: string | null;
  message: string;
  value: string | null;
}

/** One data row as read from the file, keyed by Cascade's column names. */
export interface RawRow {
  line: number;
  /** Standard columns (`external_id`, `time_zone`, …) → cell text. */
  fields: Record<string, string>;
  /** Extra columns → cell text: they become custom attributes. */
  attributes: Record<string, string>;
}

export type FileFormat = "csv" | "jsonl";

/** Column mapping from the file's names to Cascade's; null ignores a column. */
export const mappingSchema = z.record(z.string(), z.string().nullable());
export type ColumnMapping = z.infer<typeof mappingSchema>;

const standardColumns = new Set<string>(personFields.map((f) => f.csvColumn));
const byApiKey = new Map<string, string>(
  personFields.map((f) => [f.key.toLowerCase(), f.csvColumn]),
);
export const requiredColumns = personFields.filter((f) => f.required).map((f) => f.csvColumn);

/** Cascade's name for a file column: mapped, canonical (`Time Zone` → `time_zone`), or custom. */
export function resolveColumn(
  name: string,
  mapping: ColumnMapping,
): { target: string | null; standard: boolean } {
  if (Object.hasOwn(mapping, name)) {
    const target = mapping[name] ?? null;
    return { target, standard: target !== null && standardColumns.has(target) };
  }
  const canonical = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (standardColumns.has(canonical)) return { target: canonical, standard: true };
  const api = byApiKey.get(canonical.replaceAll("_", ""));
  if (api) return { target: api, standard: true };
  return { target: name.trim(), standard: false };
}

/** Checks a mapping's targets before reading the file. */
export function validateMapping(mapping: ColumnMapping): RowError[] {
  return Object.entries(mapping)
    .filter(
      ([, target]) =>
        target !== null && !standardColumns.has(target) && !target.startsWith("attributes."),
    )
    .map(([source, target]) => ({
      line: 0,
      column: source,
      message: `The mapping sends column "${source}" to "${target}", which is not a Cascade column (use one of ${[...standardColumns].join(", ")}, "attributes.<name>" or null to ignore it).`,
      value: target,
    }));
}

function targetOf(name: string, mapping: ColumnMapping): { key: string; standard: boolean } | null {
  const { target, standard } = resolveColumn(name, mapping);
  if (target === null || target === "") return null;
  if (target.startsWith("attributes."))
    return { key: target.slice("attributes.".length), standard: false };
  return { key: target, standard };
}

export interface ReadResult {
  /** Problems with the file as a whole (missing columns, broken quoting); rows are not trusted then. */
  fileErrors: RowError[];
  /** Row-level problems found while reading (wrong number of cells, invalid JSON). */
  rowErrors: RowError[];
  /** Each file column and the Cascade column it feeds (for error messages). */
  columnNames: Map<string, string>;
}

/**
 * Streams an import file and calls `onRow` for each data row. CSV: any column order, a header
 * row, UTF-8 with or without BOM, quoted fields. JSON lines: one object per line.
 */
export async function readPeopleFile(
  input: Readable,
  options: { format: FileFormat; mapping: ColumnMapping; columnNames?: Map<string, string> },
  onRow: (row: RawRow) => void,
): Promise<ReadResult> {
  const result: ReadResult = {
    fileErrors: validateMapping(options.mapping),
    rowErrors: [],
    // Filled from the header before the first row, so row errors can use the file's names.
    columnNames: options.columnNames ?? new Map<string, string>(),
  };
  if (result.fileErrors.length > 0) return result;
  if (options.format === "csv") await readCsv(input, options.mapping, onRow, result);
  else await readJsonLines(input, options.mapping, onRow, result);
  return result;
}

/**
 * Calls `onRecord` for each CSV record with the line it starts on (quoted cells may span lines);
 * resolves with the error that stopped reading, if any. Shared by every CSV import.
 */
export function parseCsv(
  input: Readable,
  onRecord: (record: string[], line: number) => void,
): Promise<RowError | null> {
  return new Promise((resolve, reject) => {
    let line = 1;
    let failure: RowError | null = null;
    // Decode UTF-8 in the stream, so a character split across two chunks stays whole.
    Papa.parse<string[]>(input.setEncoding("utf8"), {
      delimitersToGuess: [",", ";", "\t"],
      skipEmptyLines: false,
      step: (results, parser) => {
        const record = results.data;
        const start = line;
        line++;
        for (const cell of record) if (cell.includes("\n")) line += cell.split("\n").length - 1;
        const quoteError = results.errors.find((e) => e.type === "Quotes");
        if (quoteError) {
          failure = {
            line: start,
            column: null,
            message: `The CSV file cannot be read: ${quoteError.message} (a quote is not closed).`,
            value: null,
          };
          parser.abort();
          return;
        }
        if (record.length === 1 && record[0] === "") return; // an empty line
        onRecord(record, start);
      },
      complete: () => resolve(failure),
      error: (error: Error) => reject(error),
    });
  });
}

async function readCsv(
  input: Readable,
  mapping: ColumnMapping,
  onRow: (row: RawRow) => void,
  result: ReadResult,
): Promise<void> {
  let header: { key: string; standard: boolean; name: string }[] | null = null;
  let rejected = false;
  const failure = await parseCsv(input, (record, line) => {
    if (rejected) return;
    if (!header) {
      header = [];
      const seen = new Set<string>();
      for (const [i, raw] of record.entries()) {
        const name = (i === 0 ? raw.replace(/^\uFEFF/, "") : raw).trim();
        const target = targetOf(name, mapping);
        if (name === "") {
          result.fileErrors.push({
            line,
            column: `#${i + 1}`,
            message: "This column has no name in the header row.",
            value: null,
          });
          continue;
        }
        if (target && seen.has(target.key)) {
          result.fileErrors.push({
            line,
            column: name,
            message: `Two columns feed "${target.key}".`,
            value: null,
          });
        }
        if (target) {
          seen.add(target.key);
          if (target.standard) result.columnNames.set(target.key, name);
        }
        header.push(target ? { ...target, name } : { key: "", standard: false, name });
      }
      for (const required of requiredColumns) {
        if (!seen.has(required)) {
          result.fileErrors.push({
            line,
            column: required,
            message: `The required column "${required}" is missing from the header row.`,
            value: null,
          });
        }
      }
      rejected = result.fileErrors.length > 0;
      return;
    }
    if (record.length !== header.length) {
      result.rowErrors.push({
        line,
        column: null,
        message: `This row has ${record.length} cells; the header has ${header.length}.`,
        value: null,
      });
      return;
    }
    const row: RawRow = { line, fields: {}, attributes: {} };
    for (let i = 0; i < header.length; i++) {
      const column = header[i];
      if (!column || column.key === "") continue;
      const cell = record[i] ?? "";
      if (column.standard) row.fields[column.key] = cell;
      else if (cell.trim() !== "") row.attributes[column.key] = cell.trim();
    }
    onRow(row);
  });
  if (failure) result.fileErrors.push(failure);
  else if (!header)
    result.fileErrors.push({
      line: 1,
      column: null,
      message: "The file is empty: expected a header row.",
      value: null,
    });
}

async function readJsonLines(
  input: Readable,
  mapping: ColumnMapping,
  onRow: (row: RawRow) => void,
  result: ReadResult,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let rows = 0;
  for await (const rawLine of lines) {
    lineNo++;
    const text = lineNo === 1 ? rawLine.replace(/^\uFEFF/, "") : rawLine;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      result.rowErrors.push({
        line: lineNo,
        column: null,
        message: `This line is not valid JSON: ${(error as Error).message}`,
        value: text.slice(0, 200),
      });
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      result.rowErrors.push({
        line: lineNo,
        column: null,
        message: "Each line must be one JSON object.",
        value: text.slice(0, 200),
      });
      continue;
    }
    const row: RawRow = { line: lineNo, fields: {}, attributes: {} };
    for (const [name, cell] of Object.entries(value)) {
      if (
        name === "attributes" &&
        typeof cell === "object" &&
        cell !== null &&
        !Array.isArray(cell)
      ) {
        for (const [k, v] of Object.entries(cell as Record<string, unknown>))
          if (v !== null && v !== "")
            row.attributes[k] = typeof v === "string" ? v : JSON.stringify(v);
        continue;
      }
      const target = targetOf(name, mapping);
      if (!target) continue;
      const text =
        cell === null || cell === undefined
          ? ""
          : Array.isArray(cell)
            ? cell.map(String).join(";")
            : String(cell);
      if (target.standard) {
        row.fields[target.key] = text;
        result.columnNames.set(target.key, name);
      } else if (text.trim() !== "") row.attributes[target.key] = text.trim();
    }
    rows++;
    onRow(row);
  }
  if (rows === 0 && result.rowErrors.length === 0) {
    result.fileErrors.push({
      line: 1,
      column: null,
      message: "The file has no records.",
      value: null,
    });
  }
}
