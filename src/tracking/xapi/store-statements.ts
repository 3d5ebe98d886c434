import { randomUUID } from "node:crypto";
import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../../platform/database/schema.js";
import { clock } from "../../platform/clock.js";
import { bulkInsert } from "../../platform/database/bulk.js";
import { isPostgres } from "../../platform/database/dialect.js";
import { AppError } from "../../platform/errors.js";
import { undoStatementProgress } from "../../rollouts/module-progress.js";
import type { LrsCaller } from "./lrs-clients.js";
import { matchActors } from "./actor-people.js";
import { checkSignature } from "./signature.js";
import {
  comparableForm,
  isActivity,
  normalizeContextActivities,
  signatureUsageType,
  statementKeys,
  voidedVerb,
  type Statement,
  type StatementKeys,
} from "./statement.js";
import { applyStatementProgress } from "./statement-progress.js";
import { validateStatement, type XapiVersion } from "./validate-statement.js";

type Db = Kysely<Database>;

/** An attachment's content received in a multipart/mixed request. */
export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

export interface StoreInput {
  /** The parsed request body: one statement or an array of them. */
  body: unknown;
  version: XapiVersion;
  /** PUT: the statementId parameter the statement must carry. */
  putId?: string;
  parts?: AttachmentPart[];
  accountHomePages: readonly string[];
}

interface Prepared {
  id: string;
  caller: LrsCaller;
  statement: Statement;
  keys: StatementKeys;
  text: string;
  /** Whether the client sent a timestamp (else the LRS set it, and comparisons ignore it). */
  hadTimestamp: boolean;
  hasAttachments: boolean;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates and stores statements in one transaction, with their attachments, voiding and the
 * progress they are evidence of. Returns the ids in request order. A statement whose id is
 * already stored is skipped when it is the same statement and refused (409) when it differs.
 */
export async function storeStatements(
  db: Db,
  caller: LrsCaller,
  input: StoreInput,
): Promise<string[]> {
  const single = !Array.isArray(input.body);
  const list: unknown[] = single ? [input.body] : (input.body as unknown[]);
  if (list.length === 0) throw new AppError("bad_request", "statements: the array is empty.");
  const stored = clock.nowIso();
  const prepared: Prepared[] = [];
  const ids = new Set<string>();
  const parts = new Map((input.parts ?? []).map((p) => [p.sha2, p]));
  const usedParts = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const path = single ? "statement" : `statements[${i}]`;
    const issue = validateStatement(list[i], input.version, path);
    if (issue) throw new AppError("bad_request", `${issue.path}: ${issue.message}`, issue);
    const statement = list[i] as Statement;
    if (input.putId !== undefined) {
      if (statement.id !== undefined && statement.id.toLowerCase() !== input.putId.toLowerCase())
        throw new AppError(
          "bad_request",
          `statement.id: "${statement.id}" differs from the statementId parameter "${input.putId}".`,
        );
    }
    const id = (statement.id ?? input.putId ?? randomUUID()).toLowerCase();
    if (ids.has(id))
      throw new AppError("bad_request", `${path}.id: "${id}" appears twice in this request.`);
    ids.add(id);
    for (const [a, attachment] of (statement.attachments ?? []).entries()) {
      const part = parts.get(attachment.sha2);
      if (attachment.usageType === signatureUsageType) {
        if (!part)
          throw new AppError(
            "bad_request",
            `${path}.attachments[${a}]: the signature must be sent as a multipart/mixed part with X-Experience-API-Hash ${attachment.sha2}.`,
          );
        if (attachment.contentType !== "application/octet-stream")
          throw new AppError(
            "bad_request",
            `${path}.attachments[${a}].contentType: a signature's must be application/octet-stream.`,
          );
        await checkSignature(statement, part.content.toString("utf8"), `${path}.attachments[${a}]`);
      }
      if (part) usedParts.add(attachment.sha2);
      else if (attachment.fileUrl === undefined)
        throw new AppError(
          "bad_request",
          `${path}.attachments[${a}]: no fileUrl and no multipart/mixed part with X-Experience-API-Hash ${attachment.sha2}.`,
        );
    }
    normalizeContextActivities(statement.context);
    if (statement.object.objectType === "SubStatement")
      normalizeContextActivities((statement.object as unknown as Statement).context);
    const full: Statement = {
      ...statement,
      id,
      timestamp: statement.timestamp ?? stored,
      stored,
      authority: caller.authority,
      version: statement.version ?? (input.version === "2.0.0" ? "2.0.0" : "1.0.0"),
    };
    prepared.push({
      id,
      caller,
      statement: full,
      keys: statementKeys(full),
      text: JSON.stringify(full),
      hadTimestamp: statement.timestamp !== undefined,
      hasAttachments: (statement.attachments?.length ?? 0) > 0,
    });
  }
  for (const sha2 of parts.keys())
    if (!usedParts.has(sha2))
      throw new AppError(
        "bad_request",
        `The multipart/mixed part with X-Experience-API-Hash ${sha2} matches no statement's attachment.`,
      );

  const batch: WriteBatch = {
    prepared,
    parts,
    usedParts,
    stored,
    accountHomePages: input.accountHomePages,
  };
  const written = isPostgres(db)
    ? await db.transaction().execute((trx) => writeBatches(trx, [batch]))
    : await groupCommit(db, batch);
  // Activity definitions written, remembered once committed.
  if (knownDefinitions.size > 100_000) knownDefinitions.clear();
  for (const [id, definition] of written)
    if (definition !== null) knownDefinitions.set(id, definition);
  return prepared.map((p) => p.id);
}

/** One request's validated statements, ready to be written. */
interface WriteBatch {
  prepared: Prepared[];
  parts: Map<string, AttachmentPart>;
  usedParts: Set<string>;
  stored: string;
  accountHomePages: readonly string[];
}

/**
 * Writes the statements of one or more requests in the caller's transaction, with the same
 * queries whatever their number: voiding, actors, statements and their refs, activities,
 * attachments, then the progress they are evidence of. Returns the activity definitions written.
 */
async function writeBatches(trx: Db, batches: WriteBatch[]): Promise<Map<string, string | null>> {
  const all = batches.flatMap((b) => b.prepared);
  const stored = batches[0]?.stored ?? clock.nowIso();
  const fresh = await skipStored(trx, all);
  if (fresh.length === 0) return new Map();
  const voiding = fresh.filter((p) => p.statement.verb.id === voidedVerb);
  const targets = await checkVoidingTargets(trx, voiding, fresh);
  // A statement voided by an earlier voiding statement (which arrived first) is stored voided.
  const alreadyVoided = await voidedBefore(trx, fresh);
  const actors = await matchActors(
    trx,
    fresh.map((p) => p.statement.actor),
    batches[0]?.accountHomePages ?? [],
  );
  await insertStatements(trx, fresh, actors, alreadyVoided);
  const written = await recordActivities(trx, fresh, stored);
  await recordActors(trx, fresh, actors, stored);
  for (const b of batches) await insertAttachments(trx, b.parts, b.usedParts);
  if (targets.length > 0) {
    await trx
      .updateTable("xapi_statements")
      .set({ voided: 1 })
      .where("id", "in", targets)
      .execute();
    const by = [...new Set(voiding.map((p) => p.caller.name))].join(", ");
    await undoStatementProgress(
      trx,
      targets,
      `statement ${targets.join(", ")} voided by ${by}`,
      "LRS",
    );
  }
  await applyStatementProgress(
    trx,
    fresh
      .filter((p) => p.statement.verb.id !== voidedVerb && !alreadyVoided.has(p.id))
      .map((p) => ({
        id: p.id,
        statement: p.statement,
        personId: actors.get(p.keys.actorKey) ?? null,
        activityId: p.keys.activityId,
        clientName: p.caller.name,
      })),
  );
  return written;
}

interface PendingWrite {
  batch: WriteBatch;
  resolve: (written: Map<string, string | null>) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<Db, { running: boolean; pending: PendingWrite[] }>();

/**
 * SQLite has one writer, and both a commit and each query cost far more than the rows of a
 * request, so the statements of concurrent requests are written together: whatever arrived while
 * a transaction ran goes into the next one, as one set of queries. If that group fails (one
 * request's statement conflicts), each of its requests is retried alone, so one request's error
 * never fails another's.
 */
function groupCommit(db: Db, batch: WriteBatch): Promise<Map<string, string | null>> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { running: false, pending: [] }));
  const q = queue;
  const done = new Promise<Map<string, string | null>>((resolve, reject) =>
    q.pending.push({ batch, resolve, reject }),
  );
  if (!q.running) void drain(db, q);
  return done;
}

async function drain(db: Db, q: { running: boolean; pending: PendingWrite[] }): Promise<void> {
  q.running = true;
  try {
    while (q.pending.length > 0) {
      const group = q.pending.splice(0, 64);
      try {
        const written = await db.transaction().execute((trx) =>
          writeBatches(
            trx,
            group.map((item) => item.batch),
          ),
        );
        for (const item of group) item.resolve(written);
      } catch (error) {
        if (group.length === 1) {
          group[0]?.reject(error);
          continue;
        }
        for (const item of group) {
          try {
            item.resolve(await db.transaction().execute((trx) => writeBatches(trx, [item.batch])));
          } catch (alone) {
            item.reject(alone);
          }
        }
      }
    }
  } finally {
    q.running = false;
  }
}

/** Drops statements already stored with the same content; refuses one stored differently. */
async function skipStored(db: Db, prepared: Prepared[]): Promise<Prepared[]> {
  const existing = await db
    .selectFrom("xapi_statements")
    .select(["id", "statement"])
    .where(
      "id",
      "in",
      prepared.map((p) => p.id),
    )
    .execute();
  if (existing.length === 0) return prepared;
  const byId = new Map(existing.map((e) => [e.id, e.statement]));
  return prepared.filter((p) => {
    const text = byId.get(p.id);
    if (text === undefined) return true;
    const old = JSON.parse(text) as Statement;
    const ignoreTimestamp = !p.hadTimestamp;
    const same =
      comparableForm(old, { ignoreTimestamp }) === comparableForm(p.statement, { ignoreTimestamp });
    if (!same)
      throw new AppError(
        "conflict",
        `Statement ${p.id} is already stored with different content; statements are immutable.`,
      );
    return false;
  });
}

/**
 * The statements the voiding statements void. A voiding statement cannot void another voiding
 * statement; its target may not have arrived yet (it is voided when it does).
 */
async function checkVoidingTargets(
  db: Db,
  voiding: Prepared[],
  fresh: Prepared[],
): Promise<string[]> {
  if (voiding.length === 0) return [];
  const targets = voiding.map((p) => p.keys.refId ?? "");
  const inRequest = new Map(fresh.map((p) => [p.id, p]));
  const rows = await db
    .selectFrom("xapi_statements")
    .select(["id", "verb_id"])
    .where("id", "in", targets)
    .execute();
  const verbs = new Map(rows.map((r) => [r.id, r.verb_id]));
  for (const [i, target] of targets.entries()) {
    const verb = verbs.get(target) ?? inRequest.get(target)?.statement.verb.id;
    if (verb === voidedVerb)
      throw new AppError(
        "bad_request",
        `Statement ${voiding[i]?.id ?? ""} voids ${target}, which is itself a voiding statement; voiding statements cannot be voided.`,
      );
  }
  return targets;
}

async function voidedBefore(db: Db, fresh: Prepared[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("xapi_statements")
    .select("ref_id")
    .where(
      "ref_id",
      "in",
      fresh.map((p) => p.id),
    )
    .where("verb_id", "=", voidedVerb)
    .execute();
  const out = new Set(rows.map((r) => r.ref_id ?? ""));
  // Voided within the same request.
  for (const p of fresh)
    if (p.statement.verb.id === voidedVerb && p.keys.refId) out.add(p.keys.refId);
  return out;
}

async function insertStatements(
  db: Db,
  fresh: Prepared[],
  actors: Map<string, number>,
  voided: Set<string>,
): Promise<void> {
  const rows = await bulkInsert(db, {
    table: "xapi_statements",
    columns: [
      "id",
      "stored",
      "actor_key",
      "verb_id",
      "activity_id",
      "ref_id",
      "registration",
      "voided",
      "client_id",
      "person_id",
      "statement",
      "attachments",
    ],
    types: [
      "text",
      "text",
      "text",
      "text",
      "text",
      "text",
      "text",
      "int",
      "text",
      "bigint",
      "text",
      "int",
    ],
    rows: fresh.map((p) => [
      p.id,
      p.statement.stored,
      p.keys.actorKey,
      p.statement.verb.id,
      p.keys.activityId,
      p.keys.refId,
      p.keys.registration,
      voided.has(p.id) ? 1 : 0,
      p.caller.clientId,
      actors.get(p.keys.actorKey) ?? null,
      p.text,
      p.hasAttachments ? 1 : 0,
    ]),
    returning: ["seq", "id"],
  });
  const seqs = new Map(rows.map((r) => [String(r.id), Number(r.seq)]));
  function* refRows() {
    for (const p of fresh) {
      const seq = seqs.get(p.id);
      for (const ref of p.keys.refs) yield [ref.kind, ref.key, seq];
    }
  }
  await bulkInsert(db, {
    table: "xapi_statement_refs",
    columns: ["kind", "key", "seq"],
    types: ["text", "text", "bigint"],
    rows: refRows(),
  });
}

// Activity definitions this process has written (a cache: another process may write others, and
// then one extra upsert happens here).
const knownDefinitions = new Map<string, string>();

/** Keeps each activity's latest definition (the canonical one the Activities resource returns). */
async function recordActivities(
  db: Db,
  fresh: Prepared[],
  at: string,
): Promise<Map<string, string | null>> {
  const definitions = new Map<string, string | null>();
  for (const p of fresh) {
    const object = p.statement.object;
    if (!isActivity(object)) continue;
    const previous = definitions.get(object.id);
    if (object.definition) definitions.set(object.id, JSON.stringify(object.definition));
    else if (previous === undefined) definitions.set(object.id, null);
  }
  // Most statements repeat a definition the LRS already holds: only changes are written.
  for (const [id, definition] of definitions)
    if (
      knownDefinitions.get(id) === (definition ?? "{}") ||
      (definition === null && knownDefinitions.has(id))
    )
      definitions.delete(id);
  if (definitions.size === 0) return definitions;
  const rows = [...definitions].map(([id, definition]) => ({
    id,
    definition: definition ?? "{}",
    updated_at: at,
  }));
  const withDefinition = rows.filter((r) => definitions.get(r.id) !== null);
  const bare = rows.filter((r) => definitions.get(r.id) === null);
  if (withDefinition.length > 0)
    await db
      .insertInto("xapi_activities")
      .values(withDefinition)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          definition: eb.ref("excluded.definition"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  if (bare.length > 0)
    await db
      .insertInto("xapi_activities")
      .values(bare)
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  return definitions;
}

/** Records new actors; unmatched ones keep a count and when they were last seen. */
async function recordActors(
  db: Db,
  fresh: Prepared[],
  matched: Map<string, number>,
  at: string,
): Promise<void> {
  const byKey = new Map<string, { agent: Statement["actor"]; count: number }>();
  for (const p of fresh) {
    const entry = byKey.get(p.keys.actorKey);
    if (entry) entry.count++;
    else byKey.set(p.keys.actorKey, { agent: p.statement.actor, count: 1 });
  }
  const rows = [...byKey].map(([key, { agent, count }]) => ({
    actor_key: key,
    agent: JSON.stringify(agent),
    person_id: matched.get(key) ?? null,
    statement_count: count,
    first_seen: at,
    last_seen: at,
    matched_at: matched.has(key) ? at : null,
  }));
  await db
    .insertInto("xapi_actors")
    .values(rows)
    .onConflict((oc) => oc.column("actor_key").doNothing())
    .execute();
  const unmatched = rows.filter((r) => r.person_id === null);
  for (const row of unmatched)
    await db
      .updateTable("xapi_actors")
      .set((eb) => ({
        statement_count: eb("statement_count", "+", row.statement_count),
        last_seen: at,
      }))
      .where("actor_key", "=", row.actor_key)
      .where("first_seen", "!=", at)
      .execute();
}

async function insertAttachments(
  db: Db,
  parts: Map<string, AttachmentPart>,
  used: Set<string>,
): Promise<void> {
  for (const sha2 of used) {
    const part = parts.get(sha2);
    if (!part) continue;
    const query = isPostgres(db)
      ? "insert into xapi_attachments (sha2, content_type, length, content) values ($1, $2, $3, $4) on conflict (sha2) do nothing"
      : "insert into xapi_attachments (sha2, content_type, length, content) values (?, ?, ?, ?) on conflict (sha2) do nothing";
    await db.executeQuery(
      CompiledQuery.raw(query, [sha2, part.contentType, part.content.length, part.content]),
    );
  }
}

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
