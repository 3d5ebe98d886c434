import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { request } from "../src/test/http.js";
import { describeInBrowser, eventually, phone } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser, type E2eServer } from "./server.js";

/** The JSON shapes these tests read from and send to the API. */
interface Wave {
  id: string;
  name: string;
  status: string;
  launchDate: string;
  deadline: { kind: string; days?: number; date?: string; time: string };
  slice: { regions: string[]; divisions: string[]; percent: number | null };
}
interface Rollout {
  id: string;
  name: string;
  description: string;
  audienceId: string | null;
  audienceName: string | null;
  dailyLearningMinutes: number;
  phases: {
    id: string;
    kind: string;
    name: string;
    position: number;
    gateCriteria: { metric: string; operator: string; threshold: number }[];
    waves: Wave[];
  }[];
}
interface Assignment {
  id: number;
  status: string;
  dueAt: string | null;
  feasibility: string;
  person: { id: string; name: string; region: string | null; division: string | null };
}
interface AssignmentsPage {
  items: Assignment[];
  total: number;
}
interface GateDecisionRecord {
  decision: string;
  approvers: string[];
  decidedBy: string | null;
}
interface LaunchPreview {
  totals: { members: number; toAssign: number; flagged: number; deferred: number };
  gate: { required: boolean; open: boolean; latestDecision: string | null };
}

/** A calendar date `days` from today, as YYYY-MM-DD. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Sends a changing request to the API as `email`, with the session's CSRF token. */
async function send<T>(
  server: E2eServer,
  method: string,
  path: string,
  json: unknown,
  email = adminEmail,
): Promise<{ status: number; body: T }> {
  const { name, value } = await server.sessionCookie(email);
  const cookie = `${name}=${value}`;
  const me = await request<{ csrfToken: string }>(server.baseUrl, "/api/v1/auth/me", {
    as: { cookie },
  });
  return request<T>(server.baseUrl, path, {
    method,
    json,
    as: { cookie, csrfToken: me.body.csrfToken },
  });
}

async function sendOk<T>(
  server: E2eServer,
  method: string,
  path: string,
  json: unknown,
  email = adminEmail,
): Promise<T> {
  const response = await send<T>(server, method, path, json, email);
  if (response.status >= 300)
    throw new Error(
      `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}

/** The display name of the user signed in as `email`, as the server records it. */
async function userName(server: E2eServer, email: string): Promise<string> {
  const me = await server.api<{ user: { name: string } }>("/api/v1/auth/me", email);
  return me.user.name;
}

/** What the tests build on: two published program versions and an audience. */
interface Fixtures {
  /** 60 minutes of training: any sensible deadline leaves enough time. */
  shortVersionId: string;
  /** 600 minutes: 20 working days at 30 minutes a day. */
  longVersionId: string;
  programName: string;
  audienceId: string;
  audienceName: string;
}

async function publishedVersion(server: E2eServer, name: string, minutes: number) {
  const program = await sendOk<{ versions: { id: string }[] }>(server, "POST", "/api/v1/programs", {
    name,
    description: "Browser test program",
    modules: [
      {
        kind: "elearning",
        title: `${name}: the course`,
        activityIri: "https://example.com/activities/e2e",
        expectedMinutes: minutes,
        required: true,
      },
    ],
  });
  const versionId = program.versions[0]?.id ?? "";
  await sendOk(server, "POST", `/api/v1/program-versions/${versionId}/publish`, {});
  return versionId;
}

let rolloutCounter = 0;

/** A rollout (pilot, then scale behind a gate) with planned waves, made through the API. */
async function rolloutWithWaves(
  server: E2eServer,
  fixtures: Fixtures,
  options: {
    versionId?: string;
    waves: { phase?: 1 | 2; name?: string; days?: number; regions?: string[] }[];
  },
): Promise<{ rollout: Rollout; waves: Wave[] }> {
  let rollout = await sendOk<Rollout>(server, "POST", "/api/v1/rollouts", {
    name: `E2E rollout ${++rolloutCounter}`,
    description: "",
    programVersionId: options.versionId ?? fixtures.shortVersionId,
    audienceId: fixtures.audienceId,
    dailyLearningMinutes: 30,
    phases: [
      { kind: "pilot", gateCriteria: [] },
      {
        kind: "scale",
        gateCriteria: [{ metric: "completion_rate", operator: ">=", threshold: 80 }],
      },
    ],
  });
  for (const [index, wave] of options.waves.entries()) {
    rollout = await sendOk<Rollout>(server, "POST", `/api/v1/rollouts/${rollout.id}/waves`, {
      phaseId: rollout.phases[(wave.phase ?? 1) - 1]?.id,
      name: wave.name ?? `Wave ${index + 1}`,
      slice: { regions: wave.regions ?? [], divisions: [], percent: null },
      launchDate: inDays(3),
      enrollmentMode: "mandatory",
      deadline: { kind: "relative", days: wave.days ?? 30, time: "23:59" },
      regionDeadlines: {},
      joinerGraceDays: 14,
    });
  }
  return { rollout, waves: rollout.phases.flatMap((phase) => phase.waves) };
}

function wavePath(rollout: Rollout, wave: Wave): string {
  return `/rollouts/${rollout.id}/waves/${wave.id}`;
}

describeInBrowser("rolling out a program", () => {
  const suite = useCascadeInBrowser();
  let fixtures: Fixtures;

  beforeAll(async () => {
    const { server } = suite();
    const programName = "E2E Data Protection";
    const shortVersionId = await publishedVersion(server, programName, 60);
    const longVersionId = await publishedVersion(server, "E2E Leadership Foundations", 600);
    const audienceName = "E2E Europe and Asia Pacific";
    const audience = await sendOk<{ id: string; memberCount: number }>(
      server,
      "POST",
      "/api/v1/audiences",
      { name: audienceName, rule: 'region in ("Europe", "Asia Pacific")' },
    );
    expect(audience.memberCount).toBeGreaterThan(50);
    fixtures = {
      shortVersionId,
      longVersionId,
      programName,
      audienceId: audience.id,
      audienceName,
    };
  });

  async function launched(options: { waves?: number } = {}) {
    const { server } = suite();
    const made = await rolloutWithWaves(server, fixtures, {
      waves: Array.from({ length: options.waves ?? 1 }, () => ({})),
    });
    const wave = made.waves[0]!;
    await sendOk(server, "POST", `/api/v1/waves/${wave.id}/launch`, {});
    return { ...made, wave };
  }

  describe("the rollouts list and planner", () => {
    it("creates a rollout through the form, then lists it", async () => {
      const { server, openAs } = suite();
      const page = await openAs(adminEmail, "/rollouts");
      await page.getByTestId("new-rollout").click();
      const form = page.getByTestId("rollout-form");
      await form.waitFor();

      await page.getByTestId("rollout-name").fill("Data protection for everyone");
      await page.getByTestId("rollout-version").click();
      await page.getByRole("option", { name: `${fixtures.programName} · v1 (60 min)` }).click();
      await page.getByTestId("rollout-audience").click();
      await page.getByRole("option", { name: new RegExp(`^${fixtures.audienceName} \\(`) }).click();
      await page.getByTestId("rollout-minutes").fill("45");
      // The default phases are a pilot and a scale-up behind a completion gate; rename the pilot.
      await page.getByLabel("Phase 1: name").fill("Pilot in two regions");
      expect(await form.getByTestId("criterion-row").count()).toBe(1);
      await page.getByTestId("create-rollout").click();

      await eventually(() => new URL(page.url()).pathname).toMatch(/^\/rollouts\/[^/]+$/);
      await eventually(() => page.getByTestId("rollout-name").textContent()).toBe(
        "Data protection for everyone",
      );
      const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      const rollout = await server.api<Rollout>(`/api/v1/rollouts/${id}`);
      expect(rollout.dailyLearningMinutes).toBe(45);
      expect(rollout.phases.map((phase) => [phase.kind, phase.name])).toEqual([
        ["pilot", "Pilot in two regions"],
        ["scale", "Scale"],
      ]);
      expect(rollout.phases[1]?.gateCriteria).toEqual([
        { metric: "completion_rate", operator: ">=", threshold: 80 },
      ]);

      await page.getByRole("link", { name: "Rollouts", exact: true }).first().click();
      const row = page.locator(`[data-testid="rollout-row"][data-rollout-id="${id}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(`${fixtures.programName} · v1`);
      expect(await row.getByTestId("rollout-waves").textContent()).toBe("0 waves");
    });

    it("adds a wave through the form and shows it on the planner's timeline", async () => {
      const { server, openAs } = suite();
      const { rollout } = await rolloutWithWaves(server, fixtures, { waves: [] });
      const page = await openAs(adminEmail, `/rollouts/${rollout.id}`);
      await page.getByTestId("rollout-timeline").waitFor();
      expect(await page.getByTestId("rollout-timeline").getAttribute("data-layout")).toBe("grid");

      await page.getByTestId("add-wave").click();
      await page.getByTestId("wave-form").waitFor();
      await page.getByTestId("wave-name").fill("Pilot: Europe");
      await page.getByTestId("wave-regions").click();
      await page.getByRole("option", { name: "Europe", exact: true }).click();
      await page.keyboard.press("Escape");
      const launchDate = inDays(7);
      await page.getByTestId("wave-launch-date").fill(launchDate);
      await page.getByLabel("Deadline: days after launch").fill("21");
      await eventually(() => page.getByTestId("wave-due-hint").textContent()).toContain("23:59");
      await page.getByTestId("save-wave").click();
      await page.getByTestId("wave-form").waitFor({ state: "detached" });

      const saved = await server.api<Rollout>(`/api/v1/rollouts/${rollout.id}`);
      const wave = saved.phases[0]?.waves[0];
      expect(wave).toMatchObject({
        name: "Pilot: Europe",
        launchDate,
        status: "planned",
        deadline: { kind: "relative", days: 21, time: "23:59" },
        slice: { regions: ["Europe"], divisions: [], percent: null },
      });

      const row = page.locator(`[data-testid="timeline-wave"][data-wave-id="${wave?.id}"]`);
      await row.waitFor();
      expect(await row.getByRole("link").textContent()).toBe("Pilot: Europe");
      expect(await row.getByTestId("wave-status").textContent()).toBe("Planned");
      expect(await row.textContent()).toContain("Europe");
      // The bar runs from the launch date to the due date: three weeks wide, left of the end.
      const bar = page.locator(`[data-testid="timeline-bar"][data-wave-id="${wave?.id}"]`);
      const track = await bar.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const parent = element.parentElement!.getBoundingClientRect();
        return { left: box.left - parent.left, width: box.width, trackWidth: parent.width };
      });
      expect(track.width).toBeGreaterThan(track.trackWidth / 4);
      expect(track.left + track.width).toBeLessThanOrEqual(track.trackWidth + 1);
      // The gate into the scale phase waits for a decision.
      const gate = page.locator(
        `[data-testid="timeline-gate"][data-phase-id="${saved.phases[1]?.id}"]`,
      );
      expect(await gate.getByTestId("gate-decision").textContent()).toBe("Awaiting decision");
      expect(await page.getByTestId("stat-waves").textContent()).toBe("1");
    });

    it("renames a rollout and changes its audience and pace through the edit form", async () => {
      const { server, openAs } = suite();
      const { rollout } = await rolloutWithWaves(server, fixtures, { waves: [{}] });
      const europe = await sendOk<{ id: string; name: string }>(
        server,
        "POST",
        "/api/v1/audiences",
        { name: `E2E Europe for ${rollout.name}`, rule: 'region = "Europe"' },
      );
      const page = await openAs(adminEmail, `/rollouts/${rollout.id}`);
      // The audience's name comes with the rollout.
      await eventually(() => page.getByTestId("rollout-facts").textContent()).toContain(
        `for ${fixtures.audienceName}`,
      );

      await page.getByTestId("edit-rollout").click();
      const form = page.getByTestId("rollout-edit-form");
      await form.waitFor();
      expect(await page.getByTestId("rollout-edit-name").inputValue()).toBe(rollout.name);
      await page.getByTestId("rollout-edit-name").fill(`${rollout.name} (renamed)`);
      await page.getByTestId("rollout-edit-description").fill("Now for Europe only.");
      await page.getByTestId("rollout-edit-audience").click();
      await page.getByRole("option", { name: new RegExp(`^${europe.name} \\(`) }).click();
      await page.getByTestId("rollout-edit-minutes").fill("20");
      await page.getByTestId("save-rollout").click();
      await form.waitFor({ state: "detached" });

      await eventually(() => page.getByTestId("rollout-name").textContent()).toBe(
        `${rollout.name} (renamed)`,
      );
      await eventually(() => page.getByTestId("rollout-facts").textContent()).toContain(
        `for ${europe.name} · 20 min a working day`,
      );
      const saved = await server.api<Rollout>(`/api/v1/rollouts/${rollout.id}`);
      expect(saved).toMatchObject({
        name: `${rollout.name} (renamed)`,
        description: "Now for Europe only.",
        audienceId: europe.id,
        audienceName: europe.name,
        dailyLearningMinutes: 20,
      });
      // The waves stay as they were.
      expect(saved.phases.flatMap((phase) => phase.waves).map((wave) => wave.id)).toEqual(
        rollout.phases.flatMap((phase) => phase.waves).map((wave) => wave.id),
      );

      // A manager, who may not read audiences, sees the audience's name too, and cannot edit.
      const manager = demoUser(server, "manager");
      const managerPage = await openAs(manager.email, `/rollouts/${rollout.id}`);
      await eventually(() => managerPage.getByTestId("rollout-facts").textContent()).toContain(
        `for ${europe.name}`,
      );
      expect(await managerPage.getByTestId("edit-rollout").count()).toBe(0);
    });

    it("deletes a planned wave after asking, and offers no delete for a launched one", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves(server, fixtures, {
        waves: [{ name: "Pilot: keep" }, { name: "Pilot: drop" }],
      });
      const [kept, dropped] = [waves[0]!, waves[1]!];
      const page = await openAs(adminEmail, wavePath(rollout, dropped));
      await page.getByTestId("wave-name").waitFor();

      // Keeping the wave leaves everything as it was.
      await page.getByTestId("more-wave-actions").click();
      await page.getByTestId("delete-wave").click();
      const dialog = page.getByTestId("delete-wave-dialog");
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Keep the wave" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(
        (await server.api<Rollout>(`/api/v1/rollouts/${rollout.id}`)).phases[0]?.waves,
      ).toHaveLength(2);

      await page.getByTestId("more-wave-actions").click();
      await page.getByTestId("delete-wave").click();
      await page.getByTestId("confirm-delete-wave").click();
      // Back on the planner, without the deleted wave.
      await eventually(() => new URL(page.url()).pathname).toBe(`/rollouts/${rollout.id}`);
      await page.locator(`[data-testid="timeline-wave"][data-wave-id="${kept.id}"]`).waitFor();
      await eventually(() =>
        page.locator(`[data-testid="timeline-wave"][data-wave-id="${dropped.id}"]`).count(),
      ).toBe(0);
      expect(await page.getByTestId("stat-waves").textContent()).toBe("1");
      const saved = await server.api<Rollout>(`/api/v1/rollouts/${rollout.id}`);
      expect(saved.phases[0]?.waves.map((wave) => wave.id)).toEqual([kept.id]);

      // A launched wave can only be rolled back.
      await sendOk(server, "POST", `/api/v1/waves/${kept.id}/launch`, {});
      await page.goto(wavePath(rollout, kept));
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Live");
      await page.getByTestId("more-wave-actions").click();
      await page.getByTestId("rollback-wave").waitFor();
      expect(await page.getByTestId("delete-wave").count()).toBe(0);
    });

    it("shows the planner on a phone as a list, without sideways scrolling", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves(server, fixtures, {
        waves: [{ name: "Pilot with a rather long name for a small screen" }, { phase: 2 }],
      });
      const page = await openAs(adminEmail, `/rollouts/${rollout.id}`, phone);
      const timeline = page.getByTestId("rollout-timeline");
      await timeline.waitFor();
      expect(await timeline.getAttribute("data-layout")).toBe("list");
      expect(await page.getByTestId("timeline-wave").count()).toBe(2);
      expect(await page.getByTestId("timeline-gate").count()).toBe(1);
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

      await page.getByRole("link", { name: waves[0]?.name ?? "" }).click();
      await page.getByTestId("wave-name").waitFor();
      await page.getByTestId("launch-wave").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    });
  });

  describe("launching a wave", () => {
    it("previews the launch, asks what to do about people short on time, and lists what was assigned", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves(server, fixtures, {
        versionId: fixtures.longVersionId,
        waves: [{ days: 7 }],
      });
      const wave = waves[0]!;
      const preview = await server.api<LaunchPreview>(`/api/v1/waves/${wave.id}/launch-preview`);
      expect(preview.totals.members).toBeGreaterThan(50);
      expect(preview.totals.flagged).toBe(preview.totals.members);

      const page = await openAs(adminEmail, wavePath(rollout, wave));
      expect(await page.getByTestId("wave-status").textContent()).toBe("Planned");
      await page.getByTestId("launch-wave").click();
      const dialog = page.getByTestId("launch-preview");
      await dialog.waitFor();
      expect(await dialog.getByTestId("launch-members").textContent()).toBe(
        String(preview.totals.members),
      );
      expect(await dialog.getByTestId("launch-deferred").textContent()).toBe("0");
      expect(await dialog.getByTestId("launch-gate-closed").count()).toBe(0);
      expect(await dialog.getByTestId("flagged-group").count()).toBeGreaterThan(0);
      // Seven days leave five working days; the program needs twenty.
      expect(await dialog.getByTestId("flagged-group").first().textContent()).toContain(
        "5 of 20 needed",
      );

      // Nothing launches until someone says what happens to the people short on time.
      const confirm = page.getByTestId("confirm-launch");
      expect(await confirm.isDisabled()).toBe(true);
      await page.getByLabel("Extend to the realistic date").check();
      expect(await confirm.isEnabled()).toBe(true);
      await confirm.click();

      await dialog.waitFor({ state: "detached" });
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Live");
      const assigned = await server.api<AssignmentsPage>(
        `/api/v1/assignments?waveId=${wave.id}&pageSize=1`,
      );
      expect(assigned.total).toBe(preview.totals.members);
      await eventually(() => page.getByTestId("assignments-total").textContent()).toBe(
        `${assigned.total} assignments`,
      );
      expect(await page.getByTestId("wave-stat-total").textContent()).toBe(String(assigned.total));
      expect(await page.getByTestId("assignment-row").count()).toBe(Math.min(50, assigned.total));
      expect(await page.getByTestId("assignments-range").textContent()).toBe(
        `1–${Math.min(50, assigned.total)} of ${assigned.total}`,
      );
      expect(await page.getByTestId("assignment-row").first().textContent()).toContain("Extended");
      const launchedEvent = page.locator('[data-testid="wave-event"][data-kind="launched"]');
      await launchedEvent.waitFor();
      expect(await launchedEvent.textContent()).toContain(adminEmail);
    });

    it("narrows the assignments with filters kept in the URL, and opens one's history", async () => {
      const { server, openAs } = suite();
      const { rollout, wave } = await launched();
      const all = await server.api<AssignmentsPage>(`/api/v1/assignments?waveId=${wave.id}`);
      const europe = await server.api<AssignmentsPage>(
        `/api/v1/assignments?waveId=${wave.id}&region=Europe`,
      );
      expect(europe.total).toBeGreaterThan(0);
      expect(europe.total).toBeLessThan(all.total);

      const page = await openAs(adminEmail, wavePath(rollout, wave));
      await eventually(() => page.getByTestId("assignments-total").textContent()).toBe(
        `${all.total} assignments`,
      );
      await page.getByTestId("assignment-filter-region").click();
      await page.getByRole("option", { name: "Europe", exact: true }).click();
      await eventually(() => new URL(page.url()).searchParams.get("region")).toBe("Europe");
      await eventually(() => page.getByTestId("assignments-total").textContent()).toBe(
        `${europe.total} assignments`,
      );
      const regions = await page
        .getByTestId("assignment-row")
        .evaluateAll((rows) =>
          rows.map((row) => (row as HTMLTableRowElement).cells[1]?.textContent ?? ""),
        );
      expect(new Set(regions)).toEqual(new Set(["Europe"]));

      // A search by family name narrows it further, to what the API finds.
      const person = europe.items[0]!.person;
      const familyName = person.name.split(" ").at(-1) ?? person.name;
      const found = await server.api<AssignmentsPage>(
        `/api/v1/assignments?waveId=${wave.id}&region=Europe&q=${encodeURIComponent(familyName)}`,
      );
      await page.getByTestId("assignment-search").fill(familyName);
      await page.getByTestId("assignment-search").press("Enter");
      await eventually(() =>
        page
          .getByTestId("assignment-row")
          .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-assignment-id"))),
      ).toEqual(found.items.map((item) => String(item.id)));
      expect(new URL(page.url()).searchParams.get("q")).toBe(familyName);

      // No one has completed yet.
      await page.getByTestId("clear-assignment-filters").click();
      await page.getByTestId("assignment-filter-status").click();
      await page.getByRole("option", { name: "Completed", exact: true }).click();
      await page.getByTestId("assignments-empty").waitFor();
      expect(new URL(page.url()).searchParams.get("region")).toBeNull();

      // The same filtered address, opened afresh, shows the same list; a row opens its history.
      await page.goto(`${wavePath(rollout, wave)}?region=Europe`);
      await eventually(() => page.getByTestId("assignments-total").textContent()).toBe(
        `${europe.total} assignments`,
      );
      const first = page.getByTestId("assignment-row").first();
      const name = await first.getAttribute("aria-label");
      await first.click();
      const drawer = page.getByTestId("assignment-details");
      await drawer.waitFor();
      expect(name).toContain(europe.items[0]?.person.name ?? "");
      expect(new URL(page.url()).searchParams.get("assignment")).not.toBeNull();
      expect(await drawer.textContent()).toContain("wave launched");
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
      expect(new URL(page.url()).searchParams.get("assignment")).toBeNull();
    });

    it("refuses a later phase's wave while its gate has no decision, and launches it after a go", async () => {
      const { server, openAs } = suite();
      const owner = demoUser(server, "program_owner");
      const { rollout, waves } = await rolloutWithWaves(server, fixtures, {
        waves: [{ phase: 1 }, { phase: 2, name: "Scale: everyone else" }],
      });
      const scaleWave = waves[1]!;
      const scale = rollout.phases[1]!;
      // The server says no, in words a person understands.
      const refused = await send<{ error: { message: string } }>(
        server,
        "POST",
        `/api/v1/waves/${scaleWave.id}/launch`,
        {},
        owner.email,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain("has not said go");

      const page = await openAs(owner.email, wavePath(rollout, scaleWave));
      await page.getByTestId("launch-wave").click();
      const closed = page.getByTestId("launch-gate-closed");
      await closed.waitFor();
      expect(await closed.textContent()).toContain("none yet");
      // Only an administrator may override a gate.
      expect(await page.getByTestId("override-reason").count()).toBe(0);
      expect(await page.getByTestId("confirm-launch").isDisabled()).toBe(true);

      await closed.getByRole("link", { name: "Open the gate" }).click();
      await eventually(() => new URL(page.url()).pathname).toBe(
        `/rollouts/${rollout.id}/phases/${scale.id}/gate`,
      );
      await page.getByTestId("gate-title").waitFor();
      expect(await page.getByTestId("gate-decision").first().textContent()).toBe(
        "Awaiting decision",
      );
      expect(await page.getByTestId("gate-criterion").getAttribute("data-met")).toBe("false");
      await page.getByTestId("evaluate-gate").click();
      await page.getByTestId("gate-evaluation").waitFor();

      await page.getByTestId("decision-reason").fill("The pilot went well; sponsors agree.");
      await page.getByTestId("decision-approvers").fill("Chief Learning Officer");
      await page.getByTestId("decision-approvers").press("Enter");
      await page.getByTestId("record-decision").click();
      const entry = page.locator('[data-testid="gate-decision-entry"][data-decision="go"]');
      await entry.waitFor();
      expect(await entry.textContent()).toContain("Chief Learning Officer");
      expect(await entry.textContent()).toContain("The pilot went well; sponsors agree.");
      expect(await entry.getByTestId("gate-decision-recorded-by").textContent()).toBe(
        await userName(server, owner.email),
      );
      const gate = await server.api<{ decisions: { decision: string; approvers: string[] }[] }>(
        `/api/v1/phases/${scale.id}/gate`,
      );
      expect(gate.decisions[0]?.decision).toBe("go");
      expect(gate.decisions[0]?.approvers).toContain("Chief Learning Officer");

      await page.goto(wavePath(rollout, scaleWave));
      await page.getByTestId("launch-wave").click();
      await page.getByTestId("launch-preview").waitFor();
      expect(await page.getByTestId("launch-gate-closed").count()).toBe(0);
      await page.getByTestId("confirm-launch").click();
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Live");
    });

    it("shows in the decision log who recorded each decision, apart from the approvers", async () => {
      const { server, openAs } = suite();
      const owner = demoUser(server, "program_owner");
      const { rollout } = await rolloutWithWaves(server, fixtures, { waves: [{ phase: 1 }] });
      const scale = rollout.phases[1]!;
      const decisions = `/api/v1/phases/${scale.id}/gate/decisions`;
      await sendOk(
        server,
        "POST",
        decisions,
        {
          decision: "extend",
          reason: "Two more weeks for the pilot.",
          approvers: ["Steering committee"],
          extendUntil: inDays(14),
        },
        owner.email,
      );
      await sendOk(server, "POST", decisions, {
        decision: "go",
        reason: "The pilot went well.",
        approvers: ["Chief Learning Officer"],
      });
      const [ownerName, adminName] = await Promise.all([
        userName(server, owner.email),
        userName(server, adminEmail),
      ]);
      const gate = await server.api<{ decisions: GateDecisionRecord[] }>(
        `/api/v1/phases/${scale.id}/gate`,
      );
      expect(gate.decisions.map((d) => [d.decision, d.decidedBy])).toEqual([
        ["go", adminName],
        ["extend", ownerName],
      ]);

      // An auditor reads the log: newest first, each with who recorded it and who approved it.
      const auditor = demoUser(server, "auditor");
      const page = await openAs(auditor.email, `/rollouts/${rollout.id}/phases/${scale.id}/gate`);
      const entries = page.getByTestId("gate-decision-entry");
      await eventually(() => entries.count()).toBe(2);
      expect(await entries.evaluateAll((all) => all.map((e) => e.dataset.decision))).toEqual([
        "go",
        "extend",
      ]);
      expect(await entries.getByTestId("gate-decision-recorded-by").allTextContents()).toEqual([
        adminName,
        ownerName,
      ]);
      expect(await entries.nth(1).textContent()).toContain("Approved by Steering committee");
      // An auditor may not decide.
      expect(await page.getByTestId("record-decision").count()).toBe(0);
    });

    it("reaches every part of the launch dialog from the keyboard", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves(server, fixtures, {
        versionId: fixtures.longVersionId,
        waves: [{ days: 5 }],
      });
      const page = await openAs(adminEmail, wavePath(rollout, waves[0]!));
      const launch = page.getByTestId("launch-wave");
      await launch.focus();
      await page.keyboard.press("Enter");
      await page.getByTestId("launch-flagged").waitFor();
      const inDialog = () =>
        page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
      expect(await inDialog()).toBe(true);

      const focused = () =>
        page.evaluate(() => {
          const element = document.activeElement;
          // Radio buttons by their value, everything else by its test id.
          if (element instanceof HTMLInputElement && element.type === "radio") return element.value;
          return element?.getAttribute("data-testid") ?? "";
        });
      /** Presses Tab until `target` has focus; fails after `limit` presses. */
      async function tabTo(target: string, limit = 30) {
        for (let i = 0; i < limit; i++) {
          if ((await focused()) === target) return;
          await page.keyboard.press("Tab");
          expect(await inDialog()).toBe(true);
        }
        throw new Error(`${target} was not reached with Tab`);
      }
      await tabTo("assign_anyway");
      await page.keyboard.press("ArrowDown");
      expect(await focused()).toBe("extend");
      expect(await page.getByLabel("Extend to the realistic date").isChecked()).toBe(true);
      await tabTo("confirm-launch");

      // Escape closes the dialog and gives focus back to the button that opened it.
      await page.keyboard.press("Escape");
      await page.getByTestId("launch-preview").waitFor({ state: "detached" });
      await eventually(() => focused()).toBe("launch-wave");

      await page.keyboard.press("Enter");
      await page.getByTestId("launch-flagged").waitFor();
      // A radio group is one stop for Tab; the arrow keys move the choice within it.
      await tabTo("assign_anyway");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      expect(await focused()).toBe("skip");
      expect(await page.getByLabel("Don't assign them").isChecked()).toBe(true);
      await tabTo("confirm-launch");
      await page.keyboard.press("Enter");
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Live");
      const wave = await server.api<{ rollout: Rollout }>(`/api/v1/waves/${waves[0]!.id}`);
      expect(wave.rollout.phases[0]?.waves[0]?.status).toBe("launched");
    });
  });

  describe("running a live wave", () => {
    it("pauses and resumes a wave, with the reasons in its history", async () => {
      const { server, openAs } = suite();
      const { rollout, wave } = await launched();
      const page = await openAs(adminEmail, wavePath(rollout, wave));
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Live");

      await page.getByTestId("pause-wave").click();
      await page.getByTestId("wave-status-reason").fill("Works council review");
      await page.getByTestId("confirm-wave-status").click();
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Paused");
      const paused = page.locator('[data-testid="wave-event"][data-kind="paused"]');
      await paused.waitFor();
      expect(await paused.textContent()).toContain("Works council review");

      await page.getByTestId("resume-wave").click();
      await page.getByTestId("wave-status-reason").fill("Review done");
      await page.getByTestId("confirm-wave-status").click();
      await eventually(() => page.getByTestId("wave-status").textContent()).toBe("Live");
      await page.locator('[data-testid="wave-event"][data-kind="resumed"]').waitFor();

      const detail = await server.api<{ rollout: Rollout; events: { kind: string }[] }>(
        `/api/v1/waves/${wave.id}`,
      );
      expect(detail.rollout.phases[0]?.waves[0]?.status).toBe("launched");
      expect(detail.events.map((event) => event.kind)).toEqual(
        expect.arrayContaining(["launched", "paused", "resumed"]),
      );

      // A rollback warns what it withdraws before anything happens.
      await page.getByTestId("more-wave-actions").click();
      await page.getByTestId("rollback-wave").click();
      expect(await page.getByTestId("rollback-warning").textContent()).toContain("withdraws");
      await page.keyboard.press("Escape");
    });

    it("adds a blackout period that defers a division's launch, and removes it", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves(server, fixtures, { waves: [{}] });
      const wave = waves[0]!;
      const before = await server.api<LaunchPreview>(`/api/v1/waves/${wave.id}/launch-preview`);
      expect(before.totals.deferred).toBe(0);
      const members = await server.api<{ items: { division: string | null }[] }>(
        "/api/v1/people?region=Europe&pageSize=1",
      );
      const division = members.items[0]?.division ?? "";

      const page = await openAs(adminEmail, "/exceptions");
      await page.getByTestId("blackouts-tab").click();
      await eventually(() => new URL(page.url()).searchParams.get("tab")).toBe("blackouts");
      await page.getByTestId("blackout-division").click();
      await page.getByRole("option", { name: division, exact: true }).click();
      await page.getByTestId("blackout-starts").fill(inDays(1));
      await page.getByTestId("blackout-ends").fill(inDays(10));
      await page.getByTestId("blackout-reason").fill("Year-end close");
      await page.getByTestId("add-blackout").click();
      const row = page.getByTestId("blackout-row").filter({ hasText: "Year-end close" });
      await row.waitFor();
      expect(await row.textContent()).toContain(division);

      // The wave launches in three days, inside the period: that division waits.
      await page.goto(wavePath(rollout, wave));
      await page.getByTestId("launch-wave").click();
      const deferred = page.getByTestId("launch-deferred-list");
      await deferred.waitFor();
      expect(await deferred.textContent()).toContain(division);
      expect(Number(await page.getByTestId("launch-deferred").textContent())).toBeGreaterThan(0);
      await page.keyboard.press("Escape");

      await page.goto("/exceptions?tab=blackouts");
      await page
        .getByTestId("blackout-row")
        .filter({ hasText: "Year-end close" })
        .getByRole("button", { name: new RegExp(`^Remove the ${division} blackout`) })
        .click();
      await page.getByTestId("blackouts-empty").waitFor();
      const left = await server.api<{ items: unknown[] }>("/api/v1/blackouts");
      expect(left.items).toHaveLength(0);
    });

    it("grants an extension that appears in the exception log and moves the due dates", async () => {
      const { server, openAs } = suite();
      const { rollout, wave } = await launched();
      const assigned = await server.api<AssignmentsPage>(
        `/api/v1/assignments?waveId=${wave.id}&pageSize=2`,
      );
      const people = assigned.items.map((item) => item.person);
      expect(people).toHaveLength(2);
      const newDueDate = inDays(90);
      const other = await launched();

      const page = await openAs(adminEmail, "/exceptions");
      await page.getByTestId("open-grant-exception").click();
      await page.getByTestId("grant-exception-form").waitFor();
      await page.getByTestId("exception-rollout").click();
      await page.getByRole("option", { name: rollout.name, exact: true }).click();
      await page.getByTestId("exception-person-ids").fill(people.map((p) => p.id).join(",\n"));
      expect(await page.getByTestId("exception-people-count").textContent()).toBe(
        "2 people named.",
      );
      await page.getByTestId("exception-reason").fill("Parental leave during the wave");
      await page.getByTestId("exception-approved-by").fill("HR business partner");
      await page.getByTestId("exception-new-due-date").fill(newDueDate);
      await page.getByTestId("grant-exception").click();
      await page.getByTestId("grant-exception-form").waitFor({ state: "detached" });

      const log = await server.api<{
        items: { id: string; rolloutId: string; kind: string; assignmentCount: number }[];
      }>(`/api/v1/exceptions?rolloutId=${rollout.id}`);
      expect(log.items).toHaveLength(1);
      expect(log.items[0]).toMatchObject({ kind: "extension", assignmentCount: 2 });
      const row = page.locator(
        `[data-testid="exception-row"][data-exception-id="${log.items[0]?.id}"]`,
      );
      await row.waitFor();
      const text = (await row.textContent()) ?? "";
      for (const person of people) expect(text).toContain(person.name);
      expect(text).toContain("Parental leave during the wave");
      expect(text).toContain("HR business partner");
      expect(await row.getByTestId("exception-kind-badge").textContent()).toBe("Extension");

      // Filtering the log by another rollout leaves it out.
      await page.getByTestId("exceptions-rollout-filter").click();
      await page.getByRole("option", { name: other.rollout.name, exact: true }).click();
      await page.getByTestId("exceptions-empty").waitFor();

      const moved = await server.api<{ dueAt: string }>(
        `/api/v1/assignments/${assigned.items[0]?.id}`,
      );
      // The assignment's history says who approved the new date, and why.
      await page.goto(`${wavePath(rollout, wave)}?assignment=${assigned.items[0]?.id}`);
      const history = page.getByTestId("assignment-history");
      await history.waitFor();
      const changes = await history.getByTestId("assignment-change").allTextContents();
      expect(changes).toHaveLength(2);
      expect(changes[1]).toContain("Due date moved");
      expect(changes[1]).toContain(
        "extension approved by HR business partner: Parental leave during the wave",
      );

      // Due at 23:59 on the new date in the person's own zone: within a day of it in UTC.
      const offset = Date.parse(moved.dueAt) - Date.parse(`${newDueDate}T23:59:00Z`);
      expect(Math.abs(offset)).toBeLessThanOrEqual(24 * 3_600_000);
    });
  });
});
