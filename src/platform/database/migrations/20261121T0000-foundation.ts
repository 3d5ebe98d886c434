import type { Kysely } from "kysely";
import { autoIdColumn } from "../dialect.js";

/** People directory, imports, users, sessions, API tokens, the job queue and domain events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const autoId = autoIdColumn(db);

  await db.schema
    .createTable("people")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("external_id", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("family_key", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("manager_external_id", "text")
    .addColumn("division", "text")
    .addColumn("department", "text")
    .addColumn("region", "text")
    .addColumn("country", "text")
    .addColumn("location", "text")
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("locale", "text")
    .addColumn("job_title", "text")
    .addColumn("job_family", "text")
    .addColumn("grade", "text")
    .addColumn("employment_type", "text")
    .addColumn("hire_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("row_hash", "text", (c) => c.notNull())
    .addColumn("left_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Search and sort by name, family name and e-mail (prefix ranges), the manager tree, and one
  // (attribute, status) index per filterable attribute: filters, counts and facets are then read
  // from the index alone. Each index slows every import, so there are no others.
  for (const column of ["name_key", "family_key", "email", "manager_external_id"]) {
    await db.schema.createIndex(`people_${column}_idx`).on("people").column(column).execute();
  }
  // The three filters people use most also carry the name, so a filtered page sorted by name
  // reads in index order and stops after one page.
  for (const column of ["division", "region", "country"]) {
    await db.schema
      .createIndex(`people_${column}_idx`)
      .on("people")
      .columns([column, "status", "name_key"])
      .execute();
  }
  for (const column of ["department", "location", "job_family", "employment_type"]) {
    await db.schema
      .createIndex(`people_${column}_idx`)
      .on("people")
      .columns([column, "status"])
      .execute();
  }

  // Tags, one row per person and tag, so that tag filters and counts use an index.
  await db.schema
    .createTable("person_tags")
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("person_tags_pk", ["person_id", "tag"])
    .execute();
  await db.schema
    .createIndex("person_tags_tag_idx")
    .on("person_tags")
    .columns(["tag", "person_id"])
    .execute();

  await db.schema
    .createTable("person_history")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("import_id", "text")
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("person_history_person_idx")
    .on("person_history")
    .columns(["person_id", "id"])
    .execute();

  await db.schema
    .createTable("imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("dry_run", "integer", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("valid_row_count", "integer", (c) => c.notNull())
    .addColumn("error_count", "integer", (c) => c.notNull())
    .addColumn("report", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("applied_at", "text")
    .execute();
  await db.schema.createIndex("imports_created_idx").on("imports").column("created_at").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("scope_regions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("scope_divisions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("person_external_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .execute();

  await db.schema
    .createTable("user_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.unique())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_ready_idx").on("jobs").columns(["status", "run_at"]).execute();

  await db.schema
    .createTable("domain_events")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error("Cascade migrations are forward-only."));
}
