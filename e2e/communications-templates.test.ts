import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { describeInBrowser, eventually, phone } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser } from "./server.js";

/** The JSON shapes these tests read from the API. */
interface Template {
  id: string;
  name: string;
  purpose: string;
  builtIn: boolean;
  variants: { locale: string; subject: string; body: string }[];
}
interface Person {
  id: string;
  name: string;
  email: string | null;
  locale: string | null;
  status: string;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const variantTab = (page: Page, locale: string) =>
  page.locator(`[data-testid="variant-tab"][data-locale="${locale}"]`);
const variantPanel = (page: Page, locale: string) =>
  page.locator(`[data-testid="variant-panel"][data-locale="${locale}"]`);

/** Picks the preview's recipient by typing their name, as one would. */
async function chooseRecipient(page: Page, person: Person) {
  const field = page.getByTestId("preview-person");
  await field.click();
  await field.fill(person.name);
  await page.getByRole("option", { name: new RegExp(`^${escapeRegExp(person.name)}`) }).click();
  await eventually(() => field.inputValue()).toBe(person.name);
}

describeInBrowser("message templates", () => {
  const suite = useCascadeInBrowser();
  /** Someone who reads French, and someone whose language no built-in template has. */
  let french: Person;
  let foreign: Person;

  beforeAll(async () => {
    const { server } = suite();
    const people = await server.api<{ items: Person[] }>(
      "/api/v1/people?pageSize=500&status=active",
    );
    const builtInLanguages = ["en", "fr", "de", "es"];
    const language = (p: Person) => p.locale?.split("-")[0] ?? "";
    const unique = (p: Person) => people.items.filter((o) => o.name === p.name).length === 1;
    const fr = people.items.find((p) => language(p) === "fr" && unique(p));
    const other = people.items.find(
      (p) => p.locale && !builtInLanguages.includes(language(p)) && unique(p),
    );
    if (!fr || !other)
      throw new Error("The demo organisation lacks the languages these tests need");
    french = fr;
    foreign = other;
  });

  it("refuses an unknown variable with its line and column, and saves once it is fixed", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/communications/templates");
    await page.getByTestId("new-template").click();
    await eventually(() => new URL(page.url()).pathname).toBe("/communications/templates/new");
    expect(await page.getByTestId("preview-after-save").textContent()).toContain(
      "Once the template is created",
    );

    await page.getByTestId("template-name-input").fill("E2E Friendly nudge");
    await page.getByTestId("template-purpose-input").click();
    await page.getByRole("option", { name: "Reminder", exact: true }).click();
    // The variables of a reminder are listed beside the text, with how to write them.
    await page.locator('[data-testid="template-variable"][data-name="daysLeft"]').waitFor();
    expect(
      await page.locator('[data-testid="template-variable"][data-name="daysLeft"]').textContent(),
    ).toContain("{daysLeft, plural, one {# day} other {# days}}");
    expect(
      await page.locator('[data-testid="template-variable"][data-name="dueDate"]').textContent(),
    ).toContain("{dueDate, date, long}");

    const wrongLine = "Only {daysLeft, plural, one {# day} other {# days}} left, {fristName}!";
    const column = wrongLine.indexOf("{fristName}") + 1;
    const body = (line3: string) => `Hello {firstName},\n\n${line3}\n\nStart here: {launchLink}`;
    await page.getByTestId("variant-subject").fill("Still to do: {programName}");
    await page.getByTestId("variant-body").fill(body(wrongLine));

    // The live check names the language, field, line and column, and marks the tab.
    const expectedProblem = `en body, line 3, column ${column}: unknown variable "fristName". Did you mean "firstName"?`;
    const problems = variantPanel(page, "en").getByTestId("template-problem");
    await eventually(() => problems.allTextContents()).toEqual([expectedProblem]);
    expect(await variantTab(page, "en").getAttribute("data-problems")).toBe("1");
    expect(await page.getByTestId("template-problems").textContent()).toContain(expectedProblem);

    // The server refuses it too (422), and its answer is shown the same way.
    const refused = page.waitForResponse(
      (response) =>
        response.url().endsWith("/api/v1/communications/templates") &&
        response.request().method() === "POST",
    );
    await page.getByTestId("save-template").click();
    expect((await refused).status()).toBe(422);
    await eventually(() => problems.allTextContents()).toEqual([expectedProblem]);
    expect(new URL(page.url()).pathname).toBe("/communications/templates/new");

    // Fixing it clears the problem and the tab's mark.
    const fixedLine = wrongLine.replace("{fristName}", "{firstName}");
    await page.getByTestId("variant-body").fill(body(fixedLine));
    await eventually(() => page.getByTestId("template-problem").count()).toBe(0);
    expect(await variantTab(page, "en").getAttribute("data-problems")).toBe("0");

    // A variable goes in at the cursor.
    const subject = page.getByTestId("variant-subject");
    await subject.focus();
    await page.keyboard.press("End");
    await page.keyboard.type(" (");
    await page.getByRole("button", { name: "Insert {waveName}" }).click();
    await page.keyboard.type(")");
    expect(await subject.inputValue()).toBe("Still to do: {programName} ({waveName})");

    // A language must be a BCP 47 code; an empty one is refused on saving, and can be removed.
    await page.getByTestId("new-locale").fill("french");
    await page.getByTestId("add-locale").click();
    await page.getByText("Use a BCP 47 language code, like en, fr or fr-CA.").waitFor();
    await page.getByTestId("new-locale").fill("fr-ca");
    await page.getByTestId("add-locale").click();
    await variantTab(page, "fr-CA").waitFor();
    expect(await variantTab(page, "fr-CA").getAttribute("aria-selected")).toBe("true");
    await page.getByTestId("save-template").click();
    await eventually(() =>
      variantPanel(page, "fr-CA").getByTestId("template-problem").allTextContents(),
    ).toEqual([
      "fr-CA subject, line 1, column 1: the subject is empty",
      "fr-CA body, line 1, column 1: the body is empty",
    ]);
    expect(await variantTab(page, "fr-CA").getAttribute("data-problems")).toBe("2");
    await variantPanel(page, "fr-CA").getByTestId("remove-locale").click();
    await variantTab(page, "fr-CA").waitFor({ state: "detached" });
    await eventually(() => page.getByTestId("template-problem").count()).toBe(0);

    await page.getByTestId("save-template").click();
    await page.getByText("Template created").waitFor();
    await eventually(() => new URL(page.url()).pathname).not.toBe("/communications/templates/new");
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const saved = await server.api<Template>(`/api/v1/communications/templates/${id}`);
    expect(saved).toMatchObject({
      name: "E2E Friendly nudge",
      purpose: "reminder",
      builtIn: false,
    });
    expect(saved.variants).toEqual([
      { locale: "en", subject: "Still to do: {programName} ({waveName})", body: body(fixedLine) },
    ]);
    await eventually(() => page.getByTestId("template-title").textContent()).toBe(
      "E2E Friendly nudge",
    );

    // Reloaded, the editor shows the saved text; the purpose is fixed now.
    await page.reload();
    await eventually(() => page.getByTestId("variant-body").inputValue()).toBe(body(fixedLine));
    expect(await page.getByTestId("template-purpose-input").isDisabled()).toBe(true);
    await page.getByTestId("template-preview").waitFor();
  });

  it("previews unsaved French text for a French speaker, and the fallback for someone whose language has none", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/communications/templates/default-reminder");
    await variantTab(page, "fr").waitFor();
    expect(
      await page
        .getByTestId("variant-tab")
        .evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute("data-locale"))),
    ).toEqual(["de", "en", "es", "fr"]);

    // Changed but not saved: the preview shows the text as it stands in the editor.
    await variantTab(page, "fr").click();
    const subject = variantPanel(page, "fr").getByTestId("variant-subject");
    await subject.fill("Rappel E2E : {programName} vous attend");
    await chooseRecipient(page, french);
    await page.getByTestId("render-preview").click();
    const result = page.getByTestId("preview-result");
    await eventually(() => result.getByTestId("preview-subject").textContent()).toMatch(
      /^Rappel E2E :/,
    );
    expect(await result.getByTestId("preview-locale").textContent()).toBe("fr");
    const explanation = result.getByTestId("preview-locale-explanation");
    expect(await explanation.getAttribute("data-fallback")).toBe("false");
    expect(await explanation.textContent()).toContain("the recipient's language");
    const firstName = french.name.split(" ")[0] ?? french.name;
    expect(await result.getByTestId("preview-text").textContent()).toContain(
      `Bonjour ${firstName},`,
    );
    const frame = page.getByTestId("preview-html");
    expect(await frame.getAttribute("sandbox")).toBe("");
    await eventually(() =>
      page.frameLocator('[data-testid="preview-html"]').locator("body").textContent(),
    ).toContain(`Bonjour ${firstName},`);

    // Someone whose language has no text gets the fallback, and the preview says so.
    await chooseRecipient(page, foreign);
    await page.getByTestId("render-preview").click();
    await eventually(() => result.getByTestId("preview-locale").textContent()).toBe("en");
    expect(await explanation.getAttribute("data-fallback")).toBe("true");
    expect(await explanation.textContent()).toContain("the fallback");
    expect(await explanation.textContent()).toContain(foreign.locale ?? "");
    expect(await result.getByTestId("preview-subject").textContent()).toMatch(/^Reminder:/);

    // A language can be asked for instead.
    await page.getByTestId("preview-locale-choice").click();
    await page.getByRole("option", { name: /^de\b/ }).click();
    await page.getByTestId("render-preview").click();
    await eventually(() => result.getByTestId("preview-locale").textContent()).toBe("de");
    expect(await explanation.textContent()).toContain("as asked");

    // Saved, the change stays.
    await page.getByTestId("save-template").click();
    await page.getByText("Template saved").waitFor();
    const saved = await server.api<Template>("/api/v1/communications/templates/default-reminder");
    expect(saved.variants.find((v) => v.locale === "fr")?.subject).toBe(
      "Rappel E2E : {programName} vous attend",
    );
    await page.reload();
    await variantTab(page, "fr").click();
    await eventually(() =>
      variantPanel(page, "fr").getByTestId("variant-subject").inputValue(),
    ).toBe("Rappel E2E : {programName} vous attend");
  });

  it("sends a test to the signed-in operator and says it was kept in the local outbox", async () => {
    const { openAs } = suite();
    const page = await openAs(adminEmail, "/communications/templates/default-launch");
    await page.getByTestId("template-preview").waitFor();
    await chooseRecipient(page, french);
    await page.getByTestId("send-test").click();
    await page.getByText(`Test for ${adminEmail} kept in the local outbox`).waitFor();
    await page
      .getByText(
        "No mail server is configured, so it was kept in the local outbox instead of being sent.",
      )
      .waitFor();
  });

  it("lists the templates with their languages, narrowed by purpose through the URL", async () => {
    const { server, openAs } = suite();
    const all = (await server.api<{ items: Template[] }>("/api/v1/communications/templates")).items;
    const page = await openAs(adminEmail, "/communications/templates");
    await eventually(() => page.getByTestId("template-row").count()).toBe(all.length);
    const launch = page.locator('[data-testid="template-row"][data-template-id="default-launch"]');
    expect(await launch.getByTestId("template-locale").allTextContents()).toEqual([
      "de",
      "en",
      "es",
      "fr",
    ]);
    expect(await launch.getByTestId("template-built-in").count()).toBe(1);
    expect(await launch.getByTestId("template-purpose").textContent()).toBe("Launch");

    await page.getByTestId("template-filter-purpose").click();
    await page.getByRole("option", { name: "Overdue", exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get("purpose")).toBe("overdue");
    const overdue = all.filter((t) => t.purpose === "overdue");
    await eventually(() => page.getByTestId("template-row").count()).toBe(overdue.length);
    await page.locator('[data-testid="template-row"][data-template-id="default-overdue"]').click();
    await eventually(() => new URL(page.url()).pathname).toBe(
      "/communications/templates/default-overdue",
    );
    await variantTab(page, "en").waitFor();
  });

  it("shows an auditor the text without a way to change it", async () => {
    const { server, openAs } = suite();
    const auditor = demoUser(server, "auditor");
    const page = await openAs(auditor.email, "/communications/templates/default-launch");
    await page.getByTestId("variant-body").waitFor();
    expect(await page.getByTestId("save-template").count()).toBe(0);
    expect(await page.getByTestId("variant-body").getAttribute("readonly")).not.toBeNull();
    expect(await page.getByTestId("send-test").count()).toBe(0);
    expect(await page.getByTestId("insert-variable").count()).toBe(0);
    await page.goto("/communications/templates");
    await page.getByTestId("template-row").first().waitFor();
    expect(await page.getByTestId("new-template").count()).toBe(0);
    await page.goto("/communications/templates/new");
    await page.getByText("You cannot open this page").waitFor();
  });

  it("fits a phone: templates as cards, the editor and preview without sideways scrolling", async () => {
    const { openAs } = suite();
    const page = await openAs(adminEmail, "/communications/templates", phone);
    await page.getByTestId("template-row").first().waitFor();
    expect(await page.getByTestId("templates-table").count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

    await page.locator('[data-testid="template-row"][data-template-id="default-launch"]').click();
    await page.getByTestId("variant-body").waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await chooseRecipient(page, french);
    await page.getByTestId("render-preview").click();
    await page.getByTestId("preview-result").waitFor();
    const frame = await page.getByTestId("preview-html").boundingBox();
    expect((frame?.x ?? 0) + (frame?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  });

  it("opens and edits a template with the keyboard alone", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/communications/templates");
    await page.getByTestId("template-row").first().waitFor();
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return {
          testId: element?.getAttribute("data-testid") ?? "",
          templateId: element?.getAttribute("data-template-id") ?? "",
        };
      });
    /** Presses Tab until `done` holds; fails after `limit` presses. */
    async function tabUntil(done: (f: { testId: string; templateId: string }) => boolean) {
      for (let i = 0; i < 80; i++) {
        if (done(await focused())) return;
        await page.keyboard.press("Tab");
      }
      throw new Error("Not reached with Tab");
    }

    await tabUntil((f) => f.templateId === "default-completion");
    await page.keyboard.press("Enter");
    await eventually(() => new URL(page.url()).pathname).toBe(
      "/communications/templates/default-completion",
    );
    await page.getByTestId("variant-subject").waitFor();
    await tabUntil((f) => f.testId === "variant-subject");
    await page.keyboard.press("End");
    await page.keyboard.type(" (E2E)");
    await tabUntil((f) => f.testId === "save-template");
    await page.keyboard.press("Enter");
    await page.getByText("Template saved").waitFor();
    const saved = await server.api<Template>("/api/v1/communications/templates/default-completion");
    // The first tab is the first language in order.
    expect(saved.variants[0]?.subject).toMatch(/ \(E2E\)$/);
  });
});
