import type { Readable } from "node:stream";
import {
  readPeopleFile,
  type ColumnMapping,
  type FileFormat,
  type RowError,
} from "./people-file.js";
import type { FileRow } from "./plan-people-import.js";
import { validatePersonRow } from "./validate-person-row.js";

export interface CollectedRows {
  rows: FileRow[];
  /** Every external id in the file, including those on rows with errors. */
  seenIds: { has(id: string): boolean };
  rowCount: number;
  /** Problems that make the whole file unusable (nothing can be applied). */
  fileErrors: RowError[];
  rowErrors: RowError[];
  /** The file's own name for a Cascade column. */
  columnName: (column: string) => string;
}

/** Reads and validates every row of an import file, checking duplicate ids on the way. */
export async function collectPeopleRows(
  input: Readable,
  options: { format: FileFormat; mapping: ColumnMapping; onRow?: (count: number) => void },
): Promise<CollectedRows> {
  const rows: FileRow[] = [];
  // Every external id in the file and the line it first appears on.
  const firstLine = new Map<string, number>();
  const rowErrors: RowError[] = [];
  let rowCount = 0;
  const columnNames = new Map<string, string>();
  const columnName = (column: string): string => columnNames.get(column) ?? column;

  const read = await readPeopleFile(input, { ...options, columnNames }, (raw) => {
    rowCount++;
    if (options.onRow && rowCount % 10_000 === 0) options.onRow(rowCount);
    const { record, errors } = validatePersonRow(raw, columnName);
    const id = (raw.fields.external_id ?? "").trim();
    if (id) {
      const earlier = firstLine.get(id);
      if (earlier !== undefined) {
        errors.push({
          line: raw.line,
          column: columnName("external_id"),
          message: `The external id "${id}" already appears on line ${earlier}.`,
          value: id,
        });
      } else {
        firstLine.set(id, raw.line);
      }
    }
    if (errors.length > 0) rowErrors.push(...errors);
    else if (record) rows.push({ line: raw.line, record });
  });
  rowCount += read.rowErrors.length;
  return {
    rows,
    seenIds: firstLine,
    rowCount,
    fileErrors: read.fileErrors,
    rowErrors: [...read.rowErrors, ...rowErrors],
    columnName,
  };
}
