import { Readable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../platform/auth/roles.js";
import { clock } from "../../platform/clock.js";
import type { Db } from "../../platform/database/connect.js";
import { AppError } from "../../platform/errors.js";
import { describeEachEngine } from "../../test/databases.js";
import { importCsv, smallOrg, toCsv } from "../../test/factories.js";
import type { CompletionImportReport } from "./completion-import-report.js";
import { completionColumnOf } from "./completions-file.js";
import { findCompletionImport } from "./completions.repository.js";
import { importCompletions } from "./import-completions.js";
import { assignedProgram } from "./test-programs.js";
import { parseCompletionTime } from "./validate-completion-row.js";

/** Imports CSV text; a rejected file's report is returned instead of thrown. */
async function importFile(
  db: Db,
  csv: string,
  options: { sourceSystem?: string; dryRun?: boolean; applyValidRows?: boolean } = {},
): Promise<CompletionImportReport> {
  try {
    return await importCompletions({
      db: db.kysely,
      input: Readable.from([csv]),
      fileName: "completions.csv",
      sourceSystem: options.sourceSystem ?? null,
      dryRun: options.dryRun ?? false,
      applyValidRows: options.applyValidRows ?? false,
      actor: systemActor,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed")
      return error.details as CompletionImportReport;
    throw error;
  }
}

async function assignmentOf(db: Db, versionId: string, externalId: string) {
  return db.kysely
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select(["a.id", "a.status", "a.score", "a.completed_at", "a.completion_source"])
    .where("a.program_version_id", "=", versionId)
    .where("p.external_id", "=", externalId)
    .executeTakeFirstOrThrow();
}

async function countRows(db: Db, table: "completion_records" | "module_progress") {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const row = (cells: Record<string, string>) => cells;

afterEach(() => clock.set(null));

describe("reading completion files", () => {
  it("accepts common header spellings", () => {
    expect(completionColumnOf("Email")).toBe("email");
    expect(completionColumnOf("Completion Date")).toBe("completed_on");
    expect(completionColumnOf("completed_at")).toBe("completed_on");
    expect(completionColumnOf("Source System")).toBe("source_system");
    expect(completionColumnOf("Employee-ID")).toBe("person_id");
    expect(completionColumnOf("Course Name")).toBe("program");
    expect(completionColumnOf("Favourite colour")).toBeNull();
  });

  it("reads a date as noon UTC and an instant as given", () => {
    expect(parseCompletionTime("2026-03-05")).toEqual({
      date: "2026-03-05",
      at: "2026-03-05T12:00:00.000Z",
      dateOnly: true,
    });
    expect(parseCompletionTime("2026-03-05T23:30:00+02:00")?.at).toBe("2026-03-05T21:30:00.000Z");
    expect(parseCompletionTime("2026-03-05T10:00:00")).toBeNull(); // no zone: ambiguous
    expect(parseCompletionTime("2026-02-30")).toBeNull();
    expect(parseCompletionTime("05/03/2026")).toBeNull();
  });
});

describeEachEngine("importing completions", (use) => {
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
  });

  it("completes assignments with the score, date and source system of each row", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`);
    // Mixed header spellings; E1 by external id, E2 by e-mail, the program by name in capitals.
    const csv = toCsv([
      {
        "Employee ID": "E1",
        Email: "",
        Course: program.name.toUpperCase(),
        "Completion Date": "2026-03-05",
        Score: "85",
        "Source System": "Workday Learning",
      },
      {
        "Employee ID": "",
        Email: "E2@Example.com",
        Course: program.id,
        "Completion Date": "2026-03-06T15:45:00Z",
        Score: "",
        "Source System": "",
      },
    ]);
    const report = await importFile(db, csv, { sourceSystem: "Cornerstone" });
    expect(report).toMatchObject({
      status: "applied",
      rowCount: 2,
      validRowCount: 2,
      errorCount: 0,
      summary: { recorded: 2, duplicates: 0, completed: 2, started: 0, keptWithoutAssignment: 0 },
    });

    const e1 = await assignmentOf(db, program.versionId, "E1");
    expect(e1).toMatchObject({
      status: "completed",
      completed_at: "2026-03-05T12:00:00.000Z",
      completion_source: "import",
    });
    expect(Number(e1.score)).toBe(85);
    const e2 = await assignmentOf(db, program.versionId, "E2");
    expect(e2).toMatchObject({ status: "completed", completed_at: "2026-03-06T15:45:00.000Z" });
    expect(e2.score).toBeNull();
    expect((await assignmentOf(db, program.versionId, "M1")).status).not.toBe("completed");

    const change = await db.kysely
      .selectFrom("assignment_changes")
      .select(["to_status", "cause"])
      .where("assignment_id", "=", e1.id)
      .where("to_status", "=", "completed")
      .executeTakeFirstOrThrow();
    expect(change.cause).toBe("completion import completions.csv (Workday Learning)");

    const evidence = await db.kysely
      .selectFrom("module_progress")
      .select(["source", "source_system", "import_id", "module_id"])
      .where("assignment_id", "in", [e1.id, e2.id])
      .orderBy("at")
      .execute();
    expect(evidence).toEqual([
      {
        source: "import",
        source_system: "Workday Learning",
        import_id: report.id,
        module_id: program.modules[0]!.id,
      },
      {
        source: "import",
        source_system: "Cornerstone",
        import_id: report.id,
        module_id: program.modules[0]!.id,
      },
    ]);
    const records = await db.kysely
      .selectFrom("completion_records")
      .select(["program_id", "module_id", "completed_on", "score", "source_system"])
      .where("import_id", "=", report.id)
      .orderBy("completed_on")
      .execute();
    expect(
      records.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) })),
    ).toEqual([
      {
        program_id: program.id,
        module_id: null,
        completed_on: "2026-03-05",
        score: 85,
        source_system: "Workday Learning",
      },
      {
        program_id: program.id,
        module_id: null,
        completed_on: "2026-03-06",
        score: null,
        source_system: "Cornerstone",
      },
    ]);
    expect(await findCompletionImport(db.kysely, report.id)).toEqual(report);
  });

  it("reports every invalid row at its line and column, with the value it read", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`);
    const good = {
      person_id: "E1",
      email: "",
      program: program.name,
      module: "",
      completed_on: "2026-03-05",
      score: "90",
      source_system: "Docebo",
    };
    const csv = toCsv([
      row({ ...good }), // line 2: valid
      row({ ...good, person_id: "NOBODY" }),
      row({ ...good, person_id: "", email: "ghost@example.com" }),
      row({ ...good, program: "Underwater Basket Weaving" }),
      row({ ...good, module: "No such module" }),
      row({ ...good, completed_on: "05/03/2026" }),
      row({ ...good, completed_on: "2026-03-21" }), // line 8: after today (20 March)
      row({ ...good, score: "120" }),
      row({ ...good, score: "ninety" }),
      row({ ...good, source_system: "" }),
      row({ ...good, person_id: "", email: "" }),
    ]);
    const report = await importFile(db, csv, { dryRun: true });
    expect(report.status).toBe("previewed");
    expect(report.rowCount).toBe(11);
    expect(report.validRowCount).toBe(1);
    expect(report.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, "person_id", "NOBODY"],
      [4, "email", "ghost@example.com"],
      [5, "program", "Underwater Basket Weaving"],
      [6, "module", "No such module"],
      [7, "completed_on", "05/03/2026"],
      [8, "completed_on", "2026-03-21"],
      [9, "score", "120"],
      [10, "score", "ninety"],
      [11, "source_system", ""],
      [12, "person_id", ""],
    ]);
    expect(report.errors[0]!.message).toBe('No person has the external id "NOBODY".');
    expect(report.errors[5]!.message).toContain("in the future");
    expect(report.errors[6]!.message).toContain("not from 0 to 100");

    const missingColumns = await importFile(db, "email,score\nx@example.com,1\n");
    expect(missingColumns.status).toBe("rejected");
    expect(missingColumns.errors.map((e) => [e.line, e.column])).toEqual([
      [1, "program"],
      [1, "completed_on"],
      [1, "source_system"],
    ]);
  });

  it("skips completions repeated in the file or imported before, counting them as duplicates", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`);
    const byName = {
      person_id: "E1",
      program: program.name,
      completed_on: "2026-03-05",
      source_system: "SAP SuccessFactors",
    };
    // The same completion three times: by name, by id, and with another time on the same day.
    const csv = toCsv([
      byName,
      { ...byName, program: program.id },
      { ...byName, completed_on: "2026-03-05T08:00:00Z", source_system: "sap successfactors" },
      { ...byName, person_id: "E2" },
    ]);
    const first = await importFile(db, csv);
    expect(first).toMatchObject({
      errorCount: 0,
      validRowCount: 4,
      summary: { recorded: 2, duplicates: 2, completed: 2 },
    });
    const again = await importFile(db, csv);
    expect(again).toMatchObject({
      status: "applied",
      errorCount: 0,
      summary: { recorded: 0, duplicates: 4, completed: 0, started: 0 },
    });
    const stored = await db.kysely
      .selectFrom("completion_records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("program_id", "=", program.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(2);
  });

  it("a dry run reports what would happen and writes nothing", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`);
    const before = {
      records: await countRows(db, "completion_records"),
      progress: await countRows(db, "module_progress"),
    };
    const csv = toCsv([
      { person_id: "E1", program: program.name, completed_on: "2026-03-05", score: "70" },
      { person_id: "CEO", program: program.name, completed_on: "2026-03-05", score: "" },
    ]);
    const report = await importFile(db, csv, { dryRun: true, sourceSystem: "Moodle" });
    expect(report).toMatchObject({
      status: "previewed",
      dryRun: true,
      appliedAt: null,
      summary: { recorded: 2, completed: 1, keptWithoutAssignment: 1 },
    });
    expect(await countRows(db, "completion_records")).toBe(before.records);
    expect(await countRows(db, "module_progress")).toBe(before.progress);
    expect((await assignmentOf(db, program.versionId, "E1")).status).toBe("assigned");
    expect((await findCompletionImport(db.kysely, report.id))?.status).toBe("previewed");
    // Dry runs leave no trace for deduplication either.
    const applied = await importFile(db, csv, { sourceSystem: "Moodle" });
    expect(applied.summary).toMatchObject({ recorded: 2, duplicates: 0, completed: 1 });
  });

  it("applies nothing from a file with errors, unless asked to apply the valid rows", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`);
    const csv = toCsv([
      { person_id: "E1", program: program.name, completed_on: "2026-03-05" },
      { person_id: "E2", program: program.name, completed_on: "not a date" },
    ]);
    const refused = importCompletions({
      db: db.kysely,
      input: Readable.from([csv]),
      fileName: "completions.csv",
      sourceSystem: "Moodle",
      dryRun: false,
      applyValidRows: false,
      actor: systemActor,
    });
    await expect(refused).rejects.toMatchObject({ code: "validation_failed" });
    const rejected = (await refused.catch((e: AppError) => e.details)) as CompletionImportReport;
    expect(rejected).toMatchObject({ status: "rejected", errorCount: 1, validRowCount: 1 });
    expect((await assignmentOf(db, program.versionId, "E1")).status).toBe("assigned");
    const kept = await db.kysely
      .selectFrom("completion_records")
      .select("id")
      .where("program_id", "=", program.id)
      .execute();
    expect(kept).toEqual([]);
    expect((await findCompletionImport(db.kysely, rejected.id))?.status).toBe("rejected");

    const applied = await importFile(db, csv, { sourceSystem: "Moodle", applyValidRows: true });
    expect(applied).toMatchObject({
      status: "applied",
      errorCount: 1,
      summary: { recorded: 1, completed: 1 },
    });
    expect((await assignmentOf(db, program.versionId, "E1")).status).toBe("completed");
    expect((await assignmentOf(db, program.versionId, "E2")).status).toBe("assigned");
  });

  it("keeps the completion of someone without an assignment as evidence", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`);
    const report = await importFile(
      db,
      toCsv([{ email: "ceo@example.com", program: program.name, completed_on: "2026-01-10" }]),
      { sourceSystem: "Moodle" },
    );
    expect(report.summary).toEqual({
      recorded: 1,
      duplicates: 0,
      completed: 0,
      started: 0,
      keptWithoutAssignment: 1,
    });
    const record = await db.kysely
      .selectFrom("completion_records as r")
      .innerJoin("people as p", "p.id", "r.person_id")
      .select(["p.external_id", "r.completed_on", "r.source_system"])
      .where("r.import_id", "=", report.id)
      .execute();
    expect(record).toEqual([
      { external_id: "CEO", completed_on: "2026-01-10", source_system: "Moodle" },
    ]);
  });

  it("starts a two-module program on one module and completes it on the whole program", async () => {
    const db = use();
    const program = await assignedProgram(db, `division = "Risk"`, [
      { title: "Sanctions basics", activityIri: "https://lms.example/sanctions" },
      { title: "Reporting suspicions", activityIri: "https://lms.example/reporting" },
    ]);
    const oneModule = await importFile(
      db,
      toCsv([
        {
          person_id: "E1",
          program: program.name,
          module: "sanctions BASICS",
          completed_on: "2026-03-03",
          score: "80",
        },
        {
          person_id: "E2",
          program: program.name,
          module: "https://lms.example/reporting",
          completed_on: "2026-03-03",
          score: "",
        },
      ]),
      { sourceSystem: "Moodle" },
    );
    expect(oneModule.summary).toMatchObject({ recorded: 2, started: 2, completed: 0 });
    expect((await assignmentOf(db, program.versionId, "E1")).status).toBe("started");

    const whole = await importFile(
      db,
      toCsv([{ person_id: "E1", program: program.name, completed_on: "2026-03-10", score: "90" }]),
      { sourceSystem: "Moodle" },
    );
    expect(whole.summary).toMatchObject({ recorded: 1, completed: 1, started: 0 });
    const e1 = await assignmentOf(db, program.versionId, "E1");
    expect(e1.status).toBe("completed");
    expect(e1.completed_at).toBe("2026-03-10T12:00:00.000Z");
    // The latest score of each module: 90 for both.
    expect(Number(e1.score)).toBe(90);
    const modules = await db.kysely
      .selectFrom("module_progress")
      .select("module_id")
      .where("assignment_id", "=", e1.id)
      .where("import_id", "=", whole.id)
      .execute();
    expect(modules.map((m) => m.module_id).sort()).toEqual(program.modules.map((m) => m.id).sort());
  });
});
