import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import {
  presentModule,
  presentProgram,
  presentVersion,
  type ModuleInput,
  type Program,
  type ProgramVersion,
} from "./program.js";
import {
  findProgramByName,
  findProgramRow,
  findVersionRow,
  insertProgram,
  insertVersion,
  listModuleRows,
  listProgramRows,
  listVersionRows,
  markVersionPublished,
  nextVersionNumber,
  replaceModules,
  touchProgram,
  updateProgramRow,
  updateVersionNotes,
} from "./programs.repository.js";

type Db = Kysely<Database>;

/** Every program with its versions (without modules). */
export async function listPrograms(db: Db): Promise<Program[]> {
  const programs = await listProgramRows(db);
  const versions = await listVersionRows(
    db,
    programs.map((p) => p.id),
  );
  const modules = await listModuleRows(
    db,
    versions.map((v) => v.id),
  );
  return programs.map((p) =>
    presentProgram(
      p,
      versions
        .filter((v) => v.program_id === p.id)
        .map((v) => {
          const { modules: _, ...rest } = presentVersion(
            v,
            modules.filter((m) => m.version_id === v.id),
          );
          return rest;
        }),
    ),
  );
}

/** One program with its versions; `not_found` when it does not exist. */
export async function getProgram(db: Db, id: string): Promise<Program> {
  const found = (await listPrograms(db)).find((p) => p.id === id);
  if (!found) throw new AppError("not_found", `No program has the id ${id}.`);
  return found;
}

/** One version with its modules; `not_found` when it does not exist. */
export async function getVersion(db: Db, id: string): Promise<ProgramVersion> {
  const row = await findVersionRow(db, id);
  if (!row) throw new AppError("not_found", `No program version has the id ${id}.`);
  return presentVersion(row, await listModuleRows(db, [id]));
}

/** Creates a program with a first draft version holding the given modules. */
export async function createProgram(
  db: Db,
  input: { name: string; description: string; modules: ModuleInput[]; createdBy: string | null },
): Promise<Program> {
  if (await findProgramByName(db, input.name))
    throw new AppError("conflict", `A program named "${input.name}" already exists.`);
  const now = clock.nowIso();
  const programId = randomUUID();
  await insertProgram(db, {
    id: programId,
    name: input.name,
    description: input.description,
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  });
  const versionId = randomUUID();
  await insertVersion(db, {
    id: versionId,
    program_id: programId,
    number: 1,
    status: "draft",
    notes: "",
    published_at: null,
    published_by: null,
    created_at: now,
  });
  await replaceModules(
    db,
    versionId,
    input.modules.map((m) => ({ ...m, id: randomUUID() })),
  );
  return getProgram(db, programId);
}

/** Renames a program or changes its description (its versions are untouched). */
export async function updateProgram(
  db: Db,
  input: { id: string; name?: string; description?: string },
): Promise<Program> {
  const program = await findProgramRow(db, input.id);
  if (!program) throw new AppError("not_found", `No program has the id ${input.id}.`);
  if (
    input.name !== undefined &&
    input.name !== program.name &&
    (await findProgramByName(db, input.name))
  )
    throw new AppError("conflict", `A program named "${input.name}" already exists.`);
  await updateProgramRow(db, input.id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    updated_at: clock.nowIso(),
  });
  return getProgram(db, input.id);
}

/** Starts a new draft version of a program, copying the modules of `fromVersionId`. */
export async function draftVersion(
  db: Db,
  input: { programId: string; fromVersionId: string | null },
): Promise<ProgramVersion> {
  const program = await findProgramRow(db, input.programId);
  if (!program) throw new AppError("not_found", `No program has the id ${input.programId}.`);
  const versions = await listVersionRows(db, [program.id]);
  if (versions.some((v) => v.status === "draft"))
    throw new AppError(
      "conflict",
      `${program.name} already has a draft version; publish or edit it before starting another.`,
    );
  const source = input.fromVersionId ?? versions[0]?.id ?? null;
  if (source !== null && !versions.some((v) => v.id === source))
    throw new AppError("not_found", `Version ${source} is not a version of ${program.name}.`);
  const now = clock.nowIso();
  const id = randomUUID();
  await insertVersion(db, {
    id,
    program_id: program.id,
    number: await nextVersionNumber(db, program.id),
    status: "draft",
    notes: "",
    published_at: null,
    published_by: null,
    created_at: now,
  });
  if (source !== null) {
    const modules = (await listModuleRows(db, [source])).map(presentModule);
    await replaceModules(
      db,
      id,
      modules.map((m) => ({
        ...m,
        completionVerbs: m.completionVerbsSet ? m.completionVerbs : null,
        id: randomUUID(),
      })),
    );
  }
  await touchProgram(db, program.id, now);
  return getVersion(db, id);
}

/** Replaces a draft version's modules and notes; a published version is immutable. */
export async function updateDraft(
  db: Db,
  input: { versionId: string; modules?: ModuleInput[]; notes?: string },
): Promise<ProgramVersion> {
  const version = await getVersion(db, input.versionId);
  if (version.status !== "draft")
    throw new AppError(
      "conflict",
      `Version ${version.number} is published and cannot change; start a new draft version instead.`,
    );
  if (input.modules)
    await replaceModules(
      db,
      version.id,
      input.modules.map((m) => ({ ...m, id: randomUUID() })),
    );
  if (input.notes !== undefined) await updateVersionNotes(db, version.id, input.notes);
  await touchProgram(db, version.programId, clock.nowIso());
  return getVersion(db, version.id);
}

/** Publishes a draft version: from then on it is immutable and can be rolled out. */
export async function publishVersion(
  db: Db,
  input: { versionId: string; by: string },
): Promise<ProgramVersion> {
  const version = await getVersion(db, input.versionId);
  if (version.status === "published") return version;
  if (version.modules.length === 0)
    throw new AppError("validation_failed", `Version ${version.number} has no modules to publish.`);
  await markVersionPublished(db, { versionId: version.id, by: input.by, at: clock.nowIso() });
  return getVersion(db, version.id);
}
