import { createHash } from "node:crypto";
import type { RowError } from "../../directory/people-file.js";
import type { CompletionColumn } from "./completions-file.js";
import type { PersonMatch, ProgramModules } from "./completions.repository.js";
import type { CompletionCandidate } from "./validate-completion-row.js";

export type ModuleMatch = ProgramModules["modules"][number];

/** A completion whose person, program and module are known. */
export interface ResolvedCompletion {
  line: number;
  personId: number;
  program: ProgramModules;
  /** null: the whole program. */
  module: ModuleMatch | null;
  completedOn: string;
  at: string;
  score: number | null;
  sourceSystem: string;
  /** Same person, program, module, date and source system: the same completion. */
  dedupeKey: string;
}

/**
 * Looks up the person, program and module each candidate names; a row naming something that does
 * not exist gets an error at its line and column instead.
 */
export function resolveCompletionRows(options: {
  candidates: readonly CompletionCandidate[];
  people: readonly PersonMatch[];
  programs: readonly ProgramModules[];
  columnName: (column: CompletionColumn) => string;
}): { resolved: ResolvedCompletion[]; errors: RowError[] } {
  const byExternalId = new Map(options.people.map((p) => [p.externalId, p]));
  const byEmail = groupBy(options.people, (p) => p.email);
  const programById = new Map(options.programs.map((p) => [p.id, p]));
  const programsByName = groupBy(options.programs, (p) => p.name.trim().toLowerCase());
  const resolved: ResolvedCompletion[] = [];
  const errors: RowError[] = [];

  for (const c of options.candidates) {
    const before = errors.length;
    const fail = (column: CompletionColumn, message: string, value: string | null) =>
      errors.push({ line: c.line, column: options.columnName(column), message, value });

    let person: PersonMatch | undefined;
    if (c.personId !== null) {
      person = byExternalId.get(c.personId);
      if (!person) fail("person_id", `No person has the external id "${c.personId}".`, c.personId);
      else if (c.email !== null && person.email !== c.email)
        fail("email", `This e-mail is not the e-mail of person "${c.personId}".`, c.email);
    } else if (c.email !== null) {
      const matches = byEmail.get(c.email) ?? [];
      const active = matches.filter((p) => p.active);
      person = matches.length === 1 ? matches[0] : active.length === 1 ? active[0] : undefined;
      if (matches.length === 0) fail("email", `No person has the e-mail "${c.email}".`, c.email);
      else if (!person)
        fail("email", `Several people share this e-mail; give their person_id instead.`, c.email);
    }

    const program =
      programById.get(c.program) ?? onlyOne(programsByName.get(c.program.toLowerCase()));
    if (!program) {
      const several = (programsByName.get(c.program.toLowerCase())?.length ?? 0) > 1;
      fail(
        "program",
        several
          ? `Several programs are named "${c.program}"; give the program id instead.`
          : `No program has the id or name "${c.program}".`,
        c.program,
      );
    }

    let module: ModuleMatch | null = null;
    if (program && c.module !== null) {
      module = findModule(program, c.module) ?? null;
      if (!module)
        fail(
          "module",
          `The program "${program.name}" has no module with the id, title or activity IRI "${c.module}".`,
          c.module,
        );
    }

    if (errors.length > before || !person || !program) continue;
    resolved.push({
      line: c.line,
      personId: person.id,
      program,
      module,
      completedOn: c.completedOn,
      at: c.at,
      score: c.score,
      sourceSystem: c.sourceSystem,
      dedupeKey: dedupeKey(person.id, program.id, module, c.completedOn, c.sourceSystem),
    });
  }
  return { resolved, errors };
}

/** A module of any version of the program, by id, activity IRI or title (case-insensitive). */
function findModule(program: ProgramModules, value: string): ModuleMatch | undefined {
  const title = value.toLowerCase();
  return (
    program.modules.find((m) => m.id === value) ??
    program.modules.find((m) => m.activityIri === value) ??
    program.modules.find((m) => m.title.trim().toLowerCase() === title)
  );
}

/**
 * The same module in another version of its program: module ids change with each version, so it
 * is found again by id, then activity IRI, then title.
 */
export function moduleInVersion(
  program: ProgramModules,
  module: ModuleMatch,
  versionId: string,
): ModuleMatch | undefined {
  const modules = program.modules.filter((m) => m.versionId === versionId);
  return (
    modules.find((m) => m.id === module.id) ??
    (module.activityIri !== null
      ? modules.find((m) => m.activityIri === module.activityIri)
      : undefined) ??
    modules.find((m) => m.title.trim().toLowerCase() === module.title.trim().toLowerCase())
  );
}

/** A module is known by its activity IRI, else its title, so the key survives new versions. */
function dedupeKey(
  personId: number,
  programId: string,
  module: ModuleMatch | null,
  completedOn: string,
  sourceSystem: string,
): string {
  const moduleKey =
    module === null ? "" : (module.activityIri ?? `title:${module.title.trim().toLowerCase()}`);
  const parts = [personId, programId, moduleKey, completedOn, sourceSystem.trim().toLowerCase()];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function onlyOne<T>(items: T[] | undefined): T | undefined {
  return items?.length === 1 ? items[0] : undefined;
}
