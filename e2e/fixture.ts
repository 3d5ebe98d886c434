import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launchChromium, openContext, openSignedIn, type Viewport } from "./browser.js";
import { startE2eServer, type E2eServer } from "./server.js";

export interface BrowserSuite {
  server: E2eServer;
  browser: Browser;
  /**
   * The current test's own browser profile (no cookies, nothing cached), created on first use
   * with `viewport` (desktop by default) and closed after the test.
   */
  context: (viewport?: Viewport) => Promise<BrowserContext>;
  /** Opens `path` (default the overview) in the test's context, signed in as `email`. */
  openAs: (email: string, path?: string, viewport?: Viewport) => Promise<Page>;
}

/**
 * Starts a Cascade server and a Chromium for the enclosing suite and closes both after it.
 * Starting them takes seconds (the demo users' password hashes are deliberately slow), so one
 * server serves every suite that only reads; a suite that changes data starts its own.
 */
export function useCascadeInBrowser(): () => BrowserSuite {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let current: Promise<BrowserContext> | undefined;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startE2eServer(), launchChromium()]);
    if (started.status === "fulfilled") server = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    if (started.status === "rejected") throw started.reason;
    if (launched.status === "rejected") throw launched.reason;
  });
  afterEach(async () => {
    const context = current;
    current = undefined;
    await (await context)?.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return () => {
    if (!server || !browser) throw new Error("The browser suite did not start");
    const [started, launched] = [server, browser];
    const context = (viewport?: Viewport) =>
      (current ??= openContext(launched, started.baseUrl, viewport));
    return {
      server: started,
      browser: launched,
      context,
      openAs: async (email, path = "/", viewport) =>
        openSignedIn(
          await context(viewport),
          started.baseUrl,
          await started.sessionCookie(email),
          path,
        ),
    };
  };
}
