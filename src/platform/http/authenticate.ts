import type { FastifyReply, FastifyRequest } from "fastify";
import { clock } from "../clock.js";
import type { Db } from "../database/connect.js";
import { AppError } from "../errors.js";
import {
  extendSession,
  findSession,
  findUserByTokenHash,
  touchApiToken,
  type User,
} from "../auth/auth.repository.js";
import type { Actor } from "../auth/roles.js";
import { sha256 } from "../auth/users.js";

export const sessionCookie = "cascade_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The caller, once `authenticate` has run; null for anonymous requests. */
    actor: Actor | null;
    /** Hash of the session cookie when the caller signed in through the web app. */
    sessionId: string | null;
    csrfToken: string | null;
  }
}

function actorFromUser(user: User, kind: "user" | "token"): Actor {
  return {
    kind,
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    scope: user.scope,
  };
}

const mutating = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie. Requests made
 * with the cookie that change something must carry the session's CSRF token in `x-csrf-token`.
 */
export async function authenticate(
  db: Db,
  request: FastifyRequest,
  sessionTtlHours: number,
): Promise<void> {
  request.actor = null;
  request.sessionId = null;
  request.csrfToken = null;
  const now = clock.nowIso();
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError("unauthenticated", "The Authorization header must be 'Bearer <token>'.");
    const found = await findUserByTokenHash(db.kysely, sha256(match[1]), now);
    if (!found)
      throw new AppError("unauthenticated", "The API token is unknown, revoked or expired.");
    await touchApiToken(db.kysely, found.tokenId, now);
    request.actor = actorFromUser(found.user, "token");
    return;
  }
  const cookie = request.cookies[sessionCookie];
  if (!cookie) return;
  const sessionId = sha256(cookie);
  const session = await findSession(db.kysely, sessionId, now);
  if (!session) return;
  if (mutating.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
    throw new AppError(
      "forbidden",
      "The x-csrf-token header is missing or does not match your session.",
    );
  }
  // Sliding expiry, written at most once a minute per session.
  const renewed = new Date(clock.now().getTime() + sessionTtlHours * 3_600_000).toISOString();
  if (Date.parse(renewed) - Date.parse(session.expiresAt) > 60_000)
    await extendSession(db.kysely, sessionId, renewed);
  request.actor = actorFromUser(session.user, "user");
  request.sessionId = sessionId;
  request.csrfToken = session.csrfToken;
}

/** The caller, or `unauthenticated` when nobody signed in. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "Sign in or send an API token.");
  return request.actor;
}

export function setSessionCookie(
  reply: FastifyReply,
  value: string,
  expiresAt: string,
  secure: boolean,
): void {
  reply.setCookie(sessionCookie, value, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: new Date(expiresAt),
  });
}
