import { existsSync } from "node:fs";
import { join } from "node:path";
import { webRoot } from "../src/cascade.js";
import { loadDemoOrganisation, type DemoUser } from "../src/directory/load-demo.js";
import { createUser } from "../src/platform/auth/users.js";
import { createTestDatabase } from "../src/test/databases.js";
import { request, startCascade, type RunningCascade } from "../src/test/http.js";

/** The password of every user the browser tests sign in as. */
export const e2ePassword = "e2e-correct-horse-42";
export const adminEmail = "admin@cascade.local";

/** Size of the demo organisation: enough for several pages, regions and a real hierarchy. */
export const demoPeople = 300;

export interface E2eServer {
  baseUrl: string;
  /** The demo users by role (program_owner, regional_lead, auditor, manager, learner). */
  users: Record<string, DemoUser>;
  /** Reads the API as a user, for comparing what the browser shows with what the server says. */
  api<T>(path: string, email?: string): Promise<T>;
  /**
   * A session cookie for `email`, opened once per suite: signing in costs a deliberately slow
   * password hash, so tests that are not about signing in share it.
   */
  sessionCookie(email: string): Promise<{ name: string; value: string }>;
  stop(): Promise<void>;
}

/**
 * Cascade over real HTTP for one browser suite: a fresh SQLite database holding a 300-person demo
 * organisation with its demo users, an admin, and the built web app from web/dist.
 */
export async function startE2eServer(): Promise<E2eServer> {
  if (!existsSync(join(webRoot, "index.html"))) {
    throw new Error(
      `The web app is not built (${join(webRoot, "index.html")} is missing): run npm run build:web first (npm test does it).`,
    );
  }
  const database = await createTestDatabase("sqlite");
  let server: RunningCascade | undefined;
  try {
    server = await startCascade(database.db);
    const baseUrl = server.baseUrl;
    // The admin is created alongside: the demo adds its users while at most one user exists.
    const [{ users }] = await Promise.all([
      loadDemoOrganisation({
        db: database.db.kysely,
        registry: server.cascade.registry,
        people: demoPeople,
        seed: 2026,
        password: e2ePassword,
      }),
      createUser(database.db.kysely, {
        email: adminEmail,
        name: "Alex Admin",
        password: e2ePassword,
        role: "admin",
      }),
    ]);

    const running = server;
    const cookies = new Map<string, Promise<{ name: string; value: string }>>();
    function sessionCookie(email: string): Promise<{ name: string; value: string }> {
      let cookie = cookies.get(email);
      if (!cookie) {
        cookie = (async () => {
          const login = await request(baseUrl, "/api/v1/auth/login", {
            json: { email, password: e2ePassword },
          });
          const pair = login.headers.get("set-cookie")?.split(";")[0] ?? "";
          const at = pair.indexOf("=");
          if (login.status !== 200 || at < 1)
            throw new Error(`Signing in ${email} through the API failed (${login.status})`);
          return { name: pair.slice(0, at), value: pair.slice(at + 1) };
        })();
        cookies.set(email, cookie);
      }
      return cookie;
    }

    return {
      baseUrl,
      users: Object.fromEntries(users.map((user) => [user.role, user])),
      sessionCookie,
      async api<T>(path: string, email = adminEmail): Promise<T> {
        const { name, value } = await sessionCookie(email);
        const response = await request<T>(baseUrl, path, { as: { cookie: `${name}=${value}` } });
        if (response.status !== 200)
          throw new Error(`GET ${path} as ${email} answered ${response.status}`);
        return response.body;
      },
      async stop() {
        await running.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await server?.stop();
    await database.drop();
    throw error;
  }
}

/** A demo user of `role`; fails when the demo organisation has none. */
export function demoUser(server: E2eServer, role: string): DemoUser {
  const user = server.users[role];
  if (!user) throw new Error(`The demo organisation has no ${role} user`);
  return user;
}

/** The JSON shapes the tests read from the API. */
export interface PersonSummary {
  id: string;
  name: string;
  email: string | null;
  division: string | null;
  region: string | null;
  managerId: string | null;
  status: string;
}
export interface PeoplePage {
  items: PersonSummary[];
  total: number;
}
export interface PersonPage {
  person: PersonSummary;
  managerChain: PersonSummary[];
  directReports: PersonSummary[];
  directReportCount: number;
}
export interface DirectorySummary {
  active: number;
  leavers: number;
  byRegion: { value: string; count: number }[];
  byDivision: { value: string; count: number }[];
}
