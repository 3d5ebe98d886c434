import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { autoIdColumn, isPostgres } from "../dialect.js";

/**
 * The Learning Record Store (clients, statements, attachments, documents, activities, actors)
 * and module progress: the evidence from statements, completion imports and manual records that
 * moves assignments forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const autoId = autoIdColumn(db);
  const blob = isPostgres(db) ? "bytea" : "blob";

  await db.schema
    .createTable("lrs_clients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    /** read, write or read_write. */
    .addColumn("access", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  // Statements: the full statement as stored, plus the columns its queries filter on.
  await db.schema
    .createTable("xapi_statements")
    .addColumn("seq", autoId.type, autoId.build)
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("stored", "text", (c) => c.notNull())
    .addColumn("actor_key", "text", (c) => c.notNull())
    .addColumn("verb_id", "text", (c) => c.notNull())
    .addColumn("activity_id", "text")
    /** The statement a StatementRef object points at (the voided one, for voiding statements). */
    .addColumn("ref_id", "text")
    .addColumn("registration", "text")
    .addColumn("voided", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("person_id", "integer")
    .addColumn("statement", "text", (c) => c.notNull())
    .addColumn("attachments", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [name, column] of [
    ["actor", "actor_key"],
    ["activity", "activity_id"],
    ["verb", "verb_id"],
    ["registration", "registration"],
    ["ref", "ref_id"],
  ] as const) {
    await db.schema
      .createIndex(`xapi_statements_${name}_idx`)
      .on("xapi_statements")
      .columns([column, "seq"])
      .execute();
  }
  await db.schema
    .createIndex("xapi_statements_stored_idx")
    .on("xapi_statements")
    .columns(["stored", "seq"])
    .execute();
  // Every agent and activity a statement mentions (actor, object, context, sub-statement), for
  // queries with related_agents / related_activities.
  await db.schema
    .createTable("xapi_statement_refs")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("xapi_statement_refs_pk", ["kind", "key", "seq"])
    .execute();
  await db.schema
    .createTable("xapi_attachments")
    .addColumn("sha2", "text", (c) => c.primaryKey())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("length", "integer", (c) => c.notNull())
    .addColumn("content", blob, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("xapi_documents")
    .addColumn("id", autoId.type, autoId.build)
    /** state, activity_profile or agent_profile. */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("agent_key", "text", (c) => c.notNull())
    .addColumn("registration", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("content", blob, (c) => c.notNull())
    .addColumn("etag", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("xapi_documents_uq", [
      "kind",
      "activity_id",
      "agent_key",
      "registration",
      "document_id",
    ])
    .execute();
  await db.schema
    .createTable("xapi_activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Every actor seen in a statement, and the person it maps to (null: unmatched, kept and retried).
  await db.schema
    .createTable("xapi_actors")
    .addColumn("actor_key", "text", (c) => c.primaryKey())
    .addColumn("agent", "text", (c) => c.notNull())
    .addColumn("person_id", "integer")
    .addColumn("statement_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    .addColumn("matched_at", "text")
    .execute();
  await db.schema
    .createIndex("xapi_actors_person_idx")
    .on("xapi_actors")
    .columns(["person_id", "last_seen"])
    .execute();

  // Evidence of progress on one module of an assignment.
  await db.schema
    .createTable("module_progress")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("assignment_id", "bigint", (c) => c.notNull())
    .addColumn("module_id", "text", (c) => c.notNull())
    /** started or completed. */
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("score", "real")
    .addColumn("at", "text", (c) => c.notNull())
    /** xapi, import or manual. */
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_system", "text")
    .addColumn("statement_id", "text")
    .addColumn("import_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("module_progress_assignment_idx")
    .on("module_progress")
    .columns(["assignment_id", "module_id"])
    .execute();
  await db.schema
    .createIndex("module_progress_statement_idx")
    .on("module_progress")
    .column("statement_id")
    .execute();
  // Completion files from other LMSes: one row per accepted record, for deduplication.
  await db.schema
    .createTable("completion_records")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("import_id", "text", (c) => c.notNull())
    .addColumn("person_id", "integer", (c) => c.notNull())
    .addColumn("program_id", "text", (c) => c.notNull())
    .addColumn("module_id", "text")
    .addColumn("completed_on", "text", (c) => c.notNull())
    .addColumn("score", "real")
    .addColumn("source_system", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  /** JSON array of verb IRIs that complete the module; null: completed, passed, cmi5 satisfied. */
  await db.schema.alterTable("program_modules").addColumn("completion_verbs", "text").execute();
  // Statements identify people by mbox_sha1sum too: the SHA-1 of "mailto:" + e-mail.
  await db.schema.alterTable("people").addColumn("email_sha1", "text").execute();
  await db.schema.createIndex("people_email_sha1_idx").on("people").column("email_sha1").execute();
  const people = await sql<{
    id: number;
    email: string;
  }>`select id, email from people where email is not null`.execute(db);
  for (const person of people.rows) {
    await sql`update people set email_sha1 = ${mboxSha1(person.email)} where id = ${person.id}`.execute(
      db,
    );
  }
}

function mboxSha1(email: string): string {
  return createHash("sha1").update(`mailto:${email}`).digest("hex");
}

export function down(): Promise<void> {
  return Promise.reject(new Error("Cascade migrations are forward-only."));
}
