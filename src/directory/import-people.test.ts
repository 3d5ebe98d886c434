import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { templateCsv } from "../../web/src/features/imports/template.js";
import { AppError } from "../platform/errors.js";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, smallOrg, toCsv } from "../test/factories.js";
import {
  countPeopleByStatus,
  findPerson,
  findPersonHistory,
  listPeople,
} from "./people.repository.js";

const all = { kind: "all" } as const;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the import to be rejected");
}

describeEachEngine("people import", (use) => {
  it("imports a full export as joiners with normalised values and a joined history entry", async () => {
    const report = await importCsv(use(), toCsv(smallOrg()));
    expect(report.status).toBe("applied");
    expect(report.summary).toEqual({
      joiners: 7,
      movers: 0,
      leavers: 0,
      rejoiners: 0,
      unchanged: 0,
    });
    const erik = await findPerson(use().kysely, all, "E2");
    expect(erik).toMatchObject({
      name: "Erik Larsen",
      timeZone: "Europe/Oslo",
      locale: "nb-NO",
      managerId: "M1",
      tags: ["contractor", "frontline"],
      status: "active",
    });
    const history = await findPersonHistory(use().kysely, erik!.id);
    expect(history.map((h) => h.change)).toEqual(["joined"]);
  });

  it("re-importing the same file changes nothing", async () => {
    const report = await importCsv(use(), toCsv(smallOrg()));
    expect(report.summary).toEqual({
      joiners: 0,
      movers: 0,
      leavers: 0,
      rejoiners: 0,
      unchanged: 7,
    });
  });

  it("records movers with exactly the fields that changed, and leavers absent from a full export", async () => {
    const rows = smallOrg().filter((r) => r.external_id !== "E4");
    const eva = rows.find((r) => r.external_id === "E1")!;
    eva.department = "Market Risk";
    eva.manager_id = "M2";
    eva.tags = "regulated|people-manager";
    const report = await importCsv(use(), toCsv(rows));
    expect(report.summary).toEqual({
      joiners: 0,
      movers: 1,
      leavers: 1,
      rejoiners: 0,
      unchanged: 5,
    });
    expect(report.samples.movers[0]).toEqual({
      id: "E1",
      name: "Eva Schmidt",
      changes: {
        managerId: { from: "M1", to: "M2" },
        department: { from: "Credit Risk", to: "Market Risk" },
        tags: { from: ["regulated"], to: ["people-manager", "regulated"] },
      },
    });
    expect(report.samples.leavers.map((l) => l.id)).toEqual(["E4"]);
    const ethan = await findPerson(use().kysely, all, "E4");
    expect(ethan?.status).toBe("leaver");
    expect(ethan?.leftAt).not.toBeNull();
    const history = await findPersonHistory(use().kysely, ethan!.id);
    expect(history[0]).toMatchObject({
      change: "left",
      changes: { status: { from: "active", to: "leaver" } },
    });
    const evaHistory = await findPersonHistory(
      use().kysely,
      (await findPerson(use().kysely, all, "E1"))!.id,
    );
    expect(evaHistory.map((h) => h.change)).toEqual(["moved", "joined"]);
    expect(Object.keys(evaHistory[0]!.changes).sort()).toEqual(["department", "managerId", "tags"]);
    // The tag filter follows the new tags.
    const managers = await listPeople(
      use().kysely,
      all,
      { status: "active", tag: "people-manager" },
      { offset: 0, limit: 10, sort: "name" },
    );
    expect(managers.items.map((p) => p.externalId)).toEqual(["E1"]);
  });

  it("a leaver who comes back in a later export is a rejoiner", async () => {
    // E4 left in the previous import; the full org brings them back unchanged.
    const rows = smallOrg();
    const eva = rows.find((r) => r.external_id === "E1")!;
    Object.assign(eva, {
      department: "Market Risk",
      manager_id: "M2",
      tags: "regulated|people-manager",
    });
    const report = await importCsv(use(), toCsv(rows));
    expect(report.summary).toMatchObject({ rejoiners: 1, joiners: 0, leavers: 0, movers: 0 });
    expect((await findPerson(use().kysely, all, "E4"))?.status).toBe("active");
  });

  it("a delta file changes only the people in it and never makes leavers by absence", async () => {
    const before = await countPeopleByStatus(use().kysely, all);
    const report = await importCsv(
      use(),
      toCsv([
        personRow("E5", { name: "Zoe New", manager_id: "M1", status: "active" }),
        personRow("E2", { name: "Erik Larsen", manager_id: "M1", status: "leaver" }),
      ]),
      { mode: "delta" },
    );
    expect(report.summary).toEqual({
      joiners: 1,
      movers: 0,
      leavers: 1,
      rejoiners: 0,
      unchanged: 0,
    });
    const after = await countPeopleByStatus(use().kysely, all);
    expect(after.active).toBe(before.active); // one joined, one left
    expect(after.leavers).toBe(before.leavers + 1);
  });

  it("finds a loop made by changing one manager link of people already in the directory", async () => {
    const rows = smallOrg().map((r) => (r.external_id === "M1" ? { ...r, manager_id: "E1" } : r));
    const error = await rejection(importCsv(use(), toCsv(rows), { mode: "full" }));
    const report = error.details as Awaited<ReturnType<typeof importCsv>>;
    expect(report.errors.map((e) => e.message)).toContain("The manager chain loops: M1 → E1 → M1.");
  });

  it("a dry run reports the changes and writes nothing", async () => {
    const before = await listPeople(
      use().kysely,
      all,
      { status: "all" },
      { offset: 0, limit: 100, sort: "name" },
    );
    const report = await importCsv(use(), toCsv([personRow("X1")]), { dryRun: true });
    expect(report.status).toBe("previewed");
    expect(report.summary.joiners).toBe(1);
    expect(report.summary.leavers).toBeGreaterThan(3);
    const after = await listPeople(
      use().kysely,
      all,
      { status: "all" },
      { offset: 0, limit: 100, sort: "name" },
    );
    expect(after.items.map((p) => [p.externalId, p.status, p.updatedAt])).toEqual(
      before.items.map((p) => [p.externalId, p.status, p.updatedAt]),
    );
  });

  it("records a directory.changed event for each applied import that changed someone", async () => {
    const events = await use()
      .kysely.selectFrom("domain_events")
      .selectAll()
      .where("type", "=", "directory.changed")
      .execute();
    expect(
      events
        .map((e) => JSON.parse(e.payload) as Record<string, number>)
        .map((p) => [p.joiners, p.movers, p.leavers, p.rejoiners]),
    ).toEqual([
      [7, 0, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 0, 1],
      [1, 0, 1, 0],
    ]);
  });
});

describeEachEngine("people import validation", (use) => {
  it("names every problem by line and column and changes nothing", async () => {
    const rows = [
      personRow("A1", { name: "Alpha" }),
      personRow("A2", { email: "not-an-email", manager_id: "A1" }),
      personRow("A3", { time_zone: "Mars/Olympus", manager_id: "A1" }),
      personRow("A4", { manager_id: "NOBODY" }),
      personRow("A1", { name: "Alpha again" }),
      personRow("A5", { hire_date: "2021-02-30", locale: "not a locale!", country: "Germany" }),
      personRow("A6", { manager_id: "A7" }),
      personRow("A7", { manager_id: "A6" }),
      personRow("", { name: "", email: "" }),
    ];
    const error = await rejection(importCsv(use(), toCsv(rows)));
    expect(error.code).toBe("validation_failed");
    const report = error.details as Awaited<ReturnType<typeof importCsv>>;
    expect(report.status).toBe("rejected");
    const found = report.errors.map((e) => [e.line, e.column, e.message]);
    expect(found).toEqual([
      [3, "email", '"not-an-email" is not a valid e-mail address.'],
      [
        4,
        "time_zone",
        '"Mars/Olympus" is not an IANA time zone (for example Europe/Berlin, America/New_York).',
      ],
      [5, "manager_id", 'The manager "NOBODY" is not in this file.'],
      [6, "external_id", 'The external id "A1" already appears on line 2.'],
      [7, "locale", '"not a locale!" is not a BCP 47 locale (for example de-DE, pt-BR).'],
      [7, "country", '"Germany" is not an ISO 3166-1 alpha-2 country code (for example DE, US).'],
      [7, "hire_date", '"2021-02-30" is not a date in the form YYYY-MM-DD.'],
      [8, "manager_id", "The manager chain loops: A6 → A7 → A6."],
      [9, "manager_id", "The manager chain loops: A6 → A7 → A6."],
      [10, "external_id", "The external id is required."],
      [10, "name", "The name is required."],
    ]);
    const counts = await countPeopleByStatus(use().kysely, all);
    expect(counts).toEqual({ active: 0, leavers: 0 });
  });

  it("applies only the valid rows when asked to", async () => {
    const rows = [
      personRow("B1"),
      personRow("B2", { time_zone: "Nowhere/City" }),
      personRow("B3", { manager_id: "B1" }),
    ];
    const report = await importCsv(use(), toCsv(rows), { applyValidRows: true });
    expect(report.status).toBe("applied");
    expect(report.errorCount).toBe(1);
    expect(report.summary.joiners).toBe(2);
    expect(await findPerson(use().kysely, all, "B2")).toBeUndefined();
  });

  it("never turns a person whose row has an error into a leaver", async () => {
    const rows = [
      personRow("B1"),
      personRow("B2", { time_zone: "Europe/Paris" }),
      personRow("B3", { manager_id: "B1", email: "broken" }),
    ];
    const report = await importCsv(use(), toCsv(rows), { applyValidRows: true });
    expect(report.summary).toMatchObject({ joiners: 1, leavers: 0, unchanged: 1 });
    expect((await findPerson(use().kysely, all, "B3"))?.status).toBe("active");
  });

  it("rejects a file missing required columns before reading rows", async () => {
    const error = await rejection(importCsv(use(), "external_id,name\nC1,Carl\n"));
    const report = error.details as Awaited<ReturnType<typeof importCsv>>;
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [1, "email"],
      [1, "time_zone"],
    ]);
  });

  it("reads any column order, a BOM, quoted fields with commas and newlines, and a column mapping", async () => {
    const csv =
      '\uFEFFZone,Full Name,Employee ID,Mail,Tags,Cost Center,SSN\r\n"Europe/Paris","Dupont, Jean ""JJ""",D1,jean@example.com,"a; B |a","CC-1","123"\r\n"America/New_York","Ann\nMarie",D2,ann@example.com,,,\r\n';
    const report = await importCsv(use(), csv, {
      mode: "delta",
      mapping: {
        Zone: "time_zone",
        "Full Name": "name",
        "Employee ID": "external_id",
        Mail: "email",
        SSN: null,
      },
    });
    expect(report.errorCount).toBe(0);
    const jean = await findPerson(use().kysely, all, "D1");
    expect(jean).toMatchObject({
      name: 'Dupont, Jean "JJ"',
      timeZone: "Europe/Paris",
      tags: ["a", "b"],
      attributes: { "Cost Center": "CC-1" },
    });
    expect((await findPerson(use().kysely, all, "D2"))?.name).toBe("Ann Marie");
  });

  it("keeps characters whole when the file arrives in chunks that split them", async () => {
    const csv = toCsv([
      personRow("U1", { name: "Łukasz Wróbel", location: "Wrocław" }),
      personRow("U2", { name: "北京 太郎", location: "東京" }),
    ]);
    const bytes = Buffer.from(csv, "utf8");
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const report = await importCsv(use(), Readable.from(chunks), { mode: "delta" });
    expect(report.errorCount).toBe(0);
    expect(await findPerson(use().kysely, all, "U1")).toMatchObject({
      name: "Łukasz Wróbel",
      location: "Wrocław",
    });
    expect(await findPerson(use().kysely, all, "U2")).toMatchObject({
      name: "北京 太郎",
      location: "東京",
    });
  });

  it("reports a row with the wrong number of cells and a broken quote", async () => {
    const csv =
      "external_id,name,email,time_zone\nF1,Fay,fay@example.com,UTC\nF2,Finn,finn@example.com\n";
    const error = await rejection(importCsv(use(), csv, { mode: "delta" }));
    expect((error.details as Awaited<ReturnType<typeof importCsv>>).errors[0]).toMatchObject({
      line: 3,
      message: "This row has 3 cells; the header has 4.",
    });
    const broken = await rejection(
      importCsv(use(), 'external_id,name,email,time_zone\nF1,"Fay,fay@example.com,UTC\n', {
        mode: "delta",
      }),
    );
    expect((broken.details as Awaited<ReturnType<typeof importCsv>>).errors[0]?.message).toMatch(
      /cannot be read/,
    );
  });

  it("imports JSON lines with arrays for tags and an attributes object, and names bad lines", async () => {
    const jsonl = [
      JSON.stringify({
        externalId: "J1",
        name: "Jo",
        email: "jo@example.com",
        timeZone: "Asia/Kolkata",
        tags: ["Frontline"],
        attributes: { shift: "night" },
      }),
      "{not json",
      JSON.stringify({
        external_id: "J2",
        name: "Jay",
        email: "jay@example.com",
        time_zone: "UTC",
        manager_id: "J1",
      }),
    ].join("\n");
    const error = await rejection(importCsv(use(), jsonl, { format: "jsonl", mode: "delta" }));
    const report = error.details as Awaited<ReturnType<typeof importCsv>>;
    expect(report.errors.map((e) => e.line)).toEqual([2]);
    const applied = await importCsv(use(), jsonl, {
      format: "jsonl",
      mode: "delta",
      applyValidRows: true,
    });
    expect(applied.summary.joiners).toBe(2);
    expect(await findPerson(use().kysely, all, "J1")).toMatchObject({
      tags: ["frontline"],
      attributes: { shift: "night" },
      timeZone: "Asia/Kolkata",
    });
  });

  it("the CSV template offered by the web app imports as it is", async () => {
    const report = await importCsv(use(), templateCsv(), { mode: "delta" });
    expect(report.errorCount).toBe(0);
    expect(report.summary.joiners).toBe(2);
  });

  it("rejects a mapping to an unknown column", async () => {
    const error = await rejection(
      importCsv(use(), toCsv([personRow("G1")]), { mapping: { name: "full_name" } }),
    );
    expect((error.details as Awaited<ReturnType<typeof importCsv>>).errors[0]?.message).toMatch(
      /not a Cascade column/,
    );
  });
});

describe("empty files", () => {
  it("is covered per engine above", () => {
    expect(toCsv([personRow("Z")]).split("\n")[0]).toContain("external_id");
  });
});
