import { createHash } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { clock } from "../../platform/clock.js";
import { isPostgres } from "../../platform/database/dialect.js";
import type { Database } from "../../platform/database/schema.js";

/** The three xAPI Document Resources, as the `kind` column stores them. */
export type DocumentKind = "state" | "activity_profile" | "agent_profile";

/**
 * Where a document lives: its resource, its context (activity, agent, registration; '' where the
 * resource has none) and its id (stateId or profileId).
 */
export interface DocumentKey {
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
  documentId: string;
}

/** The documents of one context, without their ids (a State list or delete, a profile list). */
export type DocumentScope = Omit<DocumentKey, "documentId">;

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  /** Lower-case hexadecimal SHA-1 of the content, unquoted (xAPI 1.0.3 Communication 3.1.s4.b2). */
  etag: string;
  /** ISO-8601 UTC instant of the last write. */
  updatedAt: string;
}

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** The ETag value of some content: its SHA-1 in lower-case hexadecimal. */
export function contentEtag(content: Buffer): string {
  return createHash("sha1").update(content).digest("hex");
}

/** The column filter of a context, for `where((eb) => eb.and(...))`. */
function inScope(scope: DocumentScope) {
  return {
    kind: scope.kind,
    activity_id: scope.activityId,
    agent_key: scope.agentKey,
    registration: scope.registration,
  };
}

/** The column filter of one document. */
function atKey(key: DocumentKey) {
  return { ...inScope(key), document_id: key.documentId };
}

async function readDocument(db: Db | Trx, key: DocumentKey): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom("xapi_documents")
    .select(["content_type", "content", "etag", "updated_at"])
    .where((eb) => eb.and(atKey(key)))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    contentType: row.content_type,
    content: Buffer.from(row.content),
    etag: row.etag,
    updatedAt: row.updated_at,
  };
}

/** One document, or undefined when none is stored under `key`. */
export function findDocument(db: Db, key: DocumentKey): Promise<StoredDocument | undefined> {
  return readDocument(db, key);
}

/**
 * The ids of a context's documents, optionally only those written after `since` (an ISO-8601 UTC
 * instant as `Date.toISOString()` gives, exclusive), with the newest write among them.
 */
export async function listDocumentIds(
  db: Db,
  scope: DocumentScope,
  since: string | undefined,
): Promise<{ ids: string[]; lastModified: string | null }> {
  let query = db
    .selectFrom("xapi_documents")
    .select(["document_id", "updated_at"])
    .where((eb) => eb.and(inScope(scope)));
  if (since !== undefined) query = query.where("updated_at", ">", since);
  const rows = await query.orderBy("document_id").execute();
  const lastModified = rows.reduce<string | null>(
    (max, r) => (max === null || r.updated_at > max ? r.updated_at : max),
    null,
  );
  return { ids: rows.map((r) => r.document_id), lastModified };
}

/** What a read-then-write step can do with the document it was given. */
export interface DocumentWriter {
  /** Stores (creates or replaces) the document. */
  put(contentType: string, content: Buffer): Promise<void>;
  /** Deletes the document (nothing happens when there is none). */
  remove(): Promise<void>;
}

/**
 * Runs `step` in a transaction with the document currently stored under `key` (undefined when
 * none), so that the preconditions it checks still hold when it writes: concurrent writers of the
 * same document are serialized (SQLite runs one transaction at a time; on PostgreSQL a
 * transaction-scoped advisory lock on the document's key is taken before reading, which also
 * covers a document that does not exist yet).
 */
export async function withDocument<T>(
  db: Db,
  key: DocumentKey,
  step: (current: StoredDocument | undefined, writer: DocumentWriter) => Promise<T>,
): Promise<T> {
  const postgres = isPostgres(db);
  return db.transaction().execute(async (trx) => {
    if (postgres) {
      const lockKey = [key.kind, key.activityId, key.agentKey, key.registration, key.documentId]
        .map((part) => part.replaceAll("\\", "\\\\").replaceAll("\n", "\\n"))
        .join("\n");
      await sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`.execute(trx);
    }
    const current = await readDocument(trx, key);
    const writer: DocumentWriter = {
      put: async (contentType, content) => {
        const values = {
          content_type: contentType,
          content,
          etag: contentEtag(content),
          updated_at: clock.nowIso(),
        };
        await trx
          .insertInto("xapi_documents")
          .values({
            kind: key.kind,
            activity_id: key.activityId,
            agent_key: key.agentKey,
            registration: key.registration,
            document_id: key.documentId,
            ...values,
          })
          .onConflict((oc) =>
            oc
              .columns(["kind", "activity_id", "agent_key", "registration", "document_id"])
              .doUpdateSet(values),
          )
          .execute();
      },
      remove: async () => {
        await trx
          .deleteFrom("xapi_documents")
          .where((eb) => eb.and(atKey(key)))
          .execute();
      },
    };
    return step(current, writer);
  });
}

/** Deletes every document of a context (the State Resource's multiple-document DELETE). */
export async function deleteDocuments(db: Db, scope: DocumentScope): Promise<number> {
  const result = await db
    .deleteFrom("xapi_documents")
    .where((eb) => eb.and(inScope(scope)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
