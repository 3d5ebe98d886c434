import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { request } from "../src/test/http.js";
import { describeInBrowser, eventually, phone } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser, type E2eServer } from "./server.js";

interface Preview {
  count: number;
  byDivision: { value: string; count: number }[];
  byRegion: { value: string; count: number }[];
  sample: { id: string; name: string }[];
}
interface Audience {
  id: string;
  name: string;
  rule: string;
  memberCount: number;
}
interface Module {
  kind: string;
  title: string;
  activityIri: string | null;
  expectedMinutes: number;
  required: boolean;
  variants: { locale?: string; region?: string; title?: string; activityIri?: string }[];
  completionVerbs: string[];
  completionVerbsSet: boolean;
}
interface Version {
  id: string;
  number: number;
  status: "draft" | "published";
  modules: Module[];
}

/** Sends a JSON body to the API as the admin, with the session's CSRF token, as the app does. */
async function post<T>(server: E2eServer, path: string, json: unknown) {
  const { name, value } = await server.sessionCookie(adminEmail);
  const cookie = `${name}=${value}`;
  const me = await request<{ csrfToken: string }>(server.baseUrl, "/api/v1/auth/me", {
    as: { cookie },
  });
  return request<T>(server.baseUrl, path, { json, as: { cookie, csrfToken: me.body.csrfToken } });
}

async function previewOf(server: E2eServer, rule: string): Promise<Preview> {
  const response = await post<Preview>(server, "/api/v1/audiences/preview", {
    rule,
    sampleSize: 10,
  });
  if (response.status !== 200) throw new Error(`Previewing ${rule} answered ${response.status}`);
  return response.body;
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const focusedTestId = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute("data-testid") ?? element?.textContent?.trim() ?? null;
  });
const facetValues = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .getByTestId("facet-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-value")));

/**
 * Audiences and programs in a browser. These tests create audiences and programs, so they get a
 * server of their own.
 */
describeInBrowser("audiences and programs", () => {
  const suite = useCascadeInBrowser();

  it("previews a rule while it is typed, and saving creates the audience with that many members", async () => {
    const { server, openAs } = suite();
    const rule = 'division = "Technology" and region = "Europe"';
    const narrower = `${rule} and not tags has "contractor"`;
    const [expected, narrowed] = await Promise.all([
      previewOf(server, rule),
      previewOf(server, narrower),
    ]);
    expect(expected.count).toBeGreaterThan(0);

    const page = await openAs(adminEmail, "/audiences");
    await page.getByTestId("new-audience").click();
    await eventually(() => pathOf(page)).toBe("/audiences/new");
    await page.getByTestId("audience-name").fill("Technology in Europe");
    expect(await page.getByTestId("preview-empty").isVisible()).toBe(true);

    const editor = page.getByTestId("rule-editor");
    await editor.pressSequentially(rule, { delay: 15 });
    await eventually(() => page.getByTestId("preview-count").textContent()).toBe(
      String(expected.count),
    );
    await eventually(() => facetValues(page, "preview-by-division")).toEqual(["Technology"]);
    expect(await facetValues(page, "preview-by-region")).toEqual(["Europe"]);
    await eventually(() =>
      page
        .getByTestId("preview-sample")
        .getByTestId("member-row")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-person-id"))),
    ).toEqual(expected.sample.map((person) => person.id));

    // Typing on runs the preview again for the longer rule.
    await editor.press("End");
    await editor.pressSequentially(' and not tags has "contractor"', { delay: 15 });
    await eventually(() => page.getByTestId("preview-count").textContent()).toBe(
      String(narrowed.count),
    );
    await eventually(() => page.getByTestId("rule-preview").getAttribute("data-up-to-date")).toBe(
      "true",
    );

    await page.getByTestId("save-audience").click();
    await eventually(() => pathOf(page)).toMatch(/^\/audiences\/[^/]+$/);
    expect(await page.getByTestId("audience-title").textContent()).toBe("Technology in Europe");
    await eventually(() => page.getByTestId("audience-member-count").textContent()).toBe(
      `${narrowed.count} members`,
    );
    const saved = (await server.api<{ items: Audience[] }>("/api/v1/audiences")).items.find(
      (audience) => audience.name === "Technology in Europe",
    );
    expect(saved?.rule).toBe(narrower);
    expect(saved?.memberCount).toBe(narrowed.count);

    // The list shows it with its member count; its members are the people the preview counted.
    await page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Audiences" })
      .click();
    const row = page.locator(`[data-testid="audience-row"][data-audience-id="${saved?.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("audience-members").textContent()).toBe(String(narrowed.count));
    expect(await row.getByTestId("audience-rule").textContent()).toBe(narrower);
    await row.click();
    await page.getByTestId("tab-members").click();
    await eventually(() =>
      page.getByTestId("audience-members").getByTestId("member-row").count(),
    ).toBe(Math.min(narrowed.count, 50));
  });

  it("marks a mistake in the rule with its line and column, and keeps the page", async () => {
    const { server, openAs } = suite();
    const rule = 'division = "Technology"\nand regoin = "Europe"';
    const refused = await post<{
      error: { message: string; details: { line: number; column: number } };
    }>(server, "/api/v1/audiences/preview", { rule, sampleSize: 10 });
    expect(refused.status).toBe(422);
    const { line, column } = refused.body.error.details;
    expect([line, column]).toEqual([2, 5]);

    const page = await openAs(adminEmail, "/audiences/new");
    await page.getByTestId("rule-editor").fill(rule);
    const mistake = page.getByTestId("rule-mistake");
    await mistake.waitFor();
    expect(await mistake.getByTestId("rule-mistake-where").textContent()).toBe("Line 2, column 5");
    const message = await mistake.getByTestId("rule-mistake-message").textContent();
    expect(refused.body.error.message.toLowerCase()).toContain(message?.toLowerCase());
    expect(message).toContain('Did you mean "region"?');
    expect(await mistake.getByTestId("rule-mistake-excerpt").innerText()).toBe(
      'and regoin = "Europe"\n    ^^^^^^',
    );
    expect(await page.getByTestId("rule-editor").getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("heading", { level: 1, name: "New audience" }).waitFor();

    // Correcting the rule clears the mark and shows who it selects.
    await page.getByTestId("rule-editor").fill(rule.replace("regoin", "region"));
    await eventually(() => mistake.count()).toBe(0);
    const fixed = await previewOf(server, rule.replace("regoin", "region"));
    await eventually(() => page.getByTestId("preview-count").textContent()).toBe(
      String(fixed.count),
    );
  });

  it("reaches the rule editor and Save with the keyboard, and saves with Enter", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/audiences/new");
    await page.getByTestId("audience-name").focus();
    await page.keyboard.type("Frontline people");
    await page.keyboard.press("Tab");
    expect(await focusedTestId(page)).toBe("audience-description");
    await page.keyboard.press("Tab");
    expect(await focusedTestId(page)).toBe("rule-editor");
    // A field name is completed from the keyboard: Tab to the suggestion, Enter takes it.
    await page.keyboard.type("ta");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Complete with tags",
    );
    await page.keyboard.press("Enter");
    expect(await focusedTestId(page)).toBe("rule-editor");
    await page.keyboard.type('has "frontline"');
    expect(await page.getByTestId("rule-editor").inputValue()).toBe('tags has "frontline"');

    const expected = await previewOf(server, 'tags has "frontline"');
    // The preview has caught up, so no mistake from half-typed text sits in the way.
    await eventually(() => page.getByTestId("preview-count").textContent()).toBe(
      String(expected.count),
    );
    await eventually(() => page.getByTestId("rule-preview").getAttribute("data-up-to-date")).toBe(
      "true",
    );

    const stops: (string | null)[] = [];
    for (let i = 0; i < 6 && stops.at(-1) !== "save-audience"; i++) {
      await page.keyboard.press("Tab");
      stops.push(await focusedTestId(page));
    }
    expect(stops).toEqual(["rule-help-toggle", "Cancel", "save-audience"]);
    await page.keyboard.press("Enter");
    await eventually(() => pathOf(page)).toMatch(/^\/audiences\/[^/]+$/);
    await eventually(() => page.getByTestId("audience-member-count").textContent()).toBe(
      `${expected.count} members`,
    );
  });

  it("creates a program with two modules, publishes it read-only, and a new draft copies the modules", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/programs");
    await page.getByTestId("new-program").click();
    await page.getByTestId("program-name").fill("Anti-money laundering 2026");
    await page.getByTestId("program-description").fill("Yearly AML refresher for every employee.");
    await page.getByTestId("create-program").click();
    await eventually(() => pathOf(page)).toMatch(/^\/programs\/[^/]+\/versions\/[^/]+$/);
    const [, , programId = "", , firstId = ""] = pathOf(page).split("/");
    expect(await page.getByTestId("version-title").textContent()).toBe("Version 1");
    expect(await page.getByTestId("version-status").textContent()).toBe("Draft");

    // Module 1: e-learning with a German variant.
    await page.getByTestId("add-module").click();
    const first = page.getByTestId("module-editor").nth(0);
    await first.getByTestId("module-title-input").fill("AML basics");
    await first.getByTestId("module-iri-input").fill("https://lms.example.com/courses/aml-basics");
    await first.getByTestId("module-minutes").fill("45");
    await first.getByTestId("add-variant").click();
    await first.getByTestId("variant-locale").fill("de-DE");
    await first.getByTestId("variant-title").fill("Geldwäsche-Grundlagen");

    // Module 2: an assessment, which needs no activity IRI; it takes the first place.
    await page.getByTestId("add-module").click();
    const second = page.getByTestId("module-editor").nth(1);
    await second.getByTestId("module-kind").click();
    await page.getByRole("option", { name: "Assessment" }).click();
    await second.getByTestId("module-title-input").fill("AML check");
    await second.getByTestId("module-minutes").fill("15");
    await page.getByRole("button", { name: "Move module 2 up" }).click();
    expect(
      await page.getByTestId("module-editor").nth(0).getByTestId("module-title-input").inputValue(),
    ).toBe("AML check");

    await page.getByTestId("save-version").click();
    await eventually(() => page.getByTestId("editor-status").textContent()).toContain(
      "All changes saved",
    );
    const saved = await server.api<Version>(`/api/v1/program-versions/${firstId}`);
    expect(saved.modules.map((m) => [m.kind, m.title, m.expectedMinutes])).toEqual([
      ["assessment", "AML check", 15],
      ["elearning", "AML basics", 45],
    ]);
    expect(saved.modules[1]?.variants).toEqual([
      { locale: "de-DE", title: "Geldwäsche-Grundlagen" },
    ]);

    await page.getByTestId("publish-version").click();
    const dialog = page.getByRole("dialog", { name: "Publish version 1?" });
    expect(await dialog.textContent()).toContain("A published version cannot change");
    await dialog.getByTestId("confirm-publish").click();

    // Published: read-only, with the way to a new draft.
    await page.getByTestId("published-note").waitFor();
    expect(await page.getByTestId("version-status").textContent()).toBe("Published");
    expect(await page.getByTestId("module-editor").count()).toBe(0);
    expect(await page.getByTestId("add-module").count()).toBe(0);
    expect(await page.getByTestId("module-title").allTextContents()).toEqual([
      "1. AML check",
      "2. AML basics",
    ]);
    expect(await page.getByTestId("version-duration").textContent()).toBe("1 h");
    expect((await server.api<Version>(`/api/v1/program-versions/${firstId}`)).status).toBe(
      "published",
    );

    await page.getByTestId("new-draft").click();
    await eventually(() => pathOf(page)).not.toBe(`/programs/${programId}/versions/${firstId}`);
    await eventually(() => page.getByTestId("version-title").textContent()).toBe("Version 2");
    expect(await page.getByTestId("version-status").textContent()).toBe("Draft");
    const titles = page.getByTestId("module-title-input");
    await eventually(() => titles.count()).toBe(2);
    expect([await titles.nth(0).inputValue(), await titles.nth(1).inputValue()]).toEqual([
      "AML check",
      "AML basics",
    ]);
    expect(await page.getByTestId("variant-locale").inputValue()).toBe("de-DE");
    const secondId = pathOf(page).split("/").at(-1) ?? "";
    const copy = await server.api<Version>(`/api/v1/program-versions/${secondId}`);
    const strip = ({ kind, title, activityIri, expectedMinutes, required, variants }: Module) => ({
      kind,
      title,
      activityIri,
      expectedMinutes,
      required,
      variants,
    });
    expect(copy.modules.map(strip)).toEqual(saved.modules.map(strip));

    // The program lists both versions, newest first.
    await page.getByRole("link", { name: "Anti-money laundering 2026" }).click();
    await eventually(() => pathOf(page)).toBe(`/programs/${programId}`);
    await eventually(() =>
      page.getByTestId("version-row").getByTestId("version-status").allTextContents(),
    ).toEqual(["Draft", "Published"]);
    expect(await page.getByTestId("open-draft").isVisible()).toBe(true);
  });

  it("sets the verbs that complete a module from the keyboard, publishes them and copies them", async () => {
    const { server, openAs } = suite();
    const mastered = "http://adlnet.gov/expapi/verbs/mastered";
    const created = await post<{ id: string; versions: { id: string }[] }>(
      server,
      "/api/v1/programs",
      {
        name: "Sanctions screening",
        description: "",
        modules: [
          {
            kind: "elearning",
            title: "Screening basics",
            activityIri: "https://lms.example.com/courses/screening",
            expectedMinutes: 20,
          },
        ],
      },
    );
    expect(created.status).toBe(201);
    const programId = created.body.id;
    const draftId = created.body.versions[0]?.id ?? "";
    const before = await server.api<Version>(`/api/v1/program-versions/${draftId}`);
    expect(before.modules[0]).toMatchObject({
      completionVerbs: [
        "http://adlnet.gov/expapi/verbs/completed",
        "http://adlnet.gov/expapi/verbs/passed",
        "https://w3id.org/xapi/adl/verbs/satisfied",
      ],
      completionVerbsSet: false,
    });

    const page = await openAs(adminEmail, `/programs/${programId}/versions/${draftId}`);
    const module = page.getByTestId("module-editor").nth(0);
    const defaults = module.getByTestId("module-default-verbs");
    await defaults.waitFor();
    expect(await defaults.isChecked()).toBe(true);
    expect(await module.getByTestId("module-verbs-input").count()).toBe(0);

    // Space turns the defaults off; the verbs input comes next, starting from the defaults.
    await defaults.focus();
    await page.keyboard.press("Space");
    expect(await defaults.isChecked()).toBe(false);
    await page.keyboard.press("Tab");
    expect(await focusedTestId(page)).toBe("module-verbs-input");
    const pills = module.getByTestId("module-verb");
    expect(await pills.allTextContents()).toEqual(["completed", "passed", "satisfied"]);
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    expect(await pills.count()).toBe(0);

    // A word is not an IRI: saving marks the field and keeps the draft.
    await page.keyboard.type("mastered");
    await page.keyboard.press("Enter");
    await page.getByTestId("save-version").click();
    const verbs = module.getByTestId("module-verbs-input");
    await eventually(() => verbs.getAttribute("aria-invalid")).toBe("true");
    expect(await module.getByTestId("module-verbs").textContent()).toContain(
      "“mastered” is not an IRI",
    );
    await verbs.focus();
    await page.keyboard.press("Backspace");
    await page.keyboard.type(mastered);
    await page.keyboard.press("Enter");
    expect(await pills.allTextContents()).toEqual(["mastered"]);
    expect(await pills.getAttribute("title")).toBe(mastered);
    await eventually(() => verbs.getAttribute("aria-invalid")).toBe("false");

    // The "marked in red" notification sits over Save; the keyboard reaches it all the same.
    await page.getByTestId("save-version").focus();
    await page.keyboard.press("Enter");
    await eventually(() => page.getByTestId("editor-status").textContent()).toContain(
      "All changes saved",
    );
    const saved = await server.api<Version>(`/api/v1/program-versions/${draftId}`);
    expect(saved.modules[0]?.completionVerbs).toEqual([mastered]);
    expect(saved.modules[0]?.completionVerbsSet).toBe(true);

    // Published, the read-only view names the verbs. The notification closes once the pointer
    // (left over Save, where it appeared) moves away.
    await page.mouse.move(0, 0);
    await eventually(() => page.getByText("The fields to fix are marked in red.").count()).toBe(0);
    await page.getByTestId("publish-version").click();
    await page.getByTestId("confirm-publish").click();
    await page.getByTestId("published-note").waitFor();
    const shown = page.getByTestId("module-item").getByTestId("module-verbs");
    expect(await shown.textContent()).toBe("Completes on: mastered");
    expect(await shown.locator(`[data-verb="${mastered}"]`).count()).toBe(1);

    // A new draft keeps the override.
    await page.getByTestId("new-draft").click();
    await eventually(() => page.getByTestId("version-title").textContent()).toBe("Version 2");
    const copied = page.getByTestId("module-editor").nth(0);
    await copied.getByTestId("module-verbs-input").waitFor();
    expect(await copied.getByTestId("module-default-verbs").isChecked()).toBe(false);
    expect(await copied.getByTestId("module-verb").allTextContents()).toEqual(["mastered"]);
    const secondId = pathOf(page).split("/").at(-1) ?? "";
    const copy = await server.api<Version>(`/api/v1/program-versions/${secondId}`);
    expect(copy.modules[0]).toMatchObject({
      completionVerbs: [mastered],
      completionVerbsSet: true,
    });
    expect(await page.getByTestId("save-version").isDisabled()).toBe(true);

    // At phone width the verbs fit without sideways scrolling.
    await page.setViewportSize(phone);
    await copied.getByTestId("module-verbs-input").focus();
    await eventually(() => pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: "/tmp/verbs-phone-open.png" });
    await page.keyboard.press("Escape");
    await copied.getByTestId("module-verbs").screenshot({ path: "/tmp/verbs-phone.png" });
  });

  it("renames a program and changes its description from its page", async () => {
    const { server, openAs } = suite();
    const created = await post<{ id: string }>(server, "/api/v1/programs", {
      name: "Privacy basics",
      description: "A first look at privacy.",
      modules: [],
    });
    expect(created.status).toBe(201);
    const programId = created.body.id;

    const page = await openAs(adminEmail, `/programs/${programId}`);
    await eventually(() => page.getByTestId("program-title").textContent()).toBe("Privacy basics");
    await page.getByTestId("edit-program").click();
    const form = page.getByTestId("edit-program-form");
    await form.waitFor();
    expect(await page.getByTestId("edit-program-name").inputValue()).toBe("Privacy basics");
    await page.getByTestId("edit-program-name").fill("Privacy essentials");
    await page
      .getByTestId("edit-program-description")
      .fill("What everyone must know about privacy.");
    await page.getByTestId("save-program").click();
    await form.waitFor({ state: "detached" });

    await eventually(() => page.getByTestId("program-title").textContent()).toBe(
      "Privacy essentials",
    );
    expect(await page.textContent("main")).toContain("What everyone must know about privacy.");
    const saved = await server.api<{ name: string; description: string; versions: unknown[] }>(
      `/api/v1/programs/${programId}`,
    );
    expect(saved).toMatchObject({
      name: "Privacy essentials",
      description: "What everyone must know about privacy.",
    });
    expect(saved.versions).toHaveLength(1);
  });

  it("pages an audience's members by the members the reader may see", async () => {
    const { server, openAs } = suite();
    const created = await post<Audience>(server, "/api/v1/audiences", {
      name: "Europe and North America",
      rule: 'region in ("Europe", "North America")',
    });
    expect(created.status).toBe(201);
    const audience = created.body;
    // A regional lead sees Europe only: fewer members than the audience has.
    const lead = demoUser(server, "regional_lead");
    const visible = await server.api<{ total: number }>(
      `/api/v1/audiences/${audience.id}/members?pageSize=1`,
      lead.email,
    );
    expect(visible.total).toBeGreaterThan(50);
    expect(visible.total).toBeLessThan(audience.memberCount);

    const page = await openAs(lead.email, `/audiences/${audience.id}?tab=members`);
    await eventually(() => page.getByTestId("members-range").textContent()).toBe(
      `1–50 of ${visible.total}`,
    );
    const pages = Math.ceil(visible.total / 50);
    const pageButtons = page
      .getByTestId("members-pagination")
      .getByRole("button", { name: /^Page \d+$/ });
    expect(await pageButtons.count()).toBe(pages);

    // The last page holds the rest, and no page past it is offered.
    await page.getByRole("button", { name: `Page ${pages}` }).click();
    await eventually(() => page.getByTestId("members-range").textContent()).toBe(
      `${(pages - 1) * 50 + 1}–${visible.total} of ${visible.total}`,
    );
    expect(await page.getByTestId("member-row").count()).toBe(visible.total - (pages - 1) * 50);
  });

  it("fits a phone: audiences as cards and the builder without sideways scrolling", async () => {
    const { server, openAs } = suite();
    const created = await post<Audience>(server, "/api/v1/audiences", {
      name: "People managers",
      description: "Everyone with reports.",
      rule: 'tags has "people-manager"',
    });
    expect(created.status).toBe(201);

    const page = await openAs(adminEmail, "/audiences", phone);
    const card = page.locator(
      `[data-testid="audience-row"][data-audience-id="${created.body.id}"]`,
    );
    await card.waitFor();
    expect(await page.getByTestId("audiences-table").count()).toBe(0);
    expect(await card.evaluate((element) => element.tagName)).toBe("A");
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

    await card.click();
    await eventually(() => page.getByTestId("audience-member-count").textContent()).toBe(
      `${created.body.memberCount} members`,
    );
    await eventually(() => page.getByTestId("preview-count").textContent()).toBe(
      String(created.body.memberCount),
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await page.getByTestId("tab-changes").click();
    await page.getByTestId("changes-empty").waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  });
});
