import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { request } from "../src/test/http.js";
import { describeInBrowser, eventually, phone } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser, type E2eServer, type PeoplePage } from "./server.js";

/** The JSON shapes these tests read from the API. */
interface LrsClient {
  id: string;
  name: string;
  key: string;
  access: string;
  revokedAt: string | null;
}
interface NewLrsClient {
  client: LrsClient;
  secret: string;
  authorization: string;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

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

/** Credentials issued through the API, for tests that are not about issuing them. */
function newClient(server: E2eServer, name: string): Promise<NewLrsClient> {
  return sendOk<NewLrsClient>(server, "/api/v1/lrs/clients", { name, access: "read_write" });
}

/** A statement that `email` completed an activity (a fresh IRI unless given), scored 0.85. */
function completedStatement(email: string, activity = `https://lms.example/e2e/${randomUUID()}`) {
  return {
    actor: { objectType: "Agent", name: "Sent by the LMS", mbox: `mailto:${email}` },
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
    object: {
      objectType: "Activity",
      id: activity,
      definition: { name: { "en-US": "E2E fire safety" } },
    },
    result: { score: { scaled: 0.85 }, success: true, completion: true },
  };
}

/** Posts statements to the LRS as an LMS would: Basic credentials and the xAPI version header. */
async function postStatements(server: E2eServer, authorization: string, statements: unknown) {
  const response = await fetch(`${server.baseUrl}/xapi/statements`, {
    method: "POST",
    headers: {
      authorization,
      "x-experience-api-version": "1.0.3",
      "content-type": "application/json",
    },
    body: JSON.stringify(statements),
  });
  const body = (await response.json().catch(() => null)) as unknown;
  return { status: response.status, body };
}

describeInBrowser("the learning record store", () => {
  const suite = useCascadeInBrowser();
  let person: { id: string; name: string; email: string };

  beforeAll(async () => {
    const { server } = suite();
    const first = (await server.api<PeoplePage>("/api/v1/people?pageSize=1")).items[0];
    if (!first?.email) throw new Error("The demo organisation has no person with an e-mail");
    person = { id: first.id, name: first.name, email: first.email };
  });

  it("issues a client through the form, shows its secret once, and the credentials work", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/lrs?tab=clients");
    await page.getByTestId("new-client").click();
    await page.getByTestId("client-name").fill("E2E Moodle");
    await page.getByLabel("Read and write").check();
    await page.getByTestId("create-client").click();

    const credentials = page.getByTestId("client-credentials");
    await credentials.waitFor();
    expect(await credentials.getByTestId("secret-warning").textContent()).toContain(
      "shown only once",
    );
    const key = await page.getByTestId("credential-key").inputValue();
    const secret = await page.getByTestId("credential-secret").inputValue();
    const header = await page.getByTestId("credential-authorization").inputValue();
    expect(await page.getByTestId("credential-endpoint").inputValue()).toBe(
      `${server.baseUrl}/xapi/`,
    );
    expect(key).toMatch(/^cas_/);
    expect(secret.length).toBeGreaterThan(20);
    expect(header).toBe(
      `Authorization: Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
    );

    // The header shown works against the LRS, and the statement is matched to the person.
    const authorization = header.replace(/^Authorization: /, "");
    const activity = `https://lms.example/e2e/${randomUUID()}`;
    const sent = await postStatements(
      server,
      authorization,
      completedStatement(person.email, activity),
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toHaveLength(1);

    await page.getByTestId("close-credentials").click();
    await credentials.waitFor({ state: "detached" });
    const clients = await server.api<{ items: LrsClient[] }>("/api/v1/lrs/clients");
    const created = clients.items.find((client) => client.key === key);
    expect(created).toMatchObject({ name: "E2E Moodle", access: "read_write", revokedAt: null });
    const row = page.locator(`[data-testid="client-row"][data-client-id="${created?.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("client-key").textContent()).toBe(key);
    expect(await row.getByTestId("client-access").textContent()).toBe("Read and write");
    expect(await row.getByTestId("client-status").textContent()).toBe("Active");
    // The secret is gone for good: not on the page, not in the API, not after a reload.
    expect(await page.content()).not.toContain(secret);
    expect(JSON.stringify(clients)).not.toContain(secret);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);

    // Its name leads to the statements it sent.
    await row.getByTestId("client-link").click();
    await eventually(() => new URL(page.url()).searchParams.get("client")).toBe(created?.id);
    const statement = page.getByTestId("statement-row").first();
    await statement.waitFor();
    expect(await statement.getByTestId("statement-client").textContent()).toBe("E2E Moodle");
    expect(await statement.getByTestId("statement-person").textContent()).toContain(person.name);
  });

  it("lists a statement with the person's name, filters by actor through the URL, and shows its JSON", async () => {
    const { server, openAs } = suite();
    const lms = await newClient(server, "E2E SCORM player");
    const activity = `https://lms.example/e2e/${randomUUID()}`;
    const sent = await postStatements(
      server,
      lms.authorization,
      completedStatement(person.email, activity),
    );
    const [statementId] = sent.body as string[];

    const page = await openAs(adminEmail, "/lrs");
    const row = page.locator(`[data-testid="statement-row"][data-statement-id="${statementId}"]`);
    await row.waitFor();
    expect(await row.getByTestId("statement-person").textContent()).toContain(person.name);
    expect(await row.getByTestId("statement-verb").textContent()).toBe("completed");
    expect(await row.getByTestId("statement-result").textContent()).toContain("85%");
    expect(Number(await page.getByTestId("lrs-stat-received").textContent())).toBeGreaterThan(0);

    // The actor filter lives in the URL: a link to it shows only that person's statements.
    await page.goto(`/lrs?actor=${encodeURIComponent(person.email)}`);
    await row.waitFor();
    expect(await page.getByTestId("statement-filter-actor").inputValue()).toBe(person.email);
    const people = await page.getByTestId("statement-person").allTextContents();
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((text) => text.includes(person.name))).toBe(true);
    // Someone without statements: nothing, and a way back.
    await page.getByTestId("statement-filter-actor").fill("nobody@example.org");
    await page.getByTestId("statement-filter-actor").press("Enter");
    await eventually(() => new URL(page.url()).searchParams.get("actor")).toBe(
      "nobody@example.org",
    );
    await page.getByTestId("statements-empty").waitFor();
    await page.getByRole("button", { name: "Clear search" }).click();
    await row.waitFor();
    expect(new URL(page.url()).searchParams.get("actor")).toBeNull();

    // The drawer shows the statement as stored, and the link to it survives a reload.
    await row.click();
    const drawer = page.getByTestId("statement-details");
    await drawer.waitFor();
    await eventually(() => new URL(page.url()).searchParams.get("statement")).toBe(statementId);
    const json = await drawer.getByTestId("statement-json").textContent();
    const stored = JSON.parse(json ?? "{}") as { id: string; object: { id: string } };
    expect(stored.id).toBe(statementId);
    expect(stored.object.id).toBe(activity);
    expect(await drawer.getByTestId("statement-person-link").textContent()).toBe(person.name);
    await page.reload();
    await page.getByTestId("statement-json").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("statement-details").waitFor({ state: "detached" });
    expect(new URL(page.url()).searchParams.get("statement")).toBeNull();
  });

  it("shows the progress a statement recorded, leading to the assignment in its wave", async () => {
    const { server, openAs } = suite();
    // The person is assigned a program whose module is the activity the LMS reports on.
    const activity = `https://lms.example/e2e/${randomUUID()}`;
    const program = await sendOk<{ versions: { id: string }[] }>(server, "/api/v1/programs", {
      name: "E2E Fire safety",
      description: "Completed in the LMS, recorded through the LRS",
      modules: [
        {
          kind: "elearning",
          title: "Fire safety e-learning",
          activityIri: activity,
          expectedMinutes: 30,
          required: true,
        },
      ],
    });
    const versionId = program.versions[0]?.id ?? "";
    await sendOk(server, `/api/v1/program-versions/${versionId}/publish`, {});
    const audience = await sendOk<{ id: string }>(server, "/api/v1/audiences", {
      name: "E2E LRS learner",
      rule: `id in ("${person.id}")`,
    });
    const rollout = await sendOk<{ id: string; phases: { id: string }[] }>(
      server,
      "/api/v1/rollouts",
      {
        name: "E2E fire safety rollout",
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
        launchDate: new Date().toISOString().slice(0, 10),
        enrollmentMode: "mandatory",
        deadline: { kind: "relative", days: 30, time: "23:59" },
        regionDeadlines: {},
        joinerGraceDays: 14,
      },
    );
    const waveId = planned.phases[0]?.waves[0]?.id ?? "";
    await sendOk(server, `/api/v1/waves/${waveId}/launch`, {});

    const lms = await newClient(server, "E2E course player");
    const sent = await postStatements(
      server,
      lms.authorization,
      completedStatement(person.email, activity),
    );
    const [statementId] = sent.body as string[];

    const page = await openAs(adminEmail, `/lrs?statement=${statementId}`);
    const progress = page.getByTestId("statement-progress");
    await progress.waitFor();
    expect(await progress.textContent()).toContain("Fire safety e-learning");
    expect(await progress.getByTestId("statement-progress-outcome").textContent()).toBe(
      "Completed · 85%",
    );
    await progress.getByTestId("statement-assignment-link").click();
    await eventually(() => new URL(page.url()).pathname).toBe(
      `/rollouts/${rollout.id}/waves/${waveId}`,
    );
    const details = page.getByTestId("assignment-details");
    await details.waitFor();
    expect(await details.textContent()).toContain(person.name);
    expect(await details.getByTestId("assignment-status").textContent()).toBe("Completed");
  });

  it("keeps statements about people not in the directory under Unmatched actors", async () => {
    const { server, openAs } = suite();
    const lms = await newClient(server, "E2E external LMS");
    const stranger = `e2e-${randomUUID().slice(0, 8)}@contractors.example`;
    const sent = await postStatements(server, lms.authorization, [
      completedStatement(stranger),
      completedStatement(stranger),
    ]);
    expect(sent.status).toBe(200);

    const page = await openAs(adminEmail, "/lrs?tab=unmatched");
    expect(await page.getByTestId("unmatched-explanation").textContent()).toContain("kept");
    const row = page.getByTestId("unmatched-row").filter({ hasText: stranger });
    await row.waitFor();
    expect(await row.getByTestId("unmatched-statements").textContent()).toBe("2");
    expect(Number(await page.getByTestId("lrs-stat-unmatched").textContent())).toBeGreaterThan(0);

    // Matching again finds no one: the stranger is still not in the directory.
    await page.getByTestId("match-again").click();
    await page.getByText("No one new matched").waitFor();
    await row.waitFor();

    // The count leads to the stranger's statements, marked as not in the directory.
    await row.getByTestId("unmatched-statements").click();
    await eventually(() => new URL(page.url()).searchParams.get("tab")).toBe("statements");
    await eventually(() => page.getByTestId("statement-row").count()).toBe(2);
    expect(await page.getByTestId("statement-unmatched").count()).toBe(2);
  });

  it("revokes a client after asking, after which its credentials are refused", async () => {
    const { server, openAs } = suite();
    const lms = await newClient(server, "E2E retired LMS");
    expect(
      (await postStatements(server, lms.authorization, completedStatement(person.email))).status,
    ).toBe(200);

    const page = await openAs(adminEmail, "/lrs?tab=clients");
    const row = page.locator(`[data-testid="client-row"][data-client-id="${lms.client.id}"]`);
    await row.getByTestId("revoke-client").click();
    const dialog = page.getByTestId("revoke-client-dialog");
    await dialog.getByRole("button", { name: "Keep the client" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(
      (await postStatements(server, lms.authorization, completedStatement(person.email))).status,
    ).toBe(200);

    await row.getByTestId("revoke-client").click();
    await page.getByTestId("confirm-revoke-client").click();
    await eventually(() => row.getByTestId("client-status").textContent()).toBe("Revoked");
    expect(await row.getByTestId("revoke-client").count()).toBe(0);
    expect(
      (await postStatements(server, lms.authorization, completedStatement(person.email))).status,
    ).toBe(401);
  });

  it("lets an auditor read the records but not issue, revoke or match", async () => {
    const { server, openAs } = suite();
    await newClient(server, "E2E audited LMS");
    const auditor = demoUser(server, "auditor");
    const page = await openAs(auditor.email, "/lrs?tab=clients");
    await page.getByTestId("client-row").first().waitFor();
    expect(await page.getByTestId("new-client").count()).toBe(0);
    expect(await page.getByTestId("revoke-client").count()).toBe(0);
    await page.getByTestId("tab-unmatched").click();
    await page.getByTestId("unmatched-explanation").waitFor();
    expect(await page.getByTestId("match-again").count()).toBe(0);
    // The navigation leads here under Training.
    expect(
      await page.getByRole("link", { name: "Learning records" }).getAttribute("aria-current"),
    ).toBe("page");
  });

  it("fits a phone: every tab as cards, without sideways scrolling", async () => {
    const { server, openAs } = suite();
    const lms = await newClient(server, "E2E phone LMS with a rather long name for a small screen");
    await postStatements(server, lms.authorization, [
      completedStatement(person.email),
      completedStatement(`e2e-phone-${randomUUID().slice(0, 8)}@contractors.example`),
    ]);
    const page = await openAs(adminEmail, "/lrs", phone);
    await page.getByTestId("statement-row").first().waitFor();
    expect(await page.getByTestId("statements-table").count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

    await page.getByTestId("statement-row").first().click();
    await page.getByTestId("statement-json").waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await page.keyboard.press("Escape");
    await page.getByTestId("statement-details").waitFor({ state: "detached" });

    for (const tab of ["clients", "unmatched"]) {
      await page.getByTestId(`tab-${tab}`).click();
      await page
        .getByTestId(tab === "clients" ? "client-row" : "unmatched-row")
        .first()
        .waitFor();
      expect(await page.getByTestId(`${tab}-table`).count()).toBe(0);
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    }
  });

  it("creates a client with the keyboard alone, and gives focus back when done", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/lrs?tab=clients");
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        if (element instanceof HTMLInputElement && element.type === "radio") return element.value;
        return element?.getAttribute("data-testid") ?? "";
      });
    const inDialog = () =>
      page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);

    await page.getByTestId("new-client").focus();
    await page.keyboard.press("Enter");
    await eventually(() => focused()).toBe("client-name");
    await page.keyboard.type("E2E keyboard LMS");
    // The access choice is one Tab stop; the arrow keys move within it.
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("read_write");
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("write");
    for (let i = 0; i < 10 && (await focused()) !== "create-client"; i++) {
      await page.keyboard.press("Tab");
      expect(await inDialog()).toBe(true);
    }
    expect(await focused()).toBe("create-client");
    await page.keyboard.press("Enter");

    // The secret takes the focus, ready to copy; Escape closes and returns to "New client".
    await eventually(() => focused()).toBe("credential-secret");
    await page.keyboard.press("Escape");
    await page.getByTestId("client-credentials").waitFor({ state: "detached" });
    await eventually(() => focused()).toBe("new-client");
    const clients = await server.api<{ items: LrsClient[] }>("/api/v1/lrs/clients");
    expect(clients.items.find((client) => client.name === "E2E keyboard LMS")?.access).toBe(
      "write",
    );
  });
});
