import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { clock } from "../clock.js";
import type { Database } from "../database/schema.js";
import { AppError } from "../errors.js";
import {
  findUserForSignIn,
  insertApiToken,
  insertSession,
  insertUser,
  type User,
} from "./auth.repository.js";
import { hashPassword, randomSecret, verifyPassword } from "./password.js";
import { roles } from "./roles.js";

export const newUserFields = z.object({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(10, "must be at least 10 characters").max(200).nullable(),
  role: z.enum(roles),
  regions: z.array(z.string().min(1)).default([]),
  divisions: z.array(z.string().min(1)).default([]),
  personId: z.string().min(1).nullable().default(null),
});
export const newUserSchema = newUserFields.superRefine((u, ctx) => {
  if (u.role === "regional_lead" && u.regions.length === 0 && u.divisions.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["regions"],
      message: "a regional lead needs at least one region or division",
    });
  }
  if ((u.role === "manager" || u.role === "learner") && !u.personId) {
    ctx.addIssue({
      code: "custom",
      path: ["personId"],
      message: `a ${u.role} must be linked to their person (external id)`,
    });
  }
});
export type NewUser = z.input<typeof newUserSchema>;

/** Creates a user; fails with `conflict` when the e-mail is taken. */
export async function createUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      "validation_failed",
      `Invalid user: ${first?.path.join(".")}: ${first?.message}`,
      parsed.error.issues,
    );
  }
  const u = parsed.data;
  if (await findUserForSignIn(db, u.email)) {
    throw new AppError("conflict", `A user with e-mail ${u.email} already exists.`);
  }
  const user: User = {
    id: randomUUID(),
    email: u.email,
    name: u.name,
    role: u.role,
    scope: { regions: u.regions, divisions: u.divisions, personId: u.personId },
    createdAt: clock.nowIso(),
    disabledAt: null,
  };
  await insertUser(db, {
    ...user,
    passwordHash: u.password ? await hashPassword(u.password) : null,
  });
  return user;
}

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

/** Checks e-mail and password; returns the user or throws `unauthenticated` (same message either way). */
export async function authenticatePassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<User> {
  const found = await findUserForSignIn(db, email);
  // Verify against a dummy hash when the user is unknown so timing does not reveal accounts.
  const ok = await verifyPassword(password, found?.passwordHash ?? dummyHash);
  if (!found || !found.passwordHash || !ok || found.user.disabledAt) {
    throw new AppError("unauthenticated", "The e-mail or password is not right.");
  }
  return found.user;
}
const dummyHash =
  "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** Opens a web session; returns the cookie value (shown once) and its CSRF token. */
export async function openSession(
  db: Kysely<Database>,
  userId: string,
  ttlHours: number,
): Promise<{ cookie: string; csrfToken: string; expiresAt: string }> {
  const cookie = randomSecret();
  const csrfToken = randomSecret(24);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await insertSession(db, {
    id: sha256(cookie),
    userId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { cookie, csrfToken, expiresAt };
}

/** Issues an API token for a user; the token is returned once and stored only as a hash. */
export async function issueApiToken(
  db: Kysely<Database>,
  options: { userId: string; name: string; expiresAt?: string | null },
): Promise<{ id: string; token: string; prefix: string }> {
  const token = `csc_${randomSecret()}`;
  const id = randomUUID();
  const prefix = token.slice(0, 10);
  await insertApiToken(db, {
    id,
    userId: options.userId,
    name: options.name,
    tokenHash: sha256(token),
    prefix,
    createdAt: clock.nowIso(),
    expiresAt: options.expiresAt ?? null,
  });
  return { id, token, prefix };
}
