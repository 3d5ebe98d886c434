import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { personFields, type PersonRecord } from "./person.js";

/** The CSV row of a record in the canonical HRIS layout (tags joined with ';'). */
export function personCsvRow(r: PersonRecord, attributeKeys: string[]): string[] {
  const standard = personFields.map((f) => {
    const value = r[f.key];
    if (Array.isArray(value)) return value.join(";");
    return value ?? "";
  });
  return [...standard, ...attributeKeys.map((k) => r.attributes[k] ?? "")];
}

/** Writes people as a CSV file with the canonical columns plus one per custom attribute. */
export async function writePeopleCsv(
  path: string,
  records: Iterable<PersonRecord> & { length?: number },
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const list = [...records];
  const attributeKeys = [...new Set(list.flatMap((r) => Object.keys(r.attributes)))].sort();
  const header = [...personFields.map((f) => f.csvColumn), ...attributeKeys];
  function* rows() {
    yield header;
    for (const r of list) yield personCsvRow(r, attributeKeys);
  }
  await pipeline(Readable.from(rows()), stringify(), createWriteStream(path));
}
