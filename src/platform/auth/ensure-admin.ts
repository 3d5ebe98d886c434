import type { Kysely } from "kysely";
import type { Database } from "../database/schema.js";
import { countUsers } from "./auth.repository.js";
import { generatePassword } from "./password.js";
import { createUser } from "./users.js";

/**
 * On first start with no users, creates an admin so someone can sign in. Returns the e-mail and
 * password to print, or null when users already exist.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  options: { email: string; password?: string | undefined },
): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = options.password ?? generatePassword();
  await createUser(db, { email: options.email, name: "Administrator", password, role: "admin" });
  return { email: options.email, password };
}
