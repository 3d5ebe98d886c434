import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually } from "../browser.js";
import type { BrowserSuite } from "../fixture.js";
import { demoPeople, demoUser, type DirectorySummary, type PeoplePage } from "../server.js";

const navigation = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });

const regionCells = (page: Page) =>
  page
    .getByTestId("person-row")
    .evaluateAll((rows) =>
      rows.map((row) => (row as HTMLTableRowElement).cells[3]?.textContent ?? ""),
    );

/** Each role sees its own part of the directory in the web app, as the API scopes it. */
export function scopingTests(suite: () => BrowserSuite): void {
  describe("what each role sees", () => {
    it("shows a regional lead only their region, and no imports", async () => {
      const { server, openAs } = suite();
      const lead = demoUser(server, "regional_lead");
      const me = await server.api<{ user: { scope: { regions: string[] } } }>(
        "/api/v1/auth/me",
        lead.email,
      );
      const [region] = me.user.scope.regions;
      const scoped = await server.api<PeoplePage>("/api/v1/people?pageSize=200", lead.email);
      const summary = await server.api<DirectorySummary>("/api/v1/directory/summary", lead.email);
      expect(scoped.total).toBeGreaterThan(0);
      expect(scoped.total).toBeLessThan(demoPeople);
      expect(scoped.total, "everyone in scope fits on one page").toBeLessThanOrEqual(200);
      expect(summary.byRegion.map((facet) => facet.value)).toEqual([region]);

      const page = await openAs(lead.email, "/");
      await eventually(() => page.getByTestId("stat-active").textContent()).toBe(
        String(scoped.total),
      );
      expect(await page.getByTestId("current-user-role").textContent()).toBe("Regional lead");
      expect(await navigation(page).getByRole("link", { name: "People" }).count()).toBe(1);
      expect(await navigation(page).getByRole("link", { name: "Imports" }).count()).toBe(0);

      await navigation(page).getByRole("link", { name: "People" }).click();
      await eventually(() => page.getByTestId("people-total").textContent()).toBe(
        `${scoped.total} people`,
      );
      // One page holds everyone in scope, so every row the lead can see is checked.
      await page.getByTestId("page-size").click();
      await page.getByRole("option", { name: "200 per page" }).click();
      await eventually(() => page.getByTestId("person-row").count()).toBe(scoped.total);
      expect(new Set(await regionCells(page))).toEqual(new Set([region]));

      // Typing the address of the imports page does not get round the missing menu item.
      await page.goto("/imports");
      await page.getByRole("heading", { name: "No access" }).waitFor();
      expect(await page.getByTestId("import-file-input").count()).toBe(0);
    });

    it("shows a learner only themselves", async () => {
      const { server, openAs } = suite();
      const learner = demoUser(server, "learner");
      const scoped = await server.api<PeoplePage>("/api/v1/people", learner.email);
      expect(scoped.total).toBe(1);
      const [self] = scoped.items;

      const page = await openAs(learner.email, "/people");
      await eventually(() => page.getByTestId("people-total").textContent()).toBe("1 person");
      const rows = page.getByTestId("person-row");
      expect(await rows.count()).toBe(1);
      expect(await rows.getAttribute("data-person-id")).toBe(self?.id);
      expect(await rows.getByRole("link").textContent()).toBe(self?.name);
      expect(await navigation(page).getByRole("link", { name: "Imports" }).count()).toBe(0);

      // Someone else's page answers as if they did not exist.
      const everyone = await server.api<PeoplePage>("/api/v1/people");
      const other = everyone.items.find((person) => person.id !== self?.id);
      await page.goto(`/people/${encodeURIComponent(other?.id ?? "")}`);
      await page.getByTestId("person-not-found").waitFor();
    });

    it("shows a manager their own part of the organisation", async () => {
      const { server, openAs } = suite();
      const manager = demoUser(server, "manager");
      const scoped = await server.api<PeoplePage>("/api/v1/people", manager.email);
      expect(scoped.total).toBeGreaterThan(1);
      expect(scoped.total).toBeLessThan(demoPeople);

      const page = await openAs(manager.email, "/");
      await eventually(() => page.getByTestId("stat-active").textContent()).toBe(
        String(scoped.total),
      );
      await page.goto("/people");
      await eventually(() => page.getByTestId("people-total").textContent()).toBe(
        `${scoped.total} people`,
      );
    });
  });
}
