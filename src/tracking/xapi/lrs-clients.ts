import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { sha256 } from "../../platform/auth/users.js";
import { clock } from "../../platform/clock.js";
import type { Database } from "../../platform/database/schema.js";
import { AppError } from "../../platform/errors.js";
import type { XapiAgent } from "./agents.js";

export const lrsAccess = ["read", "write", "read_write"] as const;
export type LrsAccess = (typeof lrsAccess)[number];

export const newLrsClientSchema = z.object({
  name: z.string().trim().min(1).max(200),
  access: z.enum(lrsAccess).default("read_write"),
});

/** An LRS client as the API shows it (never its secret). */
export interface LrsClient {
  id: string;
  name: string;
  key: string;
  access: LrsAccess;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The client behind an xAPI request, with the authority its statements get. */
export interface LrsCaller {
  clientId: string;
  name: string;
  key: string;
  access: LrsAccess;
  authority: XapiAgent;
}

/** Home page of the accounts that name LRS clients in statements' `authority`. */
export const clientAccountHomePage = "https://cascade.invalid/xapi/clients";

function toClient(row: {
  id: string;
  name: string;
  key: string;
  access: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): LrsClient {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    access: row.access as LrsAccess,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Issues credentials for an LMS or content package. The secret is shown once; only its SHA-256
 * is kept (it is 32 random bytes, so a slow hash adds nothing).
 */
export async function createLrsClient(
  db: Kysely<Database>,
  input: z.input<typeof newLrsClientSchema>,
  createdBy: string | null,
): Promise<{ client: LrsClient; secret: string }> {
  const { name, access } = newLrsClientSchema.parse(input);
  const key = `cas_${randomBytes(9).toString("base64url")}`;
  const secret = randomBytes(32).toString("base64url");
  const row = {
    id: randomUUID(),
    name,
    key,
    secret_hash: sha256(secret),
    access,
    created_by: createdBy,
    created_at: clock.nowIso(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto("lrs_clients").values(row).execute();
  return { client: toClient(row), secret };
}

export async function listLrsClients(db: Kysely<Database>): Promise<LrsClient[]> {
  const rows = await db.selectFrom("lrs_clients").selectAll().orderBy("created_at").execute();
  return rows.map(toClient);
}

export async function revokeLrsClient(db: Kysely<Database>, id: string): Promise<LrsClient> {
  const now = clock.nowIso();
  const row = await db
    .updateTable("lrs_clients")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  credentialCache.clear();
  if (row) return toClient(row);
  const existing = await db
    .selectFrom("lrs_clients")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!existing) throw new AppError("not_found", `There is no LRS client ${id}.`);
  return toClient(existing);
}

/** The caller a client's requests act as, with the authority its statements get. */
export function callerOf(client: Pick<LrsClient, "id" | "name" | "key" | "access">): LrsCaller {
  return {
    clientId: client.id,
    name: client.name,
    key: client.key,
    access: client.access,
    authority: {
      objectType: "Agent",
      name: client.name,
      account: { homePage: clientAccountHomePage, name: client.key },
    },
  };
}

interface CachedCredential {
  caller: LrsCaller;
  secretHash: Buffer;
  revoked: boolean;
  loadedAt: number;
  touchedAt: number;
}

// Every request authenticates; the row is read at most every few seconds per key, so a revocation
// made in another process takes effect within that time (at once in this one).
const credentialCache = new Map<string, CachedCredential>();
const cacheMs = 5_000;
const touchEveryMs = 60_000;

/**
 * The client sending `Authorization: Basic base64(key:secret)`, or an `unauthenticated` error.
 * Also checks the client may do what the request needs (read or write).
 */
export async function authenticateLrsClient(
  db: Kysely<Database>,
  header: string | undefined,
  needs: "read" | "write",
): Promise<LrsCaller> {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1])
    throw new AppError(
      "unauthenticated",
      "The LRS needs HTTP Basic credentials: Authorization: Basic base64(key:secret).",
    );
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const key = colon < 0 ? decoded : decoded.slice(0, colon);
  const secret = colon < 0 ? "" : decoded.slice(colon + 1);
  const now = Date.now();
  let cached = credentialCache.get(key);
  if (!cached || now - cached.loadedAt > cacheMs) {
    const row = await db
      .selectFrom("lrs_clients")
      .select(["id", "name", "key", "access", "secret_hash", "revoked_at"])
      .where("key", "=", key)
      .executeTakeFirst();
    if (!row) throw new AppError("unauthenticated", "The LRS key or secret is wrong.");
    cached = {
      caller: callerOf({
        id: row.id,
        name: row.name,
        key: row.key,
        access: row.access as LrsAccess,
      }),
      secretHash: Buffer.from(row.secret_hash, "hex"),
      revoked: row.revoked_at !== null,
      loadedAt: now,
      touchedAt: cached?.touchedAt ?? 0,
    };
    credentialCache.set(key, cached);
  }
  const given = Buffer.from(sha256(secret), "hex");
  if (cached.revoked || !timingSafeEqual(given, cached.secretHash))
    throw new AppError("unauthenticated", "The LRS key or secret is wrong, or was revoked.");
  const { caller } = cached;
  if (caller.access !== "read_write" && caller.access !== needs)
    throw new AppError(
      "forbidden",
      `This LRS client may only ${caller.access}; the request needs ${needs} access.`,
    );
  if (now - cached.touchedAt > touchEveryMs) {
    cached.touchedAt = now;
    await db
      .updateTable("lrs_clients")
      .set({ last_used_at: clock.nowIso() })
      .where("id", "=", caller.clientId)
      .execute();
  }
  return caller;
}
