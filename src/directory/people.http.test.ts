import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, smallOrg, toCsv } from "../test/factories.js";
import {
  request,
  startCascade,
  userWithToken,
  type ErrorBody,
  type RunningCascade,
} from "../test/http.js";
import type { NewUser } from "../platform/auth/users.js";

interface PersonSummary {
  id: string;
  name: string;
  region: string | null;
  division: string | null;
  managerId: string | null;
  status: string;
}
interface PeoplePage {
  items: PersonSummary[];
  total: number;
  page: number;
  pageSize: number;
}
type Facets = Record<string, { value: string; count: number }[]>;

/**
 * smallOrg() plus three people: E5 (APAC but in Risk, so the APAC and Risk leads both see them),
 * E6 (an EMEA report of the APAC manager M2) and L1 (a leaver under M1). Hire dates differ so
 * sorting by hire date is checkable.
 *
 *   CEO ─┬─ M1 (EMEA, Risk) ─┬─ E1, E2 (EMEA, Risk), L1 (leaver)
 *        └─ M2 (APAC, Tech) ─┬─ E3 (APAC, Tech) ── E4 (APAC, Tech)
 *                            ├─ E5 (APAC, Risk)
 *                            └─ E6 (EMEA, Tech)
 */
function org(): Record<string, string>[] {
  const hireDates: Record<string, string> = {
    CEO: "2010-01-01",
    M1: "2015-03-01",
    M2: "2016-06-01",
    E1: "2020-01-15",
    E2: "2021-05-01",
    E3: "2019-09-01",
    E4: "2022-02-01",
  };
  const people = [
    ...smallOrg().map((row) => ({ ...row, hire_date: hireDates[row.external_id ?? ""] ?? "" })),
    personRow("E5", {
      name: "Wei Zhang",
      email: "wei.zhang@example.com",
      manager_id: "M2",
      region: "APAC",
      country: "SG",
      time_zone: "Asia/Singapore",
      hire_date: "2018-07-01",
    }),
    personRow("E6", {
      name: "Olga Nowak",
      manager_id: "M2",
      region: "EMEA",
      country: "PL",
      time_zone: "Europe/Warsaw",
      division: "Technology",
      hire_date: "2023-04-01",
    }),
    personRow("L1", { name: "Lena Leaver", manager_id: "M1", status: "leaver" }),
  ];
  // The status column comes from the first row's keys, so every row needs one.
  return people.map((row) => ({ status: "active", ...row }));
}

/** Every active person, in name order (the default sort). */
const everyoneByName = ["M2", "CEO", "E3", "E2", "E4", "E1", "M1", "E6", "E5"];

describeEachEngine("people directory over HTTP", (use) => {
  let server: RunningCascade;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    await importCsv(use(), toCsv(org()));
    const users: Record<string, Omit<NewUser, "password" | "email" | "name">> = {
      admin: { role: "admin" },
      owner: { role: "program_owner" },
      auditor: { role: "auditor" },
      apacLead: { role: "regional_lead", regions: ["APAC"] },
      riskLead: { role: "regional_lead", divisions: ["Risk"] },
      managerM1: { role: "manager", personId: "M1" },
      managerCeo: { role: "manager", personId: "CEO" },
      learnerE1: { role: "learner", personId: "E1" },
    };
    for (const [key, user] of Object.entries(users)) {
      const created = await userWithToken(use(), {
        ...user,
        email: `${key.toLowerCase()}@example.com`,
        name: key,
      });
      tokens[key] = created.token;
    }
    server = await startCascade(use());
  });
  afterAll(async () => {
    await server.stop();
  });

  function get<T>(as: string, path: string) {
    const token = tokens[as];
    if (!token) throw new Error(`no user ${as}`);
    return request<T>(server.baseUrl, path, { as: { token } });
  }
  async function ids(as: string, query = ""): Promise<{ ids: string[]; total: number }> {
    const res = await get<PeoplePage>(as, `/api/v1/people${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { ids: res.body.items.map((p) => p.id), total: res.body.total };
  }

  it("each role lists exactly the active people it may see, with a matching total", async () => {
    const expected: Record<string, string[]> = {
      admin: everyoneByName,
      owner: everyoneByName,
      auditor: everyoneByName,
      managerCeo: everyoneByName,
      apacLead: ["M2", "E3", "E4", "E5"],
      riskLead: ["E2", "E1", "M1", "E5"],
      managerM1: ["E2", "E1", "M1"],
      learnerE1: ["E1"],
    };
    for (const [role, people] of Object.entries(expected)) {
      expect({ role, ...(await ids(role)) }).toEqual({ role, ids: people, total: people.length });
    }
    // Paging does not leak: the total counts only what the role may see.
    expect(await ids("apacLead", "?pageSize=1&status=all")).toEqual({ ids: ["M2"], total: 4 });
    expect(await ids("managerM1", "?status=all")).toEqual({
      ids: ["E2", "E1", "L1", "M1"],
      total: 4,
    });
  });

  it("a person outside the caller's scope is 404, exactly like one who does not exist", async () => {
    const outOfScope: [string, string][] = [
      ["learnerE1", "E2"],
      ["learnerE1", "M1"],
      ["managerM1", "CEO"],
      ["managerM1", "M2"],
      ["apacLead", "M1"],
      ["apacLead", "E6"],
      ["riskLead", "E3"],
    ];
    for (const [role, id] of outOfScope) {
      const res = await get<ErrorBody>(role, `/api/v1/people/${id}`);
      expect({ role, id, status: res.status }).toEqual({ role, id, status: 404 });
      expect(res.body.error).toEqual({
        code: "not_found",
        message: `No person with external id "${id}" that you may see.`,
      });
      expect((await get(role, `/api/v1/people/${id}/history`)).status).toBe(404);
    }
    const inScope: [string, string][] = [
      ["learnerE1", "E1"],
      ["managerM1", "L1"],
      ["apacLead", "E5"],
      ["riskLead", "E5"],
      ["managerCeo", "E4"],
    ];
    for (const [role, id] of inScope) {
      const res = await get<{ person: { id: string } }>(role, `/api/v1/people/${id}`);
      expect({ role, id, status: res.status }).toEqual({ role, id, status: 200 });
      expect(res.body.person.id).toBe(id);
    }
  });

  it("facets and the directory summary count only the people in scope", async () => {
    const apac = await get<Facets>("apacLead", "/api/v1/people/facets");
    expect(apac.status).toBe(200);
    expect(apac.body.region).toEqual([{ value: "APAC", count: 4 }]);
    expect(apac.body.division).toEqual([
      { value: "Technology", count: 3 },
      { value: "Risk", count: 1 },
    ]);
    expect(sortFacet(apac.body.country)).toEqual([
      { value: "JP", count: 2 },
      { value: "SG", count: 2 },
    ]);
    expect(apac.body.tag).toEqual([{ value: "regulated", count: 4 }]);

    const all = await get<Facets>("admin", "/api/v1/people/facets");
    expect(sortFacet(all.body.region)).toEqual([
      { value: "APAC", count: 4 },
      { value: "EMEA", count: 5 },
    ]);
    expect(sortFacet(all.body.tag)).toEqual([
      { value: "contractor", count: 1 },
      { value: "frontline", count: 1 },
      { value: "regulated", count: 8 },
    ]);

    const summary = await get<{
      active: number;
      leavers: number;
      divisions: number;
      regions: number;
      countries: number;
      lastImport: { status: string; summary: { joiners: number } } | null;
      byRegion: { value: string; count: number }[];
    }>("managerM1", "/api/v1/directory/summary");
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      active: 3,
      leavers: 1,
      divisions: 1,
      regions: 1,
      countries: 2,
      byRegion: [{ value: "EMEA", count: 3 }],
    });
    expect(summary.body.lastImport).toMatchObject({ status: "applied" });

    const learner = await get<{ active: number; leavers: number; countries: number }>(
      "learnerE1",
      "/api/v1/directory/summary",
    );
    expect(learner.body).toMatchObject({ active: 1, leavers: 0, countries: 1 });
    const admin = await get<{ active: number; leavers: number; countries: number }>(
      "admin",
      "/api/v1/directory/summary",
    );
    expect(admin.body).toMatchObject({ active: 9, leavers: 1, countries: 5 });
  });

  it("only admins may import people or read imports", async () => {
    for (const role of ["owner", "auditor", "apacLead", "managerCeo", "learnerE1"]) {
      const form = new FormData();
      form.append("mode", "full");
      form.append("mode", "full");
      form.append("dryRun", "true");
      form.append("file", new Blob([toCsv(org())], { type: "text/csv" }), "people.csv");
      const upload = await request<ErrorBody>(server.baseUrl, "/api/v1/imports/people", {
        as: { token: tokens[role] ?? "" },
        form,
      });
      expect({ role, status: upload.status, code: upload.body.error.code }).toEqual({
        role,
        status: 403,
        code: "forbidden",
      });
      expect(upload.body.error.message).toContain("people.import");
      expect((await get(role, "/api/v1/imports")).status).toBe(403);
    }
    const form = new FormData();
    form.append("mode", "full");
    form.append("dryRun", "true");
    form.append("file", new Blob([toCsv(org())], { type: "text/csv" }), "people.csv");
    const byAdmin = await request<{ status: string; summary: { unchanged: number } }>(
      server.baseUrl,
      "/api/v1/imports/people",
      { as: { token: tokens.admin ?? "" }, form },
    );
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ status: "previewed", summary: { unchanged: 10 } });
    const list = await get<{ items: { status: string }[]; total: number }>(
      "admin",
      "/api/v1/imports",
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.status).sort()).toEqual(["applied", "previewed"]);
  });

  it("filters by division, region, country, tag and manager, within the caller's scope", async () => {
    expect((await ids("admin", "?division=Technology")).ids).toEqual(["M2", "E3", "E4", "E6"]);
    expect((await ids("admin", "?region=APAC")).ids).toEqual(["M2", "E3", "E4", "E5"]);
    expect((await ids("admin", "?country=JP")).ids).toEqual(["M2", "E3"]);
    expect((await ids("admin", "?tag=frontline")).ids).toEqual(["E2"]);
    expect((await ids("admin", "?tag=FrontLine")).ids).toEqual(["E2"]);
    expect((await ids("admin", "?tag=regul")).ids).toEqual([]);
    expect((await ids("admin", "?managerId=M1")).ids).toEqual(["E2", "E1"]);
    expect((await ids("admin", "?managerId=M1&status=all")).ids).toEqual(["E2", "E1", "L1"]);
    expect((await ids("admin", "?region=EMEA&division=Technology")).ids).toEqual(["E6"]);
    // Filters narrow the scope; they never widen it.
    expect((await ids("apacLead", "?division=Risk")).ids).toEqual(["E5"]);
    expect((await ids("apacLead", "?region=EMEA")).ids).toEqual([]);
    expect(await ids("managerM1", "?managerId=M2")).toEqual({ ids: [], total: 0 });
  });

  it("status=leaver lists leavers and status=all everyone", async () => {
    expect(await ids("admin", "?status=leaver")).toEqual({ ids: ["L1"], total: 1 });
    expect(await ids("admin", "?status=all")).toEqual({
      ids: ["M2", "CEO", "E3", "E2", "E4", "E1", "L1", "M1", "E6", "E5"],
      total: 10,
    });
    expect(await ids("apacLead", "?status=leaver")).toEqual({ ids: [], total: 0 });
  });

  it("q matches the start of the given name, the family name or the e-mail, or an exact id", async () => {
    const search = async (q: string) => (await ids("admin", `?q=${encodeURIComponent(q)}`)).ids;
    expect(await search("Eva")).toEqual(["E1"]);
    expect(await search("er")).toEqual(["E2"]);
    expect(await search("müll")).toEqual(["M1"]);
    expect(await search("MULLER")).toEqual(["M1"]);
    expect(await search("sat")).toEqual(["E3"]);
    expect(await search("wei.zh")).toEqual(["E5"]);
    expect(await search("E5")).toEqual(["E5"]);
    expect(await search("e")).toEqual(["E3", "E2", "E4", "E1", "E6"]);
    // Only the start of a word: not the middle of a name.
    expect(await search("chmidt")).toEqual([]);
    expect(await search("zzz")).toEqual([]);
    // Search stays inside the scope.
    expect((await ids("apacLead", "?q=eva")).ids).toEqual([]);
  });

  it("sorts by name, hire date and region, and pages with a stable total", async () => {
    expect((await ids("admin", "?sort=-name")).ids).toEqual([...everyoneByName].reverse());
    const byHireDate = ["CEO", "M1", "M2", "E5", "E3", "E1", "E2", "E4", "E6"];
    expect((await ids("admin", "?sort=hireDate")).ids).toEqual(byHireDate);
    expect((await ids("admin", "?sort=-hireDate")).ids).toEqual([...byHireDate].reverse());
    expect((await ids("admin", "?sort=region")).ids).toEqual([
      "M2",
      "E3",
      "E4",
      "E5",
      "CEO",
      "E2",
      "E1",
      "M1",
      "E6",
    ]);

    const pages: string[][] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await get<PeoplePage>("admin", `/api/v1/people?pageSize=4&page=${page}`);
      expect(res.body).toMatchObject({ page, pageSize: 4, total: 9 });
      pages.push(res.body.items.map((p) => p.id));
    }
    expect(pages).toEqual([
      everyoneByName.slice(0, 4),
      everyoneByName.slice(4, 8),
      everyoneByName.slice(8),
      [],
    ]);
    const defaults = await get<PeoplePage>("admin", "/api/v1/people");
    expect(defaults.body).toMatchObject({ page: 1, pageSize: 50 });
  });

  it("rejects bad query values with 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["pageSize=0", "pageSize"],
      ["pageSize=501", "pageSize"],
      ["page=0", "page"],
      ["page=two", "page"],
      ["status=bogus", "status"],
      ["sort=salary", "sort"],
    ];
    for (const [query, parameter] of cases) {
      const res = await get<ErrorBody>("admin", `/api/v1/people?${query}`);
      expect({ query, status: res.status, code: res.body.error.code }).toEqual({
        query,
        status: 400,
        code: "bad_request",
      });
      expect(res.body.error.message).toContain(`querystring.${parameter}`);
    }
  });

  it("a person's page shows the manager chain up to the CEO and their direct reports", async () => {
    const e4 = await get<{
      person: { id: string; jobFamily: string | null; attributes: Record<string, string> };
      managerChain: PersonSummary[];
      directReports: PersonSummary[];
      directReportCount: number;
    }>("admin", "/api/v1/people/E4");
    expect(e4.status).toBe(200);
    expect(e4.body.person).toMatchObject({ id: "E4", jobFamily: "Risk & Compliance" });
    expect(e4.body.managerChain.map((p) => p.id)).toEqual(["E3", "M2", "CEO"]);
    expect(e4.body.directReports).toEqual([]);

    const m2 = await get<{ directReports: PersonSummary[]; directReportCount: number }>(
      "admin",
      "/api/v1/people/M2",
    );
    expect(m2.body.directReports.map((p) => p.id)).toEqual(["E3", "E6", "E5"]);
    expect(m2.body.directReportCount).toBe(3);
    // Leavers are not direct reports.
    const m1 = await get<{ directReports: PersonSummary[] }>("admin", "/api/v1/people/M1");
    expect(m1.body.directReports.map((p) => p.id)).toEqual(["E2", "E1"]);
    // A regional lead sees only the reports inside their region.
    const m2ByLead = await get<{ directReports: PersonSummary[]; directReportCount: number }>(
      "apacLead",
      "/api/v1/people/M2",
    );
    expect(m2ByLead.body.directReports.map((p) => p.id)).toEqual(["E3", "E5"]);
    expect(m2ByLead.body.directReportCount).toBe(2);
    const ceo = await get<{ managerChain: PersonSummary[]; directReports: PersonSummary[] }>(
      "admin",
      "/api/v1/people/CEO",
    );
    expect(ceo.body.managerChain).toEqual([]);
    expect(ceo.body.directReports.map((p) => p.id)).toEqual(["M2", "M1"]);
  });

  it("managers above someone outside the caller's scope show only their reporting line", async () => {
    type Chain = {
      managerChain: { id: string; name: string; email: string | null; tags: string[] }[];
    };
    const e1 = await get<Chain>("learnerE1", "/api/v1/people/E1");
    expect(e1.body.managerChain.map((p) => [p.id, p.email, p.tags])).toEqual([
      ["M1", null, []],
      ["CEO", null, []],
    ]);
    expect(e1.body.managerChain[0]?.name).toBeTruthy();
    const byAdmin = await get<Chain>("admin", "/api/v1/people/E1");
    expect(byAdmin.body.managerChain[0]?.email).not.toBeNull();
  });

  it("the history shows a move from a later import with the old and new values", async () => {
    const rows = org().map((row) =>
      row.external_id === "E1" ? { ...row, department: "Market Risk", manager_id: "M2" } : row,
    );
    const report = await importCsv(use(), toCsv(rows));
    expect(report.summary.movers).toBe(1);

    const history = await get<{
      items: { change: string; changes: Record<string, unknown>; importId: string | null }[];
    }>("admin", "/api/v1/people/E1/history");
    expect(history.status).toBe(200);
    expect(history.body.items.map((h) => h.change)).toEqual(["moved", "joined"]);
    expect(history.body.items[0]).toMatchObject({
      importId: report.id,
      changes: {
        department: { from: "Credit Risk", to: "Market Risk" },
        managerId: { from: "M1", to: "M2" },
      },
    });
    // The learner sees their own history; their former manager no longer sees them.
    expect((await get("learnerE1", "/api/v1/people/E1/history")).status).toBe(200);
    expect((await get("managerM1", "/api/v1/people/E1/history")).status).toBe(404);
  });
});

function sortFacet(facet: { value: string; count: number }[] | undefined) {
  return [...(facet ?? [])].sort((a, b) => a.value.localeCompare(b.value));
}
