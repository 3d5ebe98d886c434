import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually } from "../browser.js";
import type { BrowserSuite } from "../fixture.js";
import {
  adminEmail,
  demoPeople,
  demoUser,
  type PeoplePage,
  type PersonPage,
  type PersonSummary,
} from "../server.js";

const rowIds = (page: Page) =>
  page
    .getByTestId("person-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-person-id")));

const rowNames = (page: Page) =>
  page
    .getByTestId("person-row")
    .evaluateAll((rows) => rows.map((row) => row.querySelector("a")?.textContent ?? ""));

const folded = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/** Waits until the list shows exactly the people the API lists for the same query. */
async function expectRowsOf(page: Page, expected: PeoplePage): Promise<void> {
  await eventually(() => rowIds(page)).toEqual(expected.items.map((person) => person.id));
  await eventually(() => page.getByTestId("people-total").textContent()).toBe(
    `${expected.total} ${expected.total === 1 ? "person" : "people"}`,
  );
}

/** The People list (search, filters, paging, keyboard) and a person's page. */
export function peopleTests(suite: () => BrowserSuite): void {
  describe("the people directory", () => {
    async function personByEmail(email: string): Promise<PersonSummary> {
      const found = await suite().server.api<PeoplePage>(
        `/api/v1/people?q=${encodeURIComponent(email)}`,
      );
      const person = found.items.find((candidate) => candidate.email === email);
      if (!person) throw new Error(`No person with e-mail ${email}`);
      return person;
    }

    it("lists everyone with a total and pages through them", async () => {
      const { server, openAs } = suite();
      const page = await openAs(adminEmail, "/people");
      const [first, second] = await Promise.all([
        server.api<PeoplePage>("/api/v1/people?page=1&pageSize=50"),
        server.api<PeoplePage>("/api/v1/people?page=2&pageSize=50"),
      ]);
      expect(first.total).toBe(demoPeople);
      await expectRowsOf(page, first);
      expect(await page.getByTestId("people-range").textContent()).toBe("1–50 of 300");

      await page.getByRole("button", { name: "Next page" }).click();
      await expectRowsOf(page, second);
      expect(new URL(page.url()).searchParams.get("page")).toBe("2");
      expect(await page.getByTestId("people-range").textContent()).toBe("51–100 of 300");

      await page.goBack();
      await expectRowsOf(page, first);
    });

    it("narrows the list while typing a family name", async () => {
      const { server, openAs } = suite();
      const learner = await personByEmail(demoUser(server, "learner").email);
      const familyName = learner.name.split(" ").at(-1) ?? learner.name;
      const expected = await server.api<PeoplePage>(
        `/api/v1/people?q=${encodeURIComponent(familyName)}`,
      );
      expect(expected.total).toBeLessThan(demoPeople);

      const page = await openAs(adminEmail, "/people");
      await page.getByTestId("person-row").first().waitFor();
      await page.getByTestId("people-search").pressSequentially(familyName, { delay: 20 });

      await expectRowsOf(page, expected);
      expect(await rowNames(page)).toContain(learner.name);
      // Search ignores case and accents: "André" also finds "Andreas".
      for (const name of await rowNames(page)) {
        const words = folded(name).split(/[\s-]+/);
        expect(
          words.some((word) => word.startsWith(folded(familyName))),
          name,
        ).toBe(true);
      }
      expect(new URL(page.url()).searchParams.get("q")).toBe(familyName);

      // Enter searches at once, and the search stays: the list does not jump back to everyone
      // when the typing pause ends (it did, and a row clicked meanwhile was left again).
      const visited: string[] = [];
      page.on("framenavigated", (frame) => visited.push(frame.url()));
      await page.getByTestId("people-search").fill(learner.name);
      await page.getByTestId("people-search").press("Enter");
      await expectRowsOf(
        page,
        await server.api<PeoplePage>(`/api/v1/people?q=${encodeURIComponent(learner.name)}`),
      );
      await page.waitForTimeout(500); // longer than the search box's typing pause
      expect(visited.map((url) => new URL(url).searchParams.get("q"))).toEqual([learner.name]);
    });

    it("filters by division, and the filter lives in the URL", async () => {
      const { server, openAs } = suite();
      const facets = await server.api<{ division: { value: string; count: number }[] }>(
        "/api/v1/people/facets",
      );
      const division = facets.division.find((facet) => facet.count > 1 && facet.count < 50);
      if (!division) throw new Error("The demo organisation has no small division");

      const page = await openAs(adminEmail, "/people");
      await page.getByTestId("filter-division").click();
      await page.getByRole("option", { name: `${division.value} (${division.count})` }).click();

      await eventually(() => new URL(page.url()).searchParams.get("division")).toBe(division.value);
      const expected = await server.api<PeoplePage>(
        `/api/v1/people?division=${encodeURIComponent(division.value)}`,
      );
      expect(expected.total).toBe(division.count);
      await expectRowsOf(page, expected);
      const divisionCells = await page
        .getByTestId("person-row")
        .evaluateAll((rows) =>
          rows.map((row) => (row as HTMLTableRowElement).cells[2]?.textContent ?? ""),
        );
      for (const cell of divisionCells) expect(cell.startsWith(division.value)).toBe(true);

      // The same URL, opened afresh, shows the same filtered list.
      await page.reload();
      await expectRowsOf(page, expected);
      expect(await page.getByTestId("filter-division").inputValue()).toContain(division.value);
    });

    it("opens a manager's page with their reporting line, reports and history", async () => {
      const { server, openAs } = suite();
      const manager = await personByEmail(demoUser(server, "manager").email);
      const detail = await server.api<PersonPage>(
        `/api/v1/people/${encodeURIComponent(manager.id)}`,
      );
      const ceo = detail.managerChain.at(-1);
      expect(ceo?.managerId).toBeNull();
      expect(detail.directReports.length).toBeGreaterThan(0);

      const page = await openAs(adminEmail, "/people");
      await page.getByTestId("people-search").fill(manager.name);
      await page.getByTestId("people-search").press("Enter");
      await expectRowsOf(
        page,
        await server.api<PeoplePage>(`/api/v1/people?q=${encodeURIComponent(manager.name)}`),
      );
      await page.locator(`[data-testid="person-row"][data-person-id="${manager.id}"]`).click();

      await eventually(() => new URL(page.url()).pathname).toBe(
        `/people/${encodeURIComponent(manager.id)}`,
      );
      expect(await page.getByTestId("person-name").textContent()).toBe(manager.name);
      expect(await page.title()).toBe(`${manager.name} · Cascade`);

      const chain = page.getByTestId("manager-chain");
      const chainLinks = await chain.getByRole("link").allTextContents();
      expect(chainLinks).toEqual([...detail.managerChain].reverse().map((person) => person.name));
      expect(chainLinks[0]).toBe(ceo?.name);

      const reports = page.getByTestId("direct-reports");
      expect(await reports.getByRole("link").allTextContents()).toEqual(
        detail.directReports.map((person) => person.name),
      );

      const history = page.getByTestId("person-history");
      await history.waitFor();
      expect(await history.getByTestId("history-item").getAttribute("data-change")).toBe("joined");

      // The top of the reporting line links to the CEO's own page, which has no manager chain.
      await chain.getByRole("link", { name: ceo?.name ?? "" }).click();
      await eventually(() => page.getByTestId("person-name").textContent()).toBe(ceo?.name);
      expect(await page.getByTestId("manager-chain").count()).toBe(0);
    });

    it("opens a person from the keyboard: Tab to a row, then Enter", async () => {
      const { openAs } = suite();
      const page = await openAs(adminEmail, "/people");
      await page.getByTestId("person-row").first().waitFor();
      const [first, second] = await rowIds(page);
      const focusedRow = () =>
        page.evaluate(() =>
          document.activeElement?.getAttribute("data-testid") === "person-row"
            ? document.activeElement.getAttribute("data-person-id")
            : null,
        );

      // The last column header that takes focus, then one row per Tab.
      await page.getByTestId("sort-hireDate").focus();
      await page.keyboard.press("Tab");
      expect(await focusedRow()).toBe(first);
      await page.keyboard.press("Tab");
      expect(await focusedRow()).toBe(second);

      await page.keyboard.press("Enter");
      await eventually(() => new URL(page.url()).pathname).toBe(
        `/people/${encodeURIComponent(second ?? "")}`,
      );
      await page.getByTestId("person-name").waitFor();
    });
  });
}
