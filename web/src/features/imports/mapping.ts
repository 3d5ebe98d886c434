import { personColumns } from "../directory/personFields.js";

export interface MappingRow {
  id: number;
  /** The column name in the uploaded file. */
  from: string;
  /** The Cascade column (`csvColumn` in person.ts). */
  to: string | null;
}

let nextRowId = 1;

export function newMappingRow(from = "", to: string | null = null): MappingRow {
  return { id: nextRowId++, from, to };
}

/** The mapping to send, and what is wrong with the rows if anything. */
export function mappingFromRows(rows: MappingRow[]): {
  mapping: Record<string, string>;
  problems: string[];
} {
  const mapping: Record<string, string> = {};
  const problems: string[] = [];
  const targets = new Map<string, string>();
  for (const row of rows) {
    const from = row.from.trim();
    if (!from && !row.to) continue;
    if (!from || !row.to) {
      problems.push(
        from ? `Choose the Cascade column for “${from}”.` : `Enter the file column for ${row.to}.`,
      );
      continue;
    }
    if (from in mapping) {
      problems.push(`The file column “${from}” is mapped twice.`);
      continue;
    }
    const earlier = targets.get(row.to);
    if (earlier) {
      problems.push(`“${earlier}” and “${from}” are both mapped to ${row.to}.`);
      continue;
    }
    mapping[from] = row.to;
    targets.set(row.to, from);
  }
  return { mapping, problems };
}

const requiredColumns = personColumns.filter((field) => field.required);

/** Required Cascade columns that the file's header seems to lack after mapping. */
export function missingRequiredColumns(
  fileColumns: string[],
  mapping: Record<string, string>,
): string[] {
  if (fileColumns.length === 0) return [];
  const provided = new Set<string>();
  for (const column of fileColumns) {
    provided.add(mapping[column] ?? column);
  }
  return requiredColumns
    .filter((field) => !provided.has(field.column) && !provided.has(field.key))
    .map((field) => field.column);
}

export const cascadeColumnOptions = personColumns.map((field) => ({
  value: field.column,
  label: `${field.label} (${field.column})`,
}));
