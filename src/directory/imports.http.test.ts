import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { clock } from "../platform/clock.js";
import { describeEachEngine } from "../test/databases.js";
import { personRow, smallOrg, toCsv } from "../test/factories.js";
import {
  request,
  startCascade,
  userWithToken,
  type ErrorBody,
  type RunningCascade,
} from "../test/http.js";
import type { ImportReport } from "./import-report.js";

interface PeoplePage {
  items: { id: string; name: string }[];
  total: number;
}

/** A multipart body: the fields first (in order), then the file. */
function upload(
  file: string | null,
  fields: Record<string, string | undefined> = {},
  fileName = "people.csv",
): FormData {
  const form = new FormData();
  // mode and dryRun are required before the file; a test may override or omit them.
  const all: Record<string, string | undefined> = { mode: "full", dryRun: "false", ...fields };
  for (const [name, value] of Object.entries(all))
    if (value !== undefined) form.append(name, value);
  if (file !== null) form.append("file", new Blob([file], { type: "text/csv" }), fileName);
  return form;
}

/** Three good rows and two with errors (lines 3 and 5). */
function fileWithErrors(): string {
  return toCsv([
    personRow("P1", { name: "Paula Prime" }),
    personRow("P2", { time_zone: "Mars/Olympus", manager_id: "P1" }),
    personRow("P3", { manager_id: "P1" }),
    personRow("P4", { email: "not-an-email" }),
    personRow("P5", { manager_id: "P3" }),
  ]);
}

afterEach(() => {
  clock.set(null);
});

describeEachEngine("people imports over HTTP", (use) => {
  let server: RunningCascade;
  let adminToken: string;
  /** Each upload happens one minute after the previous one, so "newest first" is well defined. */
  let minute = 0;

  beforeAll(async () => {
    ({ token: adminToken } = await userWithToken(use(), {
      email: "admin@example.com",
      name: "Admin",
      role: "admin",
    }));
    server = await startCascade(use());
  });
  afterAll(async () => {
    await server.stop();
  });

  function send<T>(form: FormData) {
    clock.set(new Date(Date.UTC(2030, 0, 1, 9, minute++)));
    return request<T>(server.baseUrl, "/api/v1/imports/people", {
      as: { token: adminToken },
      form,
    });
  }
  function get<T>(path: string) {
    return request<T>(server.baseUrl, path, { as: { token: adminToken } });
  }
  async function peopleIds(): Promise<string[]> {
    const res = await get<PeoplePage>("/api/v1/people?status=all&pageSize=500");
    return res.body.items.map((p) => p.id).sort();
  }

  const reports: ImportReport[] = [];

  it("a dry run reports what would change and writes nothing", async () => {
    const res = await send<ImportReport>(upload(toCsv(smallOrg()), { dryRun: "true" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "previewed",
      dryRun: true,
      mode: "full",
      format: "csv",
      fileName: "people.csv",
      rowCount: 7,
      validRowCount: 7,
      errorCount: 0,
      errors: [],
      summary: { joiners: 7, movers: 0, leavers: 0, rejoiners: 0, unchanged: 0 },
      appliedAt: null,
      createdBy: "admin@example.com",
    });
    expect(res.body.samples.joiners.map((j) => j.id).sort()).toEqual(
      ["CEO", "E1", "E2", "E3", "E4", "M1", "M2"].sort(),
    );
    expect(await peopleIds()).toEqual([]);
    reports.push(res.body);
  });

  it("a file with errors is refused with 422 and a report naming each line and column; nothing changes", async () => {
    const res = await send<ErrorBody & { error: { details: ImportReport } }>(
      upload(fileWithErrors(), { mode: "delta" }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.message).toBe(
      "The file has 2 error(s); nothing was changed. Fix them, or choose to apply only the valid rows.",
    );
    const report = res.body.error.details;
    expect(report).toMatchObject({
      status: "rejected",
      dryRun: false,
      mode: "delta",
      rowCount: 5,
      validRowCount: 3,
      errorCount: 2,
      appliedAt: null,
    });
    expect(report.errors).toEqual([
      {
        line: 3,
        column: "time_zone",
        message:
          '"Mars/Olympus" is not an IANA time zone (for example Europe/Berlin, America/New_York).',
        value: "Mars/Olympus",
      },
      {
        line: 5,
        column: "email",
        message: '"not-an-email" is not a valid e-mail address.',
        value: "not-an-email",
      },
    ]);
    expect(await peopleIds()).toEqual([]);
    reports.push(report);
  });

  it("applyValidRows=true applies the valid rows and still reports the bad ones", async () => {
    const res = await send<ImportReport>(
      upload(fileWithErrors(), { mode: "delta", applyValidRows: "true" }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "applied",
      errorCount: 2,
      summary: { joiners: 3, movers: 0, leavers: 0, rejoiners: 0, unchanged: 0 },
    });
    expect(res.body.appliedAt).toBe(clock.nowIso());
    expect(res.body.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "time_zone"],
      [5, "email"],
    ]);
    expect(await peopleIds()).toEqual(["P1", "P3", "P5"]);
    reports.push(res.body);
  });

  it("a column mapping sent as JSON renames, ignores and keeps columns as attributes", async () => {
    const csv =
      "Employee ID,Full Name,Work Email,TZ,Cost Centre,SSN\n" +
      "Q1,Quinn Quest,quinn@example.com,Europe/Paris,CC-7,123-45-6789\n";
    const mapping = {
      "Employee ID": "external_id",
      "Full Name": "name",
      "Work Email": "email",
      TZ: "time_zone",
      "Cost Centre": "attributes.cost_centre",
      SSN: null,
    };
    const res = await send<ImportReport>(
      upload(csv, { mode: "delta", mapping: JSON.stringify(mapping) }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "applied", errorCount: 0, summary: { joiners: 1 } });
    const quinn = await get<{
      person: { name: string; email: string; timeZone: string; attributes: Record<string, string> };
    }>("/api/v1/people/Q1");
    expect(quinn.body.person).toEqual(
      expect.objectContaining({
        name: "Quinn Quest",
        email: "quinn@example.com",
        timeZone: "Europe/Paris",
        attributes: { cost_centre: "CC-7" },
      }),
    );
    reports.push(res.body);
  });

  it("a JSON lines file is recognised by its name", async () => {
    const line = JSON.stringify({
      external_id: "J1",
      name: "Jo Lines",
      email: "jo@example.com",
      time_zone: "UTC",
      tags: ["Remote"],
    });
    const res = await send<ImportReport>(upload(`${line}\n`, { mode: "delta" }, "people.jsonl"));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ format: "jsonl", status: "applied", summary: { joiners: 1 } });
    reports.push(res.body);
  });

  it("rejects bad request fields with 400 before touching the directory", async () => {
    const before = await peopleIds();
    const csv = toCsv([personRow("Z1")]);
    const cases: [FormData, string][] = [
      [upload(csv, { mode: "weekly" }), 'mode: "weekly" is not full or delta.'],
      [upload(csv, { dryRun: "yes" }), 'dryRun: expected true or false, got "yes".'],
      [upload(csv, { format: "xlsx" }), 'format: "xlsx" is not csv or jsonl.'],
      [
        upload(csv, { mapping: "{not json" }),
        "mapping: expected a JSON object from file column names to Cascade column names (or null).",
      ],
      [
        upload(csv, { dryRun: undefined }),
        "Send mode (full or delta) and dryRun (true or false) before the file, as form fields or in the query string.",
      ],
      [
        upload(null, { mode: "delta" }),
        "No file was sent: add a multipart field named file (after mode, dryRun and mapping).",
      ],
    ];
    for (const [form, message] of cases) {
      const res = await request<ErrorBody>(server.baseUrl, "/api/v1/imports/people", {
        as: { token: adminToken },
        form,
      });
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 400,
        error: { code: "bad_request", message },
      });
    }
    const wrongField = new FormData();
    wrongField.append("upload", new Blob([csv]), "people.csv");
    const wrong = await request<ErrorBody>(server.baseUrl, "/api/v1/imports/people", {
      as: { token: adminToken },
      form: wrongField,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('Unexpected file field "upload"; use "file".');

    const notMultipart = await request<ErrorBody>(server.baseUrl, "/api/v1/imports/people", {
      as: { token: adminToken },
      json: { file: csv },
    });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.error.code).toBe("bad_request");
    expect(await peopleIds()).toEqual(before);
  });

  it("lists past imports newest first and returns each stored report by id", async () => {
    const list = await get<{ items: (ImportReport & { errors?: unknown })[]; total: number }>(
      "/api/v1/imports",
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(reports.length);
    expect(list.body.items.map((i) => i.id)).toEqual(reports.map((r) => r.id).reverse());
    expect(list.body.items.map((i) => i.status)).toEqual([
      "applied",
      "applied",
      "applied",
      "rejected",
      "previewed",
    ]);
    // The list carries summaries; errors and samples come with one import.
    expect(list.body.items[0]?.errors).toBeUndefined();

    const paged = await get<{ items: ImportReport[]; total: number }>(
      "/api/v1/imports?page=2&pageSize=2",
    );
    expect(paged.body.total).toBe(reports.length);
    expect(paged.body.items.map((i) => i.id)).toEqual([reports[2]?.id, reports[1]?.id]);

    for (const report of reports) {
      const one = await get<ImportReport>(`/api/v1/imports/${report.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(report);
    }
  });

  it("an unknown import id is 404", async () => {
    const res = await get<ErrorBody>("/api/v1/imports/00000000-0000-0000-0000-000000000000");
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({
      code: "not_found",
      message: 'No import with id "00000000-0000-0000-0000-000000000000".',
    });
  });

  it("a full import over HTTP makes people absent from the file leavers", async () => {
    const keep = ["P1", "P3", "P5"].map((id) => personRow(id));
    const res = await send<ImportReport>(upload(toCsv(keep)));
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ leavers: 2, joiners: 0 });
    expect(res.body.samples.leavers.map((l) => l.id).sort()).toEqual(["J1", "Q1"]);
    const active = await get<PeoplePage>("/api/v1/people");
    expect(active.body.items.map((p) => p.id).sort()).toEqual(["P1", "P3", "P5"]);
  });

  // A file cut off at the limit must change nothing: in a full export, everyone after the cut
  // would otherwise become a leaver.
  it("an upload larger than MAX_UPLOAD_MB is refused with 413 and changes nothing", async () => {
    // About 2 KB allowed; the full export below is about 10 KB of valid, unquoted rows, with the
    // people already in the directory at its end, past the cut.
    const small = await startCascade(use(), { MAX_UPLOAD_MB: "0.002" });
    try {
      const rows: string[] = [];
      for (let i = 0; i < 300; i++) rows.push(`X${i},Extra ${i},x${i}@example.com,UTC`);
      for (const id of ["P1", "P3", "P5"])
        rows.push(`${id},Person ${id},${id.toLowerCase()}@example.com,UTC`);
      const csv = `external_id,name,email,time_zone\n${rows.join("\n")}\n`;
      const before = await get<PeoplePage>("/api/v1/people?status=all&pageSize=500");
      const res = await request<ErrorBody>(small.baseUrl, "/api/v1/imports/people", {
        as: { token: adminToken },
        form: upload(csv, { applyValidRows: "true" }),
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe("payload_too_large");
      const after = await get<PeoplePage>("/api/v1/people?status=all&pageSize=500");
      expect(after.body).toEqual(before.body);
    } finally {
      await small.stop();
    }
  });
});
