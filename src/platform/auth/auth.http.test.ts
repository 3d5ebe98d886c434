import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../test/databases.js";
import {
  request,
  startCascade,
  userWithToken,
  type Credentials,
  type ErrorBody,
  type RunningCascade,
} from "../../test/http.js";
import { clock } from "../clock.js";
import { hashPassword } from "./password.js";
import { permissionsOf } from "./roles.js";
import { createUser, issueApiToken, openSession } from "./users.js";

interface SessionBody {
  user: {
    id: string;
    email: string;
    role: string;
    scope: { regions: string[]; divisions: string[]; personId: string | null };
    permissions: string[];
  };
  csrfToken: string;
}

const adminEmail = "ada.admin@example.com";
const adminPassword = "correct horse battery";
const ownerEmail = "otto.owner@example.com";
// scrypt is slow on purpose (~0.3 s or more): hash the one password once for every engine, and
// open the other sessions directly; only the sign-in tests verify a password.
const adminPasswordHash = hashPassword(adminPassword);

afterEach(() => {
  clock.set(null);
});

describeEachEngine("signing in and API access over HTTP", (use) => {
  let server: RunningCascade;
  let url: string;
  let admin: { cookie: string; csrfToken: string; userId: string };
  let owner: { cookie: string; csrfToken: string };
  let ownerId: string;
  let auditorToken: string;

  const signIn = (email: string, password: string) =>
    request<SessionBody | ErrorBody>(url, "/api/v1/auth/login", { json: { email, password } });

  /** Signs in and returns the session cookie (name=value) and CSRF token. */
  async function session(email: string, password: string) {
    const res = await signIn(email, password);
    if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("cascade_session="));
    if (!setCookie) throw new Error("no session cookie");
    const body = res.body as SessionBody;
    return { cookie: setCookie.split(";")[0] ?? "", csrfToken: body.csrfToken, setCookie, body };
  }

  /** A web session opened directly (no password check, so no scrypt cost). */
  async function cookieSession(userId: string) {
    const opened = await openSession(use().kysely, userId, 12);
    return { cookie: `cascade_session=${opened.cookie}`, csrfToken: opened.csrfToken };
  }

  beforeAll(async () => {
    const { id } = await createUser(use().kysely, {
      email: adminEmail,
      name: "Ada Admin",
      password: null,
      role: "admin",
    });
    await use()
      .kysely.updateTable("users")
      .set({ password_hash: await adminPasswordHash })
      .where("id", "=", id)
      .execute();
    const ownerUser = await createUser(use().kysely, {
      email: ownerEmail,
      name: "Otto Owner",
      password: null,
      role: "program_owner",
    });
    ({ token: auditorToken } = await userWithToken(use(), {
      email: "audrey.auditor@example.com",
      name: "Audrey Auditor",
      role: "auditor",
    }));
    server = await startCascade(use());
    url = server.baseUrl;
    admin = { ...(await cookieSession(id)), userId: id };
    ownerId = ownerUser.id;
    owner = await cookieSession(ownerId);
  });
  afterAll(async () => {
    await server.stop();
  });

  const asAdmin = (): Credentials => ({ cookie: admin.cookie, csrfToken: admin.csrfToken });

  it("signing in sets an httpOnly session cookie and returns the user and a CSRF token", async () => {
    const res = await session(adminEmail.toUpperCase(), adminPassword);
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Lax/i);
    expect(res.setCookie).toMatch(/Path=\//);
    expect(res.setCookie).not.toMatch(/Secure/i);
    expect(res.body.csrfToken.length).toBeGreaterThanOrEqual(20);
    expect(res.body.user).toMatchObject({ email: adminEmail, role: "admin" });
    expect(res.body.user.permissions).toContain("users.manage");

    const me = await request<SessionBody>(url, "/api/v1/auth/me", { as: { cookie: res.cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(adminEmail);
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
  });

  it("a wrong password and an unknown e-mail get the same 401 answer", async () => {
    const [wrongPassword, unknownEmail] = await Promise.all([
      signIn(adminEmail, "not the password"),
      signIn("nobody@example.com", adminPassword),
    ]);
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      error: { code: "unauthenticated", message: "The e-mail or password is not right." },
    });
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it("repeated sign-in attempts for one e-mail are slowed down with 429 rate_limited", async () => {
    const limited = await startCascade(use(), { LOGIN_ATTEMPTS_PER_MINUTE: "3" });
    try {
      const attempt = (email: string) =>
        request<{ error: { code: string; message: string } }>(
          limited.baseUrl,
          "/api/v1/auth/login",
          {
            json: { email, password: "guess-guess-guess" },
          },
        );
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt("victim@example.com")).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const blocked = await attempt("Victim@Example.com ");
      expect(blocked.body.error.code).toBe("rate_limited");
      expect(blocked.body.error.message).toMatch(/^Too many attempts; try again in/);
      // Another e-mail from the same client is counted apart.
      expect((await attempt("someone-else@example.com")).status).toBe(401);
    } finally {
      await limited.stop();
    }
  });

  it("/api/v1/auth/me without a session, or with an unknown cookie, is 401", async () => {
    for (const as of [undefined, { cookie: "cascade_session=forged" }]) {
      const res = await request<ErrorBody>(url, "/api/v1/auth/me", { as });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
  });

  it("a change made with the session cookie needs the session's x-csrf-token", async () => {
    const body = { name: "laptop" };
    const missing = await request<ErrorBody>(url, "/api/v1/tokens", {
      as: { cookie: admin.cookie },
      json: body,
    });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toEqual({
      code: "forbidden",
      message: "The x-csrf-token header is missing or does not match your session.",
    });
    // Another session's token does not do either.
    const wrong = await request<ErrorBody>(url, "/api/v1/tokens", {
      as: { cookie: admin.cookie, csrfToken: owner.csrfToken },
      json: body,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("forbidden");

    const right = await request<{ token: string; prefix: string }>(url, "/api/v1/tokens", {
      as: asAdmin(),
      json: body,
    });
    expect(right.status).toBe(201);
    expect(right.body.token.startsWith(right.body.prefix)).toBe(true);
    const me = await request<SessionBody>(url, "/api/v1/auth/me", {
      as: { token: right.body.token },
    });
    expect(me.body.user.id).toBe(admin.userId);
  });

  it("signing out ends that session only: its cookie no longer works", async () => {
    const second = await cookieSession(ownerId);
    const out = await request(url, "/api/v1/auth/logout", {
      method: "POST",
      as: { cookie: second.cookie, csrfToken: second.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/cascade_session=;/);
    const after = await request<ErrorBody>(url, "/api/v1/auth/me", {
      as: { cookie: second.cookie },
    });
    expect(after.status).toBe(401);
    // The same user's other session is untouched.
    const other = await request(url, "/api/v1/auth/me", { as: { cookie: owner.cookie } });
    expect(other.status).toBe(200);
  });

  it("a session expires after SESSION_TTL_HOURS without use and slides while used", async () => {
    const start = clock.now();
    const later = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
    const me = () => request(url, "/api/v1/auth/me", { as: { cookie: owner.cookie } });
    clock.set(later(11));
    expect((await me()).status).toBe(200);
    // Used at 11 h, so it now lasts until 23 h.
    clock.set(later(22));
    expect((await me()).status).toBe(200);
    clock.set(later(22 + 12.1));
    expect((await me()).status).toBe(401);
  });

  it("an API token works as a Bearer token without any CSRF header, also for changes", async () => {
    const { token } = await issueApiToken(use().kysely, { userId: admin.userId, name: "ci" });
    const me = await request<SessionBody>(url, "/api/v1/auth/me", { as: { token } });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: adminEmail, role: "admin" });
    const created = await request<SessionBody["user"]>(url, "/api/v1/users", {
      as: { token },
      json: { email: "via.token@example.com", name: "Via Token", role: "auditor" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: "via.token@example.com", role: "auditor" });
  });

  it("an unknown, revoked or expired API token is 401 with a clear message", async () => {
    clock.set(new Date("2031-01-01T00:00:00.000Z"));
    const revoked = await issueApiToken(use().kysely, { userId: admin.userId, name: "old" });
    await use()
      .kysely.updateTable("api_tokens")
      .set({ revoked_at: clock.nowIso() })
      .where("id", "=", revoked.id)
      .execute();
    const expiring = await issueApiToken(use().kysely, {
      userId: admin.userId,
      name: "short",
      expiresAt: "2031-01-01T01:00:00.000Z",
    });
    expect((await request(url, "/api/v1/auth/me", { as: { token: expiring.token } })).status).toBe(
      200,
    );
    clock.set(new Date("2031-01-01T01:00:00.001Z"));

    for (const token of ["csc_not-a-real-token", revoked.token, expiring.token]) {
      const res = await request<ErrorBody>(url, "/api/v1/people", { as: { token } });
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({
        code: "unauthenticated",
        message: "The API token is unknown, revoked or expired.",
      });
    }
    const malformed = await request<ErrorBody>(url, "/api/v1/auth/me", {
      headers: { authorization: "Basic YWRhOnNlY3JldA==" },
    });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.message).toBe("The Authorization header must be 'Bearer <token>'.");
  });

  it("only admins may create users; anonymous callers are asked to sign in", async () => {
    const body = { email: "new.person@example.com", name: "New Person", role: "learner" };
    const bySession = await request<ErrorBody>(url, "/api/v1/users", {
      as: { cookie: owner.cookie, csrfToken: owner.csrfToken },
      json: { ...body, personId: "E1" },
    });
    expect(bySession.status).toBe(403);
    expect(bySession.body.error).toEqual({
      code: "forbidden",
      message: "Your role (program_owner) does not allow users.manage.",
    });
    const byToken = await request<ErrorBody>(url, "/api/v1/users", {
      as: { token: auditorToken },
      json: { ...body, personId: "E1" },
    });
    expect(byToken.status).toBe(403);
    expect(byToken.body.error.code).toBe("forbidden");
    const anonymous = await request<ErrorBody>(url, "/api/v1/users", { json: body });
    expect(anonymous.status).toBe(401);

    const users = await request<{ items: { email: string }[] }>(url, "/api/v1/users", {
      as: asAdmin(),
    });
    expect(users.body.items.map((u) => u.email)).not.toContain("new.person@example.com");
  });

  it("auditors may list users; program owners may not", async () => {
    const byAuditor = await request<{ items: { email: string }[] }>(url, "/api/v1/users", {
      as: { token: auditorToken },
    });
    expect(byAuditor.status).toBe(200);
    expect(byAuditor.body.items.map((u) => u.email)).toEqual(
      expect.arrayContaining([adminEmail, ownerEmail, "audrey.auditor@example.com"]),
    );
    const byOwner = await request<ErrorBody>(url, "/api/v1/users", {
      as: { cookie: owner.cookie },
    });
    expect(byOwner.status).toBe(403);
  });

  it("creating a user validates the role's scope, the password and the e-mail", async () => {
    const create = (json: Record<string, unknown>) =>
      request<ErrorBody>(url, "/api/v1/users", { as: asAdmin(), json });
    const lead = await create({ email: "lead@example.com", name: "Lee", role: "regional_lead" });
    expect(lead.status).toBe(422);
    expect(lead.body.error.code).toBe("validation_failed");
    expect(lead.body.error.message).toBe(
      "Invalid user: regions: a regional lead needs at least one region or division",
    );

    const manager = await create({ email: "mgr@example.com", name: "Max", role: "manager" });
    expect(manager.status).toBe(422);
    expect(manager.body.error.message).toBe(
      "Invalid user: personId: a manager must be linked to their person (external id)",
    );

    const short = await create({
      email: "short@example.com",
      name: "Sho",
      role: "auditor",
      password: "too-short",
    });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toBe("Invalid user: password: must be at least 10 characters");

    const badEmail = await create({ email: "not-an-email", name: "X", role: "auditor" });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.code).toBe("bad_request");
    expect(badEmail.body.error.message).toContain("email");

    const duplicate = await create({
      email: ` ${ownerEmail.toUpperCase()}`.trim(),
      name: "Otto Again",
      role: "auditor",
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toEqual({
      code: "conflict",
      message: `A user with e-mail ${ownerEmail} already exists.`,
    });

    const users = await request<{ items: { email: string }[] }>(url, "/api/v1/users", {
      as: asAdmin(),
    });
    const emails = users.body.items.map((u) => u.email);
    for (const rejected of ["lead@example.com", "mgr@example.com", "short@example.com"])
      expect(emails).not.toContain(rejected);
  });

  it("an admin creates a regional lead with their scope", async () => {
    const res = await request<SessionBody["user"]>(url, "/api/v1/users", {
      as: asAdmin(),
      json: {
        email: "Rita.Lead@Example.com",
        name: "Rita Lead",
        role: "regional_lead",
        regions: ["APAC"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: "rita.lead@example.com",
      role: "regional_lead",
      scope: { regions: ["APAC"], divisions: [], personId: null },
    });
    expect(res.body.permissions).toEqual(permissionsOf("regional_lead"));
    expect(res.body.permissions).toContain("exceptions.manage");
    expect(res.body.permissions).not.toContain("rollouts.launch");
  });
});
