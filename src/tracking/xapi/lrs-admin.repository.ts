import { sql, type Kysely } from "kysely";
import type { Database } from "../../platform/database/schema.js";
import { clock } from "../../platform/clock.js";
import { agentKey, type XapiAgent } from "./agents.js";
import type { Statement } from "./statement.js";
import { supportedVersions } from "./xapi-request.js";

type Db = Kysely<Database>;

function firstValue(map: unknown): string | null {
  if (!map || typeof map !== "object") return null;
  const values = Object.values(map as Record<string, unknown>);
  const english = (map as Record<string, unknown>)["en-US"] ?? (map as Record<string, unknown>).en;
  const value = english ?? values[0];
  return typeof value === "string" ? value : null;
}

function identifierOf(agent: XapiAgent): string {
  if (agent.mbox) return agent.mbox.replace(/^mailto:/, "");
  if (agent.mbox_sha1sum) return `sha1 ${agent.mbox_sha1sum}`;
  if (agent.openid) return agent.openid;
  if (agent.account) return `${agent.account.name} @ ${agent.account.homePage}`;
  return "anonymous group";
}

interface SummaryRow {
  id: string;
  seq: number;
  stored: string;
  statement: string;
  voided: number;
  client: string;
  external_id: string | null;
  person_name: string | null;
}

function summarize(row: SummaryRow) {
  const s = JSON.parse(row.statement) as Statement;
  const object = s.object as unknown as {
    objectType?: string;
    id?: string;
    definition?: { name?: unknown };
  } & XapiAgent;
  const kind: string = object.objectType ?? "Activity";
  const result = s.result;
  return {
    id: row.id,
    seq: Number(row.seq),
    stored: row.stored,
    timestamp: s.timestamp ?? null,
    actor: {
      key: agentKey(s.actor),
      name: s.actor.name ?? null,
      identifier: identifierOf(s.actor),
    },
    person:
      row.external_id !== null
        ? { externalId: row.external_id, name: row.person_name ?? "" }
        : null,
    verb: {
      id: s.verb.id,
      display: firstValue(s.verb.display) ?? s.verb.id.slice(s.verb.id.lastIndexOf("/") + 1),
    },
    object: {
      id:
        kind === "Agent" || kind === "Group"
          ? identifierOf(object)
          : kind === "SubStatement"
            ? "sub-statement"
            : (object.id ?? ""),
      kind,
      name:
        kind === "Agent" || kind === "Group"
          ? (object.name ?? null)
          : firstValue(object.definition?.name),
    },
    result: result
      ? {
          scaled: typeof result.score?.scaled === "number" ? result.score.scaled : null,
          success: typeof result.success === "boolean" ? result.success : null,
          completion: typeof result.completion === "boolean" ? result.completion : null,
        }
      : null,
    client: row.client,
    voided: Number(row.voided) === 1,
  };
}

function summaries(db: Db) {
  return db
    .selectFrom("xapi_statements as s")
    .innerJoin("lrs_clients as c", "c.id", "s.client_id")
    .leftJoin("people as p", "p.id", "s.person_id")
    .select([
      "s.id",
      "s.seq",
      "s.stored",
      "s.statement",
      "s.voided",
      "c.name as client",
      "p.external_id",
      "p.name as person_name",
    ]);
}

/** Recent statements for the web app's LRS page; each filter uses an index. */
export async function listStatementSummaries(
  db: Db,
  filter: {
    actor?: string | undefined;
    verb?: string | undefined;
    activity?: string | undefined;
    clientId?: string | undefined;
    matched?: "true" | "false" | undefined;
    before?: number | undefined;
    limit: number;
  },
) {
  let q = summaries(db);
  if (filter.actor) {
    const value = filter.actor.trim();
    const keys = value.includes(":") ? [value] : [`mbox:mailto:${value.toLowerCase()}`];
    // The person's own actors (every identifier matched to them), found through xapi_actors so
    // that the filter stays on the actor index.
    const person = await db
      .selectFrom("people")
      .select("id")
      .where((eb) => eb.or([eb("external_id", "=", value), eb("email", "=", value.toLowerCase())]))
      .executeTakeFirst();
    if (person) {
      const actors = await db
        .selectFrom("xapi_actors")
        .select("actor_key")
        .where("person_id", "=", Number(person.id))
        .execute();
      keys.push(...actors.map((a) => a.actor_key));
    }
    q = q.where("s.actor_key", "in", keys);
  }
  if (filter.verb) q = q.where("s.verb_id", "=", filter.verb);
  if (filter.activity) q = q.where("s.activity_id", "=", filter.activity);
  if (filter.clientId) q = q.where("s.client_id", "=", filter.clientId);
  if (filter.matched === "true") q = q.where("s.person_id", "is not", null);
  // Unmatched statements are few among many: found through their actors, on the actor index,
  // rather than by walking every statement.
  if (filter.matched === "false")
    q = q
      .where("s.actor_key", "in", (eb) =>
        eb.selectFrom("xapi_actors").select("actor_key").where("person_id", "is", null),
      )
      .where("s.person_id", "is", null);
  if (filter.before !== undefined) q = q.where("s.seq", "<", filter.before);
  const rows = await q
    .orderBy("s.seq", "desc")
    .limit(filter.limit + 1)
    .execute();
  const items = rows.slice(0, filter.limit).map((r) => summarize(r));
  return {
    items,
    nextBefore: rows.length > filter.limit ? (items[items.length - 1]?.seq ?? null) : null,
  };
}

export async function statementDetail(db: Db, id: string) {
  const row = await summaries(db).where("s.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const progress = await db
    .selectFrom("module_progress as mp")
    .innerJoin("program_modules as m", "m.id", "mp.module_id")
    .select(["mp.assignment_id", "m.title", "mp.outcome", "mp.score", "mp.at"])
    .where("mp.statement_id", "=", id)
    .execute();
  return {
    summary: summarize(row),
    statement: JSON.parse(row.statement) as Record<string, unknown>,
    progress: progress.map((p) => ({
      assignmentId: Number(p.assignment_id),
      module: p.title,
      outcome: p.outcome,
      score: p.score === null ? null : Number(p.score),
      at: p.at,
    })),
  };
}

export async function listUnmatchedActors(db: Db, page: { offset: number; limit: number }) {
  const total = await db
    .selectFrom("xapi_actors")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("person_id", "is", null)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("xapi_actors")
    .selectAll()
    .where("person_id", "is", null)
    .orderBy("last_seen", "desc")
    .orderBy("actor_key")
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => {
      const agent = JSON.parse(r.agent) as XapiAgent;
      return {
        actorKey: r.actor_key,
        name: agent.name ?? null,
        identifier: identifierOf(agent),
        statementCount: Number(r.statement_count),
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
      };
    }),
  };
}

export async function lrsOverview(db: Db) {
  const since = new Date(clock.now().getTime() - 86_400_000).toISOString();
  const [received, recent, unmatched, clients] = await Promise.all([
    db
      .selectFrom("xapi_statements")
      .select((eb) => eb.fn.max("seq").as("n"))
      .executeTakeFirstOrThrow(),
    // The count reads the stored index only; the matched share samples the latest 10,000 rows, so
    // a busy LRS's page stays fast.
    Promise.all([
      db
        .selectFrom("xapi_statements")
        .select(sql<number>`count(*)`.as("n"))
        .where("stored", ">", since)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom((eb) =>
          eb
            .selectFrom("xapi_statements")
            .select("person_id")
            .where("stored", ">", since)
            .orderBy("seq", "desc")
            .limit(10_000)
            .as("latest"),
        )
        .select([
          sql<number>`count(*)`.as("n"),
          sql<number>`sum(case when person_id is null then 0 else 1 end)`.as("matched"),
        ])
        .executeTakeFirstOrThrow(),
    ]),
    db
      .selectFrom("xapi_actors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("person_id", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("lrs_clients")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  const [last, sample] = recent;
  const last24h = Number(last.n);
  const sampled = Number(sample.n);
  return {
    versions: [...supportedVersions],
    statementsReceived: Number(received.n ?? 0),
    statementsLast24h: last24h,
    matchedShare:
      sampled === 0 ? null : Math.round((Number(sample.matched ?? 0) / sampled) * 1000) / 10,
    unmatchedActors: Number(unmatched.n),
    activeClients: Number(clients.n),
  };
}
