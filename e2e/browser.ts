import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { describe, expect } from "vitest";

/**
 * Browser tests drive Debian's Chromium through playwright-core (no bundled browser download).
 * On CI a missing Chromium fails the run; on a laptop the browser suites are skipped instead.
 */
export const chromiumPath = "/usr/bin/chromium";

const chromiumFound = existsSync(chromiumPath);
if (!chromiumFound) {
  if (process.env.CI === "true") {
    throw new Error(
      `Chromium not found at ${chromiumPath}: browser tests must run on CI. Install it with apt-get install -y chromium.`,
    );
  }
  console.warn(
    `Chromium not found at ${chromiumPath}: browser tests skipped; install it with apt-get install -y chromium`,
  );
}

/** Declares a suite that runs only when Chromium is installed (always under CI=true). */
export const describeInBrowser = describe.skipIf(!chromiumFound);

/**
 * Retries an assertion on what the page shows until it holds (the app renders asynchronously);
 * playwright-core has no web-first assertions of its own.
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

/** Starts a headless Chromium with no network chatter of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Viewport {
  width: number;
  height: number;
}
export const desktop: Viewport = { width: 1440, height: 900 };
export const phone: Viewport = { width: 390, height: 844 };

/** A fresh browser profile (no cookies) pointed at the app; desktop-sized unless told otherwise. */
export async function openContext(
  browser: Browser,
  baseUrl: string,
  viewport: Viewport = desktop,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: "en-GB",
    timezoneId: "Europe/Berlin",
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Signs in through the sign-in form, as a person would, and waits until the app is shown. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-user").waitFor();
}

/** Puts a session cookie into the context, then opens `path` as that signed-in user. */
export async function openSignedIn(
  context: BrowserContext,
  baseUrl: string,
  cookie: { name: string; value: string },
  path: string,
): Promise<Page> {
  await context.addCookies([{ ...cookie, url: baseUrl }]);
  const page = await context.newPage();
  await page.goto(path);
  await page.getByTestId("current-user").waitFor();
  return page;
}
