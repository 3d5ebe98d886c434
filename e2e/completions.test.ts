import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { toCsv } from "../src/test/factories.js";
import { request } from "../src/test/http.js";
import { describeInBrowser, eventually, phone } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser, type E2eServer, type PeoplePage } from "./server.js";

interface AssignmentsPage {
  items: { programVersionId: string; status: string; score: number | null }[];
}

/** Sends a changing JSON request as the admin, with the session's CSRF token; fails unless 2xx. */
async function sendOk<T>(server: E2eServer, path: string, json: unknown): Promise<T> {
  const { name, value } = await server.sessionCookie(adminEmail);
  const cookie = `${name}=${value}`;
  const me = await request<{ csrfToken: string }>(server.baseUrl, "/api/v1/auth/me", {
    as: { cookie },
  });
  const response = await request<T>(server.baseUrl, path, {
    method: "POST",
    json,
    as: { cookie, csrfToken: me.body.csrfToken },
  });
  if (response.status >= 300)
    throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describeInBrowser("importing completions from another LMS", () => {
  const suite = useCascadeInBrowser();
  let folder = "";
  let programName = "";
  let versionId = "";
  let learnerId = "";
  let colleagueId = "";

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "cascade-e2e-"));
    const { server } = suite();
    // Two people are assigned a program through a launched wave: the demo learner and a colleague.
    const learnerEmail = demoUser(server, "learner").email;
    const learner = (
      await server.api<PeoplePage>(`/api/v1/people?q=${encodeURIComponent(learnerEmail)}`)
    ).items[0];
    const colleague = (await server.api<PeoplePage>("/api/v1/people?pageSize=5")).items.find(
      (p) => p.id !== learner?.id,
    );
    if (!learner || !colleague) throw new Error("The demo organisation lacks people");
    learnerId = learner.id;
    colleagueId = colleague.id;

    programName = "E2E Anti-Bribery Essentials";
    const program = await sendOk<{ versions: { id: string }[] }>(server, "/api/v1/programs", {
      name: programName,
      description: "Completed elsewhere, imported here",
      modules: [
        {
          kind: "elearning",
          title: "Gifts and hospitality",
          activityIri: "https://lms.example/anti-bribery",
          expectedMinutes: 45,
          required: true,
        },
      ],
    });
    versionId = program.versions[0]?.id ?? "";
    await sendOk(server, `/api/v1/program-versions/${versionId}/publish`, {});
    const audience = await sendOk<{ id: string }>(server, "/api/v1/audiences", {
      name: "E2E completion importers",
      rule: `id in ("${learnerId}", "${colleagueId}")`,
    });
    const rollout = await sendOk<{ id: string; phases: { id: string }[] }>(
      server,
      "/api/v1/rollouts",
      {
        name: "E2E anti-bribery rollout",
        description: "",
        programVersionId: versionId,
        audienceId: audience.id,
        dailyLearningMinutes: 30,
        phases: [{ kind: "pilot", gateCriteria: [] }],
      },
    );
    const planned = await sendOk<{ phases: { waves: { id: string }[] }[] }>(
      server,
      `/api/v1/rollouts/${rollout.id}/waves`,
      {
        phaseId: rollout.phases[0]?.id,
        name: "Everyone",
        slice: { regions: [], divisions: [], percent: null },
        launchDate: today(),
        enrollmentMode: "mandatory",
        deadline: { kind: "relative", days: 30, time: "23:59" },
        regionDeadlines: {},
        joinerGraceDays: 14,
      },
    );
    const waveId = planned.phases[0]?.waves[0]?.id ?? "";
    await sendOk(server, `/api/v1/waves/${waveId}/launch`, {});
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function assignmentOf(server: E2eServer, personId: string) {
    const page = await server.api<AssignmentsPage>(
      `/api/v1/assignments?personId=${encodeURIComponent(personId)}&pageSize=500`,
    );
    return page.items.find((a) => a.programVersionId === versionId);
  }

  it("previews a file with an error at its line, applies the valid rows, and completes assignments", async () => {
    const { server, openAs } = suite();
    const learnerEmail = demoUser(server, "learner").email;
    expect((await assignmentOf(server, learnerId))?.status).not.toBe("completed");

    // Lines: 1 header, 2 the learner by e-mail, 3 someone unknown, 4 the colleague by id.
    const file = join(folder, "cornerstone-completions.csv");
    writeFileSync(
      file,
      toCsv([
        {
          "Employee ID": "",
          Email: learnerEmail,
          Course: programName,
          "Completion Date": daysAgo(2),
          Score: "92",
        },
        {
          "Employee ID": "",
          Email: "nobody.at.all@meridianbank.example",
          Course: programName,
          "Completion Date": daysAgo(2),
          Score: "",
        },
        {
          "Employee ID": colleagueId,
          Email: "",
          Course: programName,
          "Completion Date": daysAgo(1),
          Score: "",
        },
      ]),
    );

    const page = await openAs(adminEmail, "/");
    await page.getByRole("link", { name: "Completion imports" }).click();
    await page.getByRole("heading", { name: "Completion imports", level: 1 }).waitFor();
    await page.getByTestId("completion-file-input").setInputFiles(file);
    await page.getByLabel("Source system").fill("Cornerstone");
    await page.getByTestId("preview-completions").click();

    await page.getByRole("heading", { name: "Preview" }).waitFor();
    expect(await page.getByTestId("count-recorded").textContent()).toBe("2");
    expect(await page.getByTestId("count-completed").textContent()).toBe("2");
    expect(await page.getByTestId("count-errors").textContent()).toBe("1");
    const errorRows = page.getByTestId("import-error-row");
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.getByRole("cell").allTextContents();
    expect(cells[0]).toBe("3");
    expect(cells[1]).toBe("Email");
    expect(cells[2]).toBe('No person has the e-mail "nobody.at.all@meridianbank.example".');
    expect(cells[3]).toBe("nobody.at.all@meridianbank.example");
    // The preview changed nothing.
    expect((await assignmentOf(server, learnerId))?.status).not.toBe("completed");

    const apply = page.getByTestId("apply-completions");
    expect(await apply.isDisabled()).toBe(true);
    await page.getByTestId("skip-errors").check();
    expect(await apply.isEnabled()).toBe(true);
    await apply.click();

    await page.getByTestId("completions-applied").waitFor();
    await page.getByRole("heading", { name: "Import result" }).waitFor();
    expect(await page.getByTestId("count-recorded").textContent()).toBe("2");
    expect(await page.getByTestId("count-completed").textContent()).toBe("2");
    expect(await page.getByTestId("count-duplicates").textContent()).toBe("0");

    expect(await assignmentOf(server, learnerId)).toMatchObject({
      status: "completed",
      score: 92,
    });
    expect((await assignmentOf(server, colleagueId))?.status).toBe("completed");

    // The history lists the preview and the import; the import's report opens from it.
    await eventually(() => page.getByTestId("completion-import-row").count()).toBe(2);
    await page.getByTestId("completion-import-link").first().click();
    await page.getByRole("heading", { name: "cornerstone-completions.csv" }).waitFor();
    expect(await page.getByTestId("count-completed").textContent()).toBe("2");
  });

  it("fits a phone screen, the history as cards", async () => {
    const { openAs } = suite();
    const page = await openAs(adminEmail, "/completion-imports", phone);
    await page.getByTestId("completion-file-input").waitFor({ state: "attached" });
    await eventually(() => page.getByTestId("completion-import-row").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("completion-import-history").count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phone.width);
  });
});
