import type { Kysely } from "kysely";
import type { Database } from "../../platform/database/schema.js";
import { agentKey, type XapiAgent } from "./agents.js";

type Db = Kysely<Database>;

// Actors already matched to a person (a person's identifiers do not move to someone else). Unmatched
// actors are looked up again every time, so a person who appears is matched at once.
const matched = new Map<string, number>();
const maxCached = 200_000;

/** Forgets matched actors (tests that rebuild the directory). */
export function forgetMatchedActors(): void {
  matched.clear();
}

/**
 * The person each actor is, by e-mail (`mbox`), `mbox_sha1sum`, or an account on one of the
 * configured home pages whose name is the person's external id or e-mail. Returns a map from
 * actor key to person id (absent: not in the directory).
 */
export async function matchActors(
  db: Db,
  actors: readonly XapiAgent[],
  accountHomePages: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const emails = new Map<string, string>();
  const sha1s = new Map<string, string>();
  const accounts = new Map<string, string>();
  for (const actor of actors) {
    const key = agentKey(actor);
    const known = matched.get(key);
    if (known !== undefined) {
      out.set(key, known);
      continue;
    }
    if (actor.mbox) emails.set(actor.mbox.slice("mailto:".length).toLowerCase(), key);
    else if (actor.mbox_sha1sum) sha1s.set(actor.mbox_sha1sum.toLowerCase(), key);
    else if (actor.account && accountHomePages.includes(actor.account.homePage)) {
      accounts.set(actor.account.name, key);
      // E-mail addresses are stored lower-case; an external id is matched as written.
      if (actor.account.name.includes("@")) accounts.set(actor.account.name.toLowerCase(), key);
    }
  }
  if (emails.size > 0) {
    const rows = await db
      .selectFrom("people")
      .select(["id", "email"])
      .where("email", "in", [...emails.keys()])
      .execute();
    for (const row of rows) {
      const key = emails.get(row.email ?? "");
      if (key) out.set(key, Number(row.id));
    }
  }
  if (sha1s.size > 0) {
    const rows = await db
      .selectFrom("people")
      .select(["id", "email_sha1"])
      .where("email_sha1", "in", [...sha1s.keys()])
      .execute();
    for (const row of rows) {
      const key = sha1s.get(row.email_sha1 ?? "");
      if (key) out.set(key, Number(row.id));
    }
  }
  if (accounts.size > 0) {
    const names = [...accounts.keys()];
    const rows = await db
      .selectFrom("people")
      .select(["id", "external_id", "email"])
      .where((eb) =>
        eb.or([
          eb("external_id", "in", names),
          eb(
            "email",
            "in",
            names.map((n) => n.toLowerCase()),
          ),
        ]),
      )
      .execute();
    for (const row of rows) {
      const key =
        accounts.get(row.external_id) ?? (row.email ? accounts.get(row.email) : undefined);
      if (key) out.set(key, Number(row.id));
    }
  }
  if (matched.size > maxCached) matched.clear();
  for (const [key, personId] of out) matched.set(key, personId);
  return out;
}
