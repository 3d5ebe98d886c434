import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually, phone } from "../browser.js";
import type { BrowserSuite } from "../fixture.js";
import { adminEmail, demoUser, type PeoplePage } from "../server.js";

/** The page is no wider than the screen: nothing scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** How far the element's right edge is inside the screen (≤ 0 when pushed off to the left). */
async function rightEdge(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  return box ? box.x + box.width : 0;
}

/** The layout at 390×844: navigation behind a burger, people as cards, no sideways scrolling. */
export function phoneTests(suite: () => BrowserSuite): void {
  describe("on a phone", () => {
    it("hides the navigation behind a burger and lists people as cards without sideways scrolling", async () => {
      const { server, openAs } = suite();
      const page = await openAs(adminEmail, "/", phone);
      await page.getByTestId("stat-active").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

      const navigation = page.getByRole("navigation", { name: "Main navigation" });
      const burger = page.getByRole("button", { name: "Open navigation" });
      expect(await burger.isVisible()).toBe(true);
      expect(await rightEdge(navigation)).toBeLessThanOrEqual(0);
      // The desktop sign-out button gives way to an icon.
      expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);

      await burger.click();
      await eventually(() => navigation.boundingBox().then((box) => box?.x)).toBe(0);
      expect(await page.getByRole("button", { name: "Close navigation" }).isVisible()).toBe(true);
      await navigation.getByRole("link", { name: "People" }).click();

      // Following a link closes the navigation again.
      await eventually(() => rightEdge(navigation)).toBeLessThanOrEqual(0);
      const expected = await server.api<PeoplePage>("/api/v1/people");
      await eventually(() => page.getByTestId("people-total").textContent()).toBe(
        `${expected.total} people`,
      );
      const cards = page.getByTestId("person-row");
      await eventually(() => cards.count()).toBe(expected.items.length);
      expect(await page.getByTestId("people-table").count()).toBe(0);
      expect(await cards.first().evaluate((card) => card.tagName)).toBe("A");
      expect(await cards.first().textContent()).toContain(expected.items[0]?.name);
      expect(await page.getByTestId("people-sort").isVisible()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

      // The filters fold away behind a button.
      expect(await page.getByTestId("filter-division").isVisible()).toBe(false);
      await page.getByRole("button", { name: "Filters", exact: true }).click();
      await eventually(() => page.getByTestId("filter-division").isVisible()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    });

    it("shows a person and the import page without sideways scrolling", async () => {
      const { server, openAs } = suite();
      const managerEmail = demoUser(server, "manager").email;
      const [manager] = (
        await server.api<PeoplePage>(`/api/v1/people?q=${encodeURIComponent(managerEmail)}`)
      ).items;
      const page = await openAs(
        adminEmail,
        `/people/${encodeURIComponent(manager?.id ?? "")}`,
        phone,
      );
      await page.getByTestId("person-history").waitFor();
      expect(await page.getByTestId("person-name").textContent()).toBe(manager?.name);
      await page.getByTestId("direct-reports").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

      await page.goto("/imports");
      await page.getByTestId("preview-import").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    });
  });
}
