import { describe, expect, it } from "vitest";
import { eventually, signInWithForm } from "../browser.js";
import type { BrowserSuite } from "../fixture.js";
import { adminEmail, demoPeople, e2ePassword, type DirectorySummary } from "../server.js";

const pathOf = (url: string) => new URL(url).pathname;

/** The sign-in page, the overview it leads to, and signing out. */
export function signInTests(suite: () => BrowserSuite): void {
  describe("signing in and out", () => {
    it("shows an error for a wrong password and stays on the sign-in page", async () => {
      const page = await (await suite().context()).newPage();
      await page.goto("/");
      await eventually(() => pathOf(page.url())).toBe("/sign-in");

      await page.getByLabel("Email").fill(adminEmail);
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();

      const error = page.getByTestId("sign-in-error");
      await error.waitFor();
      expect(await error.textContent()).toContain("The e-mail or password is not right.");
      expect(pathOf(page.url())).toBe("/sign-in");
      expect(await page.getByTestId("current-user").count()).toBe(0);
    });

    it("opens the overview with the directory's headcounts, and signs out", async () => {
      const { server, context } = suite();
      const page = await (await context()).newPage();
      await page.goto("/sign-in");
      await signInWithForm(page, adminEmail, e2ePassword);

      expect(pathOf(page.url())).toBe("/");
      expect(await page.getByTestId("current-user-name").textContent()).toBe("Alex Admin");
      expect(await page.getByTestId("current-user-role").textContent()).toBe("Administrator");
      await page.getByRole("heading", { level: 1, name: /, Alex$/ }).waitFor();

      const summary = await server.api<DirectorySummary>("/api/v1/directory/summary");
      expect(summary.active).toBe(demoPeople);
      await eventually(() => page.getByTestId("stat-active").textContent()).toBe(
        String(summary.active),
      );
      expect(await page.getByTestId("stat-regions").textContent()).toBe(
        String(summary.byRegion.length),
      );
      expect(await page.getByTestId("stat-leavers").textContent()).toBe("0");

      await page.getByRole("button", { name: "Sign out" }).click();
      await eventually(() => pathOf(page.url())).toBe("/sign-in");
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      // The server ended the session too: opening a page again asks to sign in.
      await page.goto("/people");
      await eventually(() => pathOf(page.url())).toBe("/sign-in");
      expect((await page.request.get("/api/v1/auth/me")).status()).toBe(401);
    });

    it("sends a signed-out visitor to sign in, then back to the page they asked for", async () => {
      const page = await (await suite().context()).newPage();
      await page.goto("/people?division=Technology");
      await eventually(() => pathOf(page.url())).toBe("/sign-in");

      await signInWithForm(page, adminEmail, e2ePassword);
      await eventually(() => page.url()).toMatch(/\/people\?division=Technology$/);
      await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
      expect(await page.getByTestId("filter-division").inputValue()).toContain("Technology");
    });
  });
}
