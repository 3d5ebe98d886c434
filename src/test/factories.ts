import { Readable } from "node:stream";
import { systemActor } from "../platform/auth/roles.js";
import { JobRegistry } from "../platform/jobs/job.js";
import type { Db } from "../platform/database/connect.js";
import { importPeople, type ImportPeopleOptions } from "../directory/import-people.js";
import type { ImportReport } from "../directory/import-report.js";
import type { ColumnMapping } from "../directory/people-file.js";

/** A person row in the canonical CSV columns, with sensible defaults. */
export function personRow(
  externalId: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    external_id: externalId,
    name: `Person ${externalId}`,
    email: `${externalId.toLowerCase()}@example.com`,
    manager_id: "",
    division: "Risk",
    department: "Credit Risk",
    region: "EMEA",
    country: "DE",
    location: "Frankfurt",
    time_zone: "Europe/Berlin",
    locale: "de-DE",
    job_title: "Analyst",
    job_family: "Risk & Compliance",
    grade: "G4",
    employment_type: "employee",
    hire_date: "2020-01-15",
    tags: "regulated",
    ...overrides,
  };
}

/** Renders rows as CSV text (header from the first row), quoting every cell. */
export function toCsv(
  rows: Record<string, string>[],
  columns = Object.keys(rows[0] ?? {}),
): string {
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  return (
    [
      columns.map(quote).join(","),
      ...rows.map((r) => columns.map((c) => quote(r[c] ?? "")).join(",")),
    ].join("\n") + "\n"
  );
}

/** Imports CSV text as the system actor; returns the report, or the rejected report when it throws. */
export async function importCsv(
  db: Db,
  csv: string | Readable,
  options: Partial<Pick<ImportPeopleOptions, "mode" | "dryRun" | "applyValidRows">> & {
    mapping?: ColumnMapping;
    format?: "csv" | "jsonl";
  } = {},
): Promise<ImportReport> {
  return importPeople({
    db: db.kysely,
    registry: new JobRegistry(),
    source: {
      kind: "file",
      input: typeof csv === "string" ? Readable.from([csv]) : csv,
      fileName: "people.csv",
      format: options.format ?? "csv",
      mapping: options.mapping ?? {},
    },
    mode: options.mode ?? "full",
    dryRun: options.dryRun ?? false,
    applyValidRows: options.applyValidRows ?? false,
    actor: systemActor,
  });
}

/** A small organisation: a CEO, two managers in two regions, and their reports. */
export function smallOrg(): Record<string, string>[] {
  return [
    personRow("CEO", {
      name: "Carla Chief",
      region: "EMEA",
      division: "Executive",
      job_title: "Chief Executive Officer",
    }),
    personRow("M1", { name: "Maria Müller", manager_id: "CEO", region: "EMEA", country: "DE" }),
    personRow("M2", {
      name: "Akira Tanaka",
      manager_id: "CEO",
      region: "APAC",
      country: "JP",
      time_zone: "Asia/Tokyo",
      locale: "ja-JP",
      division: "Technology",
    }),
    personRow("E1", { name: "Eva Schmidt", manager_id: "M1" }),
    personRow("E2", {
      name: "Erik Larsen",
      manager_id: "M1",
      country: "NO",
      time_zone: "Europe/Oslo",
      locale: "nb-NO",
      tags: "frontline;contractor",
    }),
    personRow("E3", {
      name: "Emi Sato",
      manager_id: "M2",
      region: "APAC",
      country: "JP",
      time_zone: "Asia/Tokyo",
      locale: "ja-JP",
      division: "Technology",
    }),
    personRow("E4", {
      name: "Ethan Ng",
      manager_id: "E3",
      region: "APAC",
      country: "SG",
      time_zone: "Asia/Singapore",
      locale: "en-SG",
      division: "Technology",
    }),
  ];
}
