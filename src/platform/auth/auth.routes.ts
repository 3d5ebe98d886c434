import { z } from "zod";
import { deleteSession, listUsers, type User } from "./auth.repository.js";
import { authorize, permissionsOf, roles, type Actor } from "./roles.js";
import {
  authenticatePassword,
  createUser,
  issueApiToken,
  newUserFields,
  openSession,
} from "./users.js";
import { clock } from "../clock.js";
import { AppError } from "../errors.js";
import { requireActor, sessionCookie, setSessionCookie } from "../http/authenticate.js";
import type { RoutesPlugin } from "../http/context.js";

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  scope: z.object({
    regions: z.array(z.string()),
    divisions: z.array(z.string()),
    personId: z.string().nullable(),
  }),
  permissions: z.array(z.string()),
});
const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

/** What leaves the server for a user. */
export function presentUser(
  user: Pick<User, "id" | "email" | "name" | "role" | "scope">,
): z.infer<typeof userSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    scope: user.scope,
    permissions: [...permissionsOf(user.role)],
  };
}

function presentActor(actor: Actor): z.infer<typeof userSchema> {
  return presentUser({
    id: actor.userId ?? "system",
    email: actor.email ?? "",
    name: actor.name,
    role: actor.role,
    scope: actor.scope,
  });
}

/** Sign-in, sign-out, the current user, users and API tokens. */
export const authRoutes: RoutesPlugin = (app, { db, config }) => {
  const secureCookies = config.PUBLIC_URL?.startsWith("https://") ?? false;

  app.post(
    "/api/v1/auth/login",
    {
      // Slows down password guessing: attempts per e-mail address and client address.
      config: {
        rateLimit: {
          max: config.LOGIN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => {
            const body = request.body as { email?: unknown } | undefined;
            const email = typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
            return `${request.ip}|${email}`;
          },
        },
      },
      schema: {
        tags: ["auth"],
        summary: "Sign in with e-mail and password; sets the session cookie",
        body: z.object({ email: z.string().min(1), password: z.string().min(1) }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const user = await authenticatePassword(db.kysely, request.body.email, request.body.password);
      const session = await openSession(db.kysely, user.id, config.SESSION_TTL_HOURS);
      setSessionCookie(
        reply,
        session.cookie,
        session.expiresAt,
        secureCookies || request.protocol === "https",
      );
      return { user: presentUser(user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { schema: { tags: ["auth"], summary: "Sign out" } },
    async (request, reply) => {
      if (request.sessionId) await deleteSession(db.kysely, request.sessionId);
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/auth/me",
    { schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: sessionSchema } } },
    (request) => {
      const actor = requireActor(request);
      return { user: presentActor(actor), csrfToken: request.csrfToken ?? "" };
    },
  );

  app.get(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        summary: "List users",
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "users.read");
      return { items: (await listUsers(db.kysely)).map(presentUser) };
    },
  );

  app.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        summary: "Create a user",
        body: newUserFields.extend({ password: z.string().nullable().default(null) }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "users.manage");
      const user = await createUser(db.kysely, request.body);
      return reply.status(201).send(presentUser(user));
    },
  );

  app.post(
    "/api/v1/tokens",
    {
      schema: {
        tags: ["users"],
        summary: "Create an API token for yourself; the token is shown once",
        body: z.object({
          name: z.string().trim().min(1).max(100),
          expiresAt: z.iso.datetime().nullable().default(null),
        }),
        response: { 201: z.object({ id: z.string(), token: z.string(), prefix: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "tokens.manage");
      if (!actor.userId) throw new AppError("forbidden", "Only users can hold API tokens.");
      if (request.body.expiresAt && request.body.expiresAt <= clock.nowIso()) {
        throw new AppError("bad_request", "body.expiresAt: must be in the future.");
      }
      const token = await issueApiToken(db.kysely, {
        userId: actor.userId,
        name: request.body.name,
        expiresAt: request.body.expiresAt,
      });
      return reply.status(201).send(token);
    },
  );
};
