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
}
interface Rollout {
  id: string;
  name: string;
  phases: { id: string; waves: Wave[] }[];
}
interface CadenceRule {
  id: string;
  name: string;
  anchor: string;
  days: number;
  at: string;
  channel: string;
  to: string;
}
interface Cadence {
  id: string;
  waveId: string | null;
  source: "wave" | "rollout" | "default";
  rules: CadenceRule[];
}
interface CadenceAnswer {
  effective: Cadence | null;
  saved: Cadence[];
}
interface CalendarData {
  from: string;
  to: string;
  written: {
    day: string;
    waveId: string | null;
    ruleId: string | null;
    state: string;
    count: number;
  }[];
  projected: { day: string; waveId: string; ruleId: string; count: number }[];
}

/** A calendar date `days` from today (UTC), as YYYY-MM-DD. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
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

async function sendOk<T>(server: E2eServer, method: string, path: string, json: unknown) {
  const response = await send<T>(server, method, path, json);
  if (response.status >= 300)
    throw new Error(
      `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}

/** The default mandatory cadence's rules in the order their first messages go (due in 30 days). */
const mandatoryInTimeOrder = [
  "brief-managers",
  "launch",
  "nudge",
  "digest",
  "due-soon",
  "overdue",
  "escalate",
  "thanks",
];

function communicationsPath(rollout: Rollout, wave?: Wave): string {
  return `/rollouts/${rollout.id}/communications${wave ? `?wave=${wave.id}` : ""}`;
}

const ruleRow = (page: Page, id: string) =>
  page.locator(`[data-testid="cadence-rule"][data-rule-id="${id}"]`);

/** The ids of the rules shown, top to bottom. */
const shownRuleIds = (page: Page) =>
  page
    .getByTestId("cadence-rule")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-rule-id")));

describeInBrowser("a rollout's communications", () => {
  const suite = useCascadeInBrowser();
  let versionId: string;
  let audienceId: string;
  let counter = 0;

  beforeAll(async () => {
    const { server } = suite();
    const program = await sendOk<{ versions: { id: string }[] }>(
      server,
      "POST",
      "/api/v1/programs",
      {
        name: "E2E Communications course",
        description: "Browser test program",
        modules: [
          {
            kind: "elearning",
            title: "The course",
            activityIri: "https://example.com/activities/e2e-communications",
            expectedMinutes: 60,
            required: true,
          },
        ],
      },
    );
    versionId = program.versions[0]?.id ?? "";
    await sendOk(server, "POST", `/api/v1/program-versions/${versionId}/publish`, {});
    const audience = await sendOk<{ id: string; memberCount: number }>(
      server,
      "POST",
      "/api/v1/audiences",
      { name: "E2E communications: Europe", rule: 'region = "Europe"' },
    );
    expect(audience.memberCount).toBeGreaterThan(10);
    audienceId = audience.id;
  });

  /** A one-phase rollout with waves due 30 days after launch, made through the API. */
  async function rolloutWithWaves(
    waves: { name?: string; mode?: "mandatory" | "self_directed"; launchIn?: number }[],
    options: { launchFirst?: boolean } = {},
  ): Promise<{ rollout: Rollout; waves: Wave[] }> {
    const { server } = suite();
    let rollout = await sendOk<Rollout>(server, "POST", "/api/v1/rollouts", {
      name: `E2E communications ${++counter}`,
      description: "",
      programVersionId: versionId,
      audienceId,
      dailyLearningMinutes: 30,
      phases: [{ kind: "pilot", gateCriteria: [] }],
    });
    for (const [index, wave] of waves.entries())
      rollout = await sendOk<Rollout>(server, "POST", `/api/v1/rollouts/${rollout.id}/waves`, {
        phaseId: rollout.phases[0]?.id,
        name: wave.name ?? `Wave ${index + 1}`,
        slice: { regions: [], divisions: [], percent: null },
        launchDate: inDays(wave.launchIn ?? 3),
        enrollmentMode: wave.mode ?? "mandatory",
        deadline: { kind: "relative", days: 30, time: "23:59" },
        regionDeadlines: {},
        joinerGraceDays: 14,
      });
    const made = rollout.phases.flatMap((phase) => phase.waves);
    if (options.launchFirst)
      await sendOk(server, "POST", `/api/v1/waves/${made[0]?.id}/launch`, {});
    return { rollout, waves: made };
  }

  describe("the cadence", () => {
    it("shows Cascade's default with where it comes from, its rules in time order, per wave", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves([
        { name: "Mandatory wave" },
        { name: "Self-directed wave", mode: "self_directed" },
      ]);
      const page = await openAs(adminEmail, `/rollouts/${rollout.id}`);
      await page.getByTestId("rollout-communications").click();
      await eventually(() => new URL(page.url()).pathname).toBe(
        `/rollouts/${rollout.id}/communications`,
      );

      const answer = await server.api<CadenceAnswer>(`/api/v1/rollouts/${rollout.id}/cadence`);
      expect(answer.saved).toEqual([]);
      expect(answer.effective?.source).toBe("default");
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for mandatory waves",
      );
      expect(await page.getByTestId("cadence-source-note").textContent()).toContain(
        "each wave follows Cascade's default for its enrollment mode",
      );
      expect(await shownRuleIds(page)).toEqual(mandatoryInTimeOrder);
      const launch = ruleRow(page, "launch");
      expect(await launch.getByTestId("rule-when").textContent()).toBe("On launch day at 09:00");
      expect(await launch.getByTestId("rule-who").textContent()).toBe("Learners");
      expect(await launch.getByTestId("rule-how").textContent()).toBe("Email · Launch template");
      expect(await launch.getAttribute("aria-label")).toBe(
        "Launch message — learners — on launch day at 09:00 — email — Launch template",
      );
      const dueSoon = ruleRow(page, "due-soon");
      expect(await dueSoon.getByTestId("rule-when").textContent()).toBe(
        "3 days before the due date at 09:00",
      );
      expect(await dueSoon.getByTestId("rule-who").textContent()).toBe(
        "Learners who have not completed",
      );
      expect(await ruleRow(page, "digest").getByTestId("rule-when").textContent()).toBe(
        "7 days after launch at 09:00, then every 7 days",
      );
      expect(await page.getByTestId("cadence-policy").textContent()).toContain(
        "Quiet hours 20:00–08:00",
      );

      // The self-directed wave follows the gentler default; the choice is kept in the address.
      await page.getByTestId("cadence-wave").click();
      await page.getByRole("option", { name: "Self-directed wave (planned)" }).click();
      await eventually(() => new URL(page.url()).searchParams.get("wave")).toBe(waves[1]?.id);
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for self-directed waves",
      );
      await eventually(() => shownRuleIds(page)).toEqual(["launch", "nudge", "due-soon"]);
      const selfDirected = await server.api<CadenceAnswer>(
        `/api/v1/rollouts/${rollout.id}/cadence?waveId=${waves[1]?.id}`,
      );
      expect(selfDirected.effective?.rules.map((rule) => rule.id).sort()).toEqual([
        "due-soon",
        "launch",
        "nudge",
      ]);
    });

    it("saves a rule's new days and time as the rollout's cadence, which a reload shows", async () => {
      const { server, openAs } = suite();
      const { rollout } = await rolloutWithWaves([{}]);
      const page = await openAs(adminEmail, communicationsPath(rollout));
      await page.getByTestId("edit-cadence").click();
      await ruleRow(page, "due-soon").getByTestId("edit-rule").click();
      const form = page.getByTestId("rule-form");
      await form.waitFor();
      expect(await page.getByTestId("rule-days").inputValue()).toBe("3");
      await page.getByTestId("rule-days").fill("5");
      await page.getByTestId("rule-at").fill("10:30");
      await eventually(() => page.getByTestId("rule-timing-preview").textContent()).toBe(
        "5 days before the due date at 10:30.",
      );
      await page.getByTestId("apply-rule").click();
      await form.waitFor({ state: "detached" });
      expect(await ruleRow(page, "due-soon").getByTestId("rule-when").textContent()).toBe(
        "5 days before the due date at 10:30",
      );
      await page.getByTestId("save-cadence").click();
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "The rollout's cadence",
      );
      expect(await page.getByTestId("cadence-panel").getAttribute("data-editing")).toBeNull();

      const answer = await server.api<CadenceAnswer>(`/api/v1/rollouts/${rollout.id}/cadence`);
      const own = answer.saved.find((cadence) => cadence.waveId === null);
      expect(own?.source).toBe("rollout");
      expect(own?.rules.find((rule) => rule.id === "due-soon")).toMatchObject({
        anchor: "due",
        days: -5,
        at: "10:30",
      });
      // The other rules stay as they were.
      expect(own?.rules.map((rule) => rule.id).sort()).toEqual([...mandatoryInTimeOrder].sort());

      await page.reload();
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "The rollout's cadence",
      );
      expect(await ruleRow(page, "due-soon").getByTestId("rule-when").textContent()).toBe(
        "5 days before the due date at 10:30",
      );

      // "Use the default" removes the rollout's cadence again.
      await page.getByTestId("use-default-cadence").click();
      await page.getByTestId("confirm-remove-cadence").click();
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for mandatory waves",
      );
      expect(
        (await server.api<CadenceAnswer>(`/api/v1/rollouts/${rollout.id}/cadence`)).saved,
      ).toEqual([]);
    });

    it("shows the server's objection at the rule it concerns and saves nothing", async () => {
      const { server, openAs } = suite();
      const { rollout } = await rolloutWithWaves([{}]);
      const page = await openAs(adminEmail, communicationsPath(rollout));
      await page.getByTestId("edit-cadence").click();

      // A chat message with no webhook to post it to.
      await ruleRow(page, "nudge").getByTestId("edit-rule").click();
      await page.getByTestId("rule-form").waitFor();
      await page.getByTestId("rule-channel").getByText("Chat").click();
      await page.getByTestId("rule-webhook-url").waitFor();
      await page.getByTestId("apply-rule").click();
      await page.getByTestId("rule-form").waitFor({ state: "detached" });
      await page.getByTestId("save-cadence").click();
      const nudge = ruleRow(page, "nudge");
      await eventually(() => nudge.getAttribute("data-invalid")).toBe("true");
      // Both of the server's objections are shown at the rule: no webhook, and chat posts to a
      // team channel rather than to each learner.
      expect(await nudge.getByTestId("rule-problem").allTextContents()).toEqual([
        "a chat rule needs a webhook",
        "a chat webhook posts to a team channel, not to each person; choose e-mail",
      ]);
      expect(await page.locator('[data-testid="cadence-rule"][data-invalid]').count()).toBe(1);
      expect(await page.getByTestId("cadence-rule-problems").textContent()).toContain(
        "1 rule needs changing",
      );
      // Reopened, the rule shows the problem at the webhook's field.
      await nudge.getByTestId("edit-rule").click();
      await page.getByTestId("rule-form").waitFor();
      expect(await page.getByTestId("rule-form").textContent()).toContain(
        "a chat rule needs a webhook",
      );
      // Back to e-mail: the objection is gone with the change.
      await page.getByTestId("rule-channel").getByText("Email").click();
      await page.getByTestId("apply-rule").click();
      await page.getByTestId("rule-form").waitFor({ state: "detached" });
      expect(await nudge.getAttribute("data-invalid")).toBeNull();

      // A manager briefing sent to learners: the server's check of purposes (a 422).
      await ruleRow(page, "brief-managers").getByTestId("edit-rule").click();
      await page.getByTestId("rule-to").click();
      await page.getByRole("option", { name: "Learners", exact: true }).click();
      await page.getByTestId("apply-rule").click();
      await page.getByTestId("rule-form").waitFor({ state: "detached" });
      await page.getByTestId("save-cadence").click();
      const brief = ruleRow(page, "brief-managers");
      await eventually(() => brief.getAttribute("data-invalid")).toBe("true");
      expect(await brief.getByTestId("rule-problem").textContent()).toBe(
        "a manager_briefing message goes to managers",
      );
      expect(await page.locator('[data-testid="cadence-rule"][data-invalid]').count()).toBe(1);

      // Nothing was saved; cancelling leaves the default as it was.
      expect(
        (await server.api<CadenceAnswer>(`/api/v1/rollouts/${rollout.id}/cadence`)).saved,
      ).toEqual([]);
      await page.getByTestId("cancel-cadence").click();
      expect(await page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for mandatory waves",
      );
      expect(await ruleRow(page, "brief-managers").getByTestId("rule-who").textContent()).toBe(
        "Managers of the learners",
      );
    });

    it("gives one wave its own cadence, then has it follow the rollout's again", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves([{ name: "Europe" }, { name: "Later" }]);
      const [wave, other] = [waves[0]!, waves[1]!];
      const page = await openAs(adminEmail, `/rollouts/${rollout.id}/waves/${wave.id}`);
      await page.getByTestId("wave-communications").click();
      await eventually(() => new URL(page.url()).searchParams.get("wave")).toBe(wave.id);
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for mandatory waves",
      );
      expect(await page.getByTestId("follow-rollout-cadence").count()).toBe(0);
      expect(await page.getByTestId("edit-cadence").textContent()).toBe(
        "Give this wave its own cadence",
      );

      await page.getByTestId("edit-cadence").click();
      await ruleRow(page, "escalate").getByTestId("remove-rule").click();
      expect(await ruleRow(page, "escalate").count()).toBe(0);
      await page.getByTestId("save-cadence").click();
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "This wave's own cadence",
      );
      expect(await shownRuleIds(page)).toEqual(
        mandatoryInTimeOrder.filter((id) => id !== "escalate"),
      );

      const own = await server.api<CadenceAnswer>(
        `/api/v1/rollouts/${rollout.id}/cadence?waveId=${wave.id}`,
      );
      expect(own.effective).toMatchObject({ source: "wave", waveId: wave.id });
      expect(own.effective?.rules.map((rule) => rule.id)).not.toContain("escalate");
      // The rollout's other wave keeps the default.
      const untouched = await server.api<CadenceAnswer>(
        `/api/v1/rollouts/${rollout.id}/cadence?waveId=${other.id}`,
      );
      expect(untouched.effective?.source).toBe("default");
      expect(untouched.effective?.rules.map((rule) => rule.id)).toContain("escalate");

      await page.getByTestId("follow-rollout-cadence").click();
      const dialog = page.getByTestId("remove-cadence-dialog");
      await dialog.waitFor();
      await page.getByTestId("confirm-remove-cadence").click();
      await dialog.waitFor({ state: "detached" });
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for mandatory waves",
      );
      expect(await shownRuleIds(page)).toEqual(mandatoryInTimeOrder);
      const back = await server.api<CadenceAnswer>(
        `/api/v1/rollouts/${rollout.id}/cadence?waveId=${wave.id}`,
      );
      expect(back.saved).toEqual([]);
      expect(back.effective?.source).toBe("default");
    });
  });

  describe("the calendar", () => {
    /** What the page shows, by "day|wave|rule|state" (state "planned" for projected messages). */
    async function shownCounts(page: Page): Promise<Record<string, number>> {
      return page.getByTestId("calendar-day").evaluateAll((days) => {
        const counts: Record<string, number> = {};
        for (const day of days) {
          for (const entry of day.querySelectorAll('[data-testid="calendar-entry"]')) {
            const key = `${day.getAttribute("data-day")}|${entry.getAttribute("data-wave-id")}|${entry.getAttribute("data-rule-id")}`;
            for (const count of entry.querySelectorAll(
              '[data-testid="calendar-count"], [data-testid="calendar-planned"]',
            )) {
              const state = count.getAttribute("data-state") ?? "planned";
              counts[`${key}|${state}`] = Number(count.getAttribute("data-count"));
            }
          }
        }
        return counts;
      });
    }

    /** The same, from the API's answer: rows of one rule and state on a day add up. */
    function apiCounts(data: CalendarData): Record<string, number> {
      const counts: Record<string, number> = {};
      for (const row of data.written) {
        const key = `${row.day}|${row.waveId ?? ""}|${row.ruleId ?? ""}|${row.state}`;
        counts[key] = (counts[key] ?? 0) + row.count;
      }
      for (const row of data.projected) {
        const key = `${row.day}|${row.waveId}|${row.ruleId}|planned`;
        counts[key] = (counts[key] ?? 0) + row.count;
      }
      return counts;
    }

    it("counts a live wave's messages after Plan now as the API does, and estimates a wave not launched", async () => {
      const { server, openAs } = suite();
      const { rollout, waves } = await rolloutWithWaves(
        [{ name: "Live wave" }, { name: "Next wave", launchIn: 10 }],
        { launchFirst: true },
      );
      const [live, next] = [waves[0]!, waves[1]!];
      const page = await openAs(adminEmail, `${communicationsPath(rollout)}?tab=calendar`);
      const calendar = page.getByTestId("communications-calendar");
      await calendar.waitFor();
      // Nothing is in the outbox yet: launching in this test server plans no messages itself.
      await eventually(async () => (await page.getByTestId("calendar-day").count()) > 0).toBe(true);
      expect(await page.getByTestId("calendar-count").count()).toBe(0);

      await page.getByTestId("plan-now").click();
      // The notification says how many messages went into the outbox, once the plan is done.
      await page.getByText(/messages? planned$|^Up to date$/).waitFor();
      const from = (await calendar.getAttribute("data-from")) ?? "";
      const to = (await calendar.getAttribute("data-to")) ?? "";
      const data = await server.api<CalendarData>(
        `/api/v1/rollouts/${rollout.id}/communications/calendar?from=${from}&to=${to}`,
      );
      const expected = apiCounts(data);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      await eventually(() => shownCounts(page)).toEqual(expected);
      // Every message of the live wave is written or planned; the next wave has none yet.
      expect(data.written.every((row) => row.waveId === live.id)).toBe(true);
      expect(data.projected.every((row) => row.waveId === live.id)).toBe(true);

      // Totals per rule add the days up.
      const plannedNudges = data.projected
        .filter((row) => row.ruleId === "nudge")
        .reduce((sum, row) => sum + row.count, 0);
      const nudgeTotal = page.locator(
        `[data-testid="calendar-total"][data-wave-id="${live.id}"][data-rule-id="nudge"]`,
      );
      if (plannedNudges > 0)
        expect(await nudgeTotal.getByTestId("calendar-planned").getAttribute("data-count")).toBe(
          String(plannedNudges),
        );

      // The wave not launched yet is laid out from its launch date, marked as an estimate.
      const estimate = page.locator(`[data-testid="estimate-wave"][data-wave-id="${next.id}"]`);
      expect(await estimate.textContent()).toContain("Estimate before launch");
      const days = estimate.getByTestId("estimate-day");
      expect(await days.first().getAttribute("data-day")).toBe(next.launchDate);
      expect(await days.first().textContent()).toContain("Launch message");
      const dueSoon = estimate.locator(
        `[data-testid="estimate-day"][data-day="${addDays(next.launchDate, 27)}"]`,
      );
      expect(await dueSoon.textContent()).toContain("Deadline in three days");
      expect(await estimate.getByTestId("estimate-on-completion").textContent()).toContain(
        "Thank people who complete",
      );

      // A written count opens the delivery log, filtered to the rollout and the state.
      const written = page.getByTestId("calendar-count").first();
      if ((await written.count()) > 0) {
        const state = await written.getAttribute("data-state");
        await written.click();
        await eventually(() => new URL(page.url()).pathname).toBe("/communications");
        const search = new URL(page.url()).searchParams;
        expect(search.get("rolloutId")).toBe(rollout.id);
        expect(search.get("state")).toBe(state);
      }
    });
  });

  describe("readers, phones and keyboards", () => {
    it("shows an auditor the cadence and calendar without any control to change them", async () => {
      const { server, openAs } = suite();
      const { rollout } = await rolloutWithWaves([{}], { launchFirst: true });
      const auditor = demoUser(server, "auditor");
      const page = await openAs(auditor.email, communicationsPath(rollout));
      await eventually(() => page.getByTestId("cadence-rule").count()).toBe(8);
      expect(await page.getByTestId("cadence-source").textContent()).toBe(
        "Cascade's default for mandatory waves",
      );
      for (const control of [
        "edit-cadence",
        "use-default-cadence",
        "follow-rollout-cadence",
        "plan-now",
        "edit-rule",
        "remove-rule",
      ])
        expect(await page.getByTestId(control).count(), control).toBe(0);
      await page.getByTestId("tab-calendar").click();
      await page.getByTestId("communications-calendar").waitFor();
      expect(await page.getByTestId("plan-now").count()).toBe(0);
      // The server refuses the auditor a change, too.
      const refused = await send(
        server,
        "DELETE",
        `/api/v1/rollouts/${rollout.id}/cadence`,
        undefined,
        auditor.email,
      );
      expect(refused.status).toBe(403);
    });

    it("fits a phone: the cadence, a rule's form and the calendar scroll only downwards", async () => {
      const { openAs } = suite();
      const { rollout } = await rolloutWithWaves(
        [{ name: "A wave with a rather long name for a small screen" }, { launchIn: 10 }],
        { launchFirst: true },
      );
      const page = await openAs(adminEmail, communicationsPath(rollout), phone);
      await eventually(() => page.getByTestId("cadence-rule").count()).toBe(8);
      // Rules are cards in a list on a phone.
      expect(await page.getByTestId("cadence-rules").evaluate((list) => list.tagName)).toBe("UL");
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

      await page.getByTestId("edit-cadence").click();
      await ruleRow(page, "digest").getByTestId("edit-rule").click();
      await page.getByTestId("rule-form").waitFor();
      await page.getByTestId("rule-every-days").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
      await page.keyboard.press("Escape");
      await page.getByTestId("rule-form").waitFor({ state: "detached" });
      await page.getByTestId("cancel-cadence").click();

      await page.getByTestId("plan-now").click();
      await page.getByTestId("tab-calendar").click();
      await eventually(async () => (await page.getByTestId("calendar-day").count()) > 0).toBe(true);
      await page.getByTestId("estimate-wave").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    });

    it("opens a rule, changes it and saves the cadence from the keyboard alone", async () => {
      const { server, openAs } = suite();
      const { rollout } = await rolloutWithWaves([{}]);
      const page = await openAs(adminEmail, communicationsPath(rollout));
      const edit = page.getByTestId("edit-cadence");
      await edit.waitFor();
      const focused = () =>
        page.evaluate(() => {
          const element = document.activeElement;
          return element?.getAttribute("aria-label") ?? element?.getAttribute("data-testid") ?? "";
        });
      const focusedTestId = () =>
        page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
      /** Presses Tab until `read` gives `target`; fails after `limit` presses. */
      async function tabTo(target: string, read = focusedTestId, limit = 40) {
        for (let i = 0; i < limit; i++) {
          if ((await read()) === target) return;
          await page.keyboard.press("Tab");
        }
        throw new Error(`${target} was not reached with Tab`);
      }

      await edit.focus();
      await page.keyboard.press("Enter");
      await page.getByTestId("save-cadence").waitFor();
      await tabTo("Edit “Deadline in three days”", focused);
      await page.keyboard.press("Enter");
      await page.getByTestId("rule-form").waitFor();
      expect(
        await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null),
      ).toBe(true);
      await tabTo("rule-days");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("2");
      await tabTo("apply-rule");
      await page.keyboard.press("Enter");
      await page.getByTestId("rule-form").waitFor({ state: "detached" });
      expect(await ruleRow(page, "due-soon").getByTestId("rule-when").textContent()).toBe(
        "2 days before the due date at 09:00",
      );
      // Focus went back to the button that opened the rule.
      await eventually(() => focused()).toBe("Edit “Deadline in three days”");
      await tabTo("save-cadence");
      await page.keyboard.press("Enter");
      await eventually(() => page.getByTestId("cadence-source").textContent()).toBe(
        "The rollout's cadence",
      );
      const answer = await server.api<CadenceAnswer>(`/api/v1/rollouts/${rollout.id}/cadence`);
      expect(answer.saved[0]?.rules.find((rule) => rule.id === "due-soon")).toMatchObject({
        days: -2,
        at: "09:00",
      });
    });
  });
});
