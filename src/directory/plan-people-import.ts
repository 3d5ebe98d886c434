import { recordHash } from "./normalize.js";
import type { RowError } from "./people-file.js";
import type { PersonRecord } from "./person.js";

/** What the directory holds for one person, as much as planning an import needs. */
export interface ExistingPerson {
  id: number;
  hash: string;
  status: string;
  managerId: string | null;
}

export type ImportMode = "full" | "delta";

export interface FileRow {
  line: number;
  record: PersonRecord;
}

export interface PlannedUpdate {
  id: number;
  line: number;
  record: PersonRecord;
  change: "moved" | "left" | "rejoined";
}

/** What applying an import would do, decided before anything is written. */
export interface ImportPlan {
  joiners: FileRow[];
  updates: PlannedUpdate[];
  /** Full exports only: active people absent from the file. */
  absentLeavers: { id: number; externalId: string }[];
  unchanged: number;
  /** Problems found across rows: unknown managers, cycles. */
  errors: RowError[];
}

/**
 * Decides joiners, movers, leavers and rejoiners for the valid rows of a file, after checking
 * what only the whole file can tell: that every manager exists and that no manager chain loops.
 * `seenIds` holds every external id in the file, including rows with errors, so that a person
 * whose row is wrong is never taken for a leaver.
 */
export function planPeopleImport(options: {
  rows: FileRow[];
  seenIds: { has(id: string): boolean };
  existing: Map<string, ExistingPerson>;
  mode: ImportMode;
  managerColumn: string;
}): ImportPlan {
  const { rows, seenIds, existing, mode, managerColumn } = options;
  const errors: RowError[] = [];
  const inFile = new Map<string, FileRow>();
  for (const row of rows) inFile.set(row.record.externalId, row);

  // A manager must be in the file, or (for a change file) an active person already known.
  const isKnownManager = (id: string): boolean => {
    if (inFile.has(id)) return true;
    if (mode === "full") return false;
    const known = existing.get(id);
    return known !== undefined && known.status === "active";
  };
  const bad = new Set<string>();
  for (const row of rows) {
    const managerId = row.record.managerId;
    if (managerId && !isKnownManager(managerId)) {
      bad.add(row.record.externalId);
      errors.push({
        line: row.line,
        column: managerColumn,
        message: seenIds.has(managerId)
          ? `The manager "${managerId}" is on a row with errors.`
          : mode === "full"
            ? `The manager "${managerId}" is not in this file.`
            : `The manager "${managerId}" is neither in this file nor an active person in the directory.`,
        value: managerId,
      });
    }
  }

  // Cycles in the resulting manager chains (file rows over what the directory holds).
  const managerOf = (id: string): string | null => {
    const row = inFile.get(id);
    if (row) return row.record.managerId;
    return mode === "delta" ? (existing.get(id)?.managerId ?? null) : null;
  };
  // The directory's own chains have no loop, so a new loop must use a manager link that this
  // file adds or changes: walking up from those rows alone finds every loop.
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: known to end at a root
  for (const row of rows) {
    if (existing.get(row.record.externalId)?.managerId === row.record.managerId) continue;
    const path: string[] = [];
    let id: string | null = row.record.externalId;
    while (id !== null && !state.has(id)) {
      state.set(id, 1);
      path.push(id);
      id = managerOf(id);
    }
    if (id !== null && state.get(id) === 1) {
      const cycle = path.slice(path.indexOf(id));
      for (const member of cycle) {
        const memberRow = inFile.get(member);
        if (!memberRow) continue;
        bad.add(member);
        errors.push({
          line: memberRow.line,
          column: managerColumn,
          message: `The manager chain loops: ${[...cycle, id].join(" → ")}.`,
          value: memberRow.record.managerId,
        });
      }
    }
    for (const member of path) state.set(member, 2);
  }

  const plan: ImportPlan = { joiners: [], updates: [], absentLeavers: [], unchanged: 0, errors };
  for (const row of rows) {
    if (bad.has(row.record.externalId)) continue;
    const known = existing.get(row.record.externalId);
    if (!known) {
      plan.joiners.push(row);
      continue;
    }
    if (known.hash === recordHash(row.record)) {
      plan.unchanged++;
      continue;
    }
    const change =
      known.status !== "active" && row.record.status === "active"
        ? "rejoined"
        : known.status === "active" && row.record.status !== "active"
          ? "left"
          : "moved";
    plan.updates.push({ id: known.id, line: row.line, record: row.record, change });
  }
  if (mode === "full") {
    for (const [externalId, person] of existing) {
      if (person.status === "active" && !seenIds.has(externalId))
        plan.absentLeavers.push({ id: person.id, externalId });
    }
  }
  return plan;
}
