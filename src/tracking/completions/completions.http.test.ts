import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { clock } from "../../platform/clock.js";
import { describeEachEngine } from "../../test/databases.js";
import { importCsv, smallOrg, toCsv } from "../../test/factories.js";
import {
  request,
  startCascade,
  userWithToken,
  type ErrorBody,
  type RunningCascade,
} from "../../test/http.js";
import type {
  CompletionImportReport,
  CompletionImportSummary,
} from "./completion-import-report.js";
import { assignedProgram, importedAt } from "./test-programs.js";

/** A multipart body: the fields first (in order), then the file. */
function upload(file: string | null, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ dryRun: "false", ...fields }))
    form.append(name, value);
  if (file !== null) form.append("file", new Blob([file], { type: "text/csv" }), "lms-export.csv");
  return form;
}

afterEach(() => clock.set(null));

describeEachEngine("completion imports over HTTP", (use) => {
  let server: RunningCascade;
  let admin: string;
  let owner: string;
  let auditor: string;
  let program: Awaited<ReturnType<typeof assignedProgram>>;
  let file = "";

  beforeAll(async () => {
    const db = use();
    await importCsv(db, toCsv(smallOrg()));
    program = await assignedProgram(db, `division = "Risk"`);
    const users = await Promise.all(
      (["admin", "program_owner", "auditor"] as const).map((role) =>
        userWithToken(db, { email: `${role}@example.com`, name: role, role }),
      ),
    );
    [admin, owner, auditor] = users.map((u) => u.token) as [string, string, string];
    server = await startCascade(db);
    // Line 2 completes E1's assignment; line 3 names a person who does not exist.
    file = toCsv([
      { email: "e1@example.com", program: program.name, completed_on: "2026-03-05", score: "77" },
      { email: "nobody@example.com", program: program.name, completed_on: "2026-03-05", score: "" },
    ]);
  });
  afterAll(async () => {
    await server.stop();
  });

  let minute = 0;
  function send<T>(form: FormData, token = admin) {
    clock.set(new Date(importedAt.getTime() + 60_000 * minute++));
    return request<T>(server.baseUrl, "/api/v1/imports/completions", { as: { token }, form });
  }
  function get<T>(path: string, token = admin) {
    return request<T>(server.baseUrl, path, { as: { token } });
  }
  /** E1's assignment of the program, as the assignments API shows it. */
  async function assignmentOfE1() {
    const res = await get<{
      items: { programVersionId: string; status: string; score: number | null }[];
    }>("/api/v1/assignments?personId=E1&pageSize=500");
    expect(res.status).toBe(200);
    const found = res.body.items.find((a) => a.programVersionId === program.versionId);
    if (!found) throw new Error("E1 has no assignment of the program");
    return found;
  }
  const statusOfE1 = async () => (await assignmentOfE1()).status;

  it("previews an uploaded file, refuses it while it has errors, then applies its valid rows", async () => {
    const preview = await send<CompletionImportReport>(
      upload(file, { dryRun: "true", sourceSystem: "Cornerstone" }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      status: "previewed",
      dryRun: true,
      fileName: "lms-export.csv",
      sourceSystem: "Cornerstone",
      rowCount: 2,
      validRowCount: 1,
      errorCount: 1,
      summary: { recorded: 1, completed: 1 },
      createdBy: "admin@example.com",
    });
    expect(preview.body.errors).toEqual([
      {
        line: 3,
        column: "email",
        message: 'No person has the e-mail "nobody@example.com".',
        value: "nobody@example.com",
      },
    ]);
    expect(await statusOfE1()).toBe("assigned");

    const refused = await send<ErrorBody & { error: { details: CompletionImportReport } }>(
      upload(file, { sourceSystem: "Cornerstone" }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.details).toMatchObject({ status: "rejected", errorCount: 1 });
    expect(await statusOfE1()).toBe("assigned");

    const applied = await send<CompletionImportReport>(
      upload(file, { sourceSystem: "Cornerstone", applyValidRows: "true" }),
      owner,
    );
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      status: "applied",
      summary: { recorded: 1, completed: 1, duplicates: 0 },
      createdBy: "program_owner@example.com",
    });
    expect(await assignmentOfE1()).toMatchObject({ status: "completed", score: 77 });

    const history = await get<{ items: CompletionImportSummary[]; total: number }>(
      "/api/v1/imports/completions",
    );
    expect(history.status).toBe(200);
    expect(history.body.total).toBe(3);
    expect(history.body.items.map((i) => i.status)).toEqual(["applied", "rejected", "previewed"]);
    expect(history.body.items[0]).not.toHaveProperty("errors");

    const one = await get<CompletionImportReport>(`/api/v1/imports/completions/${applied.body.id}`);
    expect(one.body).toEqual(applied.body);
    // People imports keep their own history.
    const people = await get<{ items: { id: string }[] }>("/api/v1/imports");
    expect(people.body.items.map((i) => i.id)).not.toContain(applied.body.id);
    expect((await get(`/api/v1/imports/${applied.body.id}`)).status).toBe(404);
    expect((await get("/api/v1/imports/completions/no-such-import")).status).toBe(404);
  });

  it("documents its routes in the OpenAPI file", async () => {
    const doc = await request<{ paths: Record<string, unknown> }>(
      server.baseUrl,
      "/api/openapi.json",
    );
    expect(doc.body.paths).toHaveProperty(["/api/v1/imports/completions"]);
    expect(doc.body.paths).toHaveProperty(["/api/v1/imports/completions/{id}"]);
  });

  it("refuses a role without the completions.import permission", async () => {
    const res = await send<ErrorBody>(upload(file, { sourceSystem: "Cornerstone" }), auditor);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await get("/api/v1/imports/completions", auditor)).status).toBe(403);
  });

  it("answers 400 when no file is sent, or a setting is not true or false", async () => {
    const noFile = await send<ErrorBody>(upload(null, { sourceSystem: "Cornerstone" }));
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toContain("No file was sent");
    const badFlag = await send<ErrorBody>(upload(file, { dryRun: "perhaps" }));
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error.message).toBe('dryRun: expected true or false, got "perhaps".');
  });
});
