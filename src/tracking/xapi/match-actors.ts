import type { Kysely } from "kysely";
import { z } from "zod";
import { loadConfig } from "../../config.js";
import { directoryChangedEvent } from "../../directory/import-people.js";
import { clock } from "../../platform/clock.js";
import type { Database } from "../../platform/database/schema.js";
import { defineJob } from "../../platform/jobs/job.js";
import type { XapiAgent } from "./agents.js";
import { matchActors } from "./actor-people.js";
import type { Statement } from "./statement.js";
import { applyStatementProgress } from "./statement-progress.js";
import { voidedVerb } from "./statement.js";

type Db = Kysely<Database>;

/**
 * Looks again for the people behind unmatched actors (statements from people who were not in the
 * directory yet). Each newly matched actor's statements are linked to the person and replayed,
 * so they move that person's assignments as if they had just arrived.
 */
export async function matchWaitingActors(
  db: Db,
  accountHomePages: readonly string[],
): Promise<{ matched: number; statements: number }> {
  let matched = 0;
  let statements = 0;
  let after = "";
  for (;;) {
    const waiting = await db
      .selectFrom("xapi_actors")
      .select(["actor_key", "agent"])
      .where("person_id", "is", null)
      .where("actor_key", ">", after)
      .orderBy("actor_key")
      .limit(1000)
      .execute();
    if (waiting.length === 0) break;
    after = waiting[waiting.length - 1]?.actor_key ?? after;
    const found = await matchActors(
      db,
      waiting.map((w) => JSON.parse(w.agent) as XapiAgent),
      accountHomePages,
    );
    for (const [actorKey, personId] of found) {
      statements += await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("xapi_actors")
          .set({ person_id: personId, matched_at: clock.nowIso() })
          .where("actor_key", "=", actorKey)
          .execute();
        // Claim the statements still waiting for a person: a second run at the same time finds
        // none, so no statement is replayed twice.
        const claimed = await trx
          .updateTable("xapi_statements")
          .set({ person_id: personId })
          .where("actor_key", "=", actorKey)
          .where("person_id", "is", null)
          .returning("seq")
          .execute();
        const seqs = claimed.map((c) => Number(c.seq));
        const rows =
          seqs.length === 0
            ? []
            : await trx
                .selectFrom("xapi_statements as s")
                .innerJoin("lrs_clients as c", "c.id", "s.client_id")
                .select(["s.id", "s.statement", "s.activity_id", "c.name"])
                .where("s.seq", "in", seqs)
                .where("s.voided", "=", 0)
                .where("s.verb_id", "!=", voidedVerb)
                .where("s.activity_id", "is not", null)
                .orderBy("s.seq")
                .execute();
        await applyStatementProgress(
          trx,
          rows.map((r) => ({
            id: r.id,
            statement: JSON.parse(r.statement) as Statement,
            personId,
            activityId: r.activity_id,
            clientName: r.name,
          })),
        );
        return rows.length;
      });
      matched++;
    }
  }
  return { matched, statements };
}

/** After a directory import, unmatched actors are looked for again. */
export const matchActorsJob = defineJob({
  name: "lrs.match-actors-after-directory-change",
  on: [directoryChangedEvent],
  schema: z.object({ importId: z.string().optional() }).loose(),
  async handler({ db, log }) {
    const homePages = loadConfig(process.env).XAPI_ACCOUNT_HOME_PAGES;
    const result = await matchWaitingActors(db, homePages);
    if (result.matched > 0) log.info(result, "matched learning records to new people");
  },
});
