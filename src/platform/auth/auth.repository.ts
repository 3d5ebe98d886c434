import type { Kysely } from "kysely";
import type { Database, UserRow } from "../database/schema.js";
import type { Role, Scope } from "./roles.js";

/** A user as the platform knows them (never includes the password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  scope: Scope;
  createdAt: string;
  disabledAt: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    scope: {
      regions: JSON.parse(row.scope_regions) as string[],
      divisions: JSON.parse(row.scope_divisions) as string[],
      personId: row.person_external_id,
    },
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export async function insertUser(
  db: Kysely<Database>,
  user: Omit<User, "disabledAt"> & { passwordHash: string | null },
): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: user.id,
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      role: user.role,
      scope_regions: JSON.stringify(user.scope.regions),
      scope_divisions: JSON.stringify(user.scope.divisions),
      person_external_id: user.scope.personId,
      created_at: user.createdAt,
    })
    .execute();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

/** The user with this e-mail (case-insensitive) and their password hash, for sign-in. */
export async function findUserForSignIn(
  db: Kysely<Database>,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("email").execute();
  return rows.map(toUser);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(
  db: Kysely<Database>,
  session: { id: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("user_sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A live session and its user (null when unknown, expired or the user is disabled). */
export async function findSession(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<{ user: User; csrfToken: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom("user_sessions")
    .innerJoin("users", "users.id", "user_sessions.user_id")
    .selectAll("users")
    .select(["user_sessions.csrf_token", "user_sessions.expires_at"])
    .where("user_sessions.id", "=", id)
    .where("user_sessions.expires_at", ">", now)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row && { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function extendSession(
  db: Kysely<Database>,
  id: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable("user_sessions")
    .set({ expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("user_sessions").where("id", "=", id).execute();
}

export async function insertApiToken(
  db: Kysely<Database>,
  token: {
    id: string;
    userId: string;
    name: string;
    tokenHash: string;
    prefix: string;
    createdAt: string;
    expiresAt: string | null;
  },
): Promise<void> {
  await db
    .insertInto("api_tokens")
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The user behind a live API token, by the token's hash. */
export async function findUserByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<{ user: User; tokenId: string } | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("users")
    .select("api_tokens.id as token_id")
    .where("api_tokens.token_hash", "=", tokenHash)
    .where("api_tokens.revoked_at", "is", null)
    .where((eb) =>
      eb.or([eb("api_tokens.expires_at", "is", null), eb("api_tokens.expires_at", ">", now)]),
    )
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row && { user: toUser(row), tokenId: row.token_id };
}

export async function touchApiToken(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}
