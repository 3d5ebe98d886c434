import type { Kysely } from "kysely";
import { autoIdColumn } from "../dialect.js";

/**
 * Communications: message templates with localized variants, cadences of rules per rollout or
 * wave, the outbox every message is written to before it is delivered, its state changes, and
 * addresses that bounced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const autoId = autoIdColumn(db);

  await db.schema
    .createTable("message_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fallback_locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("message_template_variants")
    .addColumn("template_id", "text", (c) => c.notNull().references("message_templates.id"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_template_variants_pk", ["template_id", "locale"])
    .execute();

  // A rollout's cadence applies to its waves; a wave may have its own instead.
  await db.schema
    .createTable("cadences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rollout_id", "text", (c) => c.notNull())
    .addColumn("wave_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    /** JSON array of rules. */
    .addColumn("rules", "text", (c) => c.notNull())
    /** JSON send policy: quiet hours, working days, frequency caps. */
    .addColumn("policy", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("cadences_rollout_idx")
    .on("cadences")
    .columns(["rollout_id", "wave_id"])
    .execute();
  // Reserved for incremental planning (how far each rule has been planned for each wave); the
  // planner reads anchors' ranges instead and does not use it yet.
  await db.schema
    .createTable("cadence_progress")
    .addColumn("wave_id", "text", (c) => c.notNull())
    .addColumn("rule_key", "text", (c) => c.notNull())
    .addColumn("through_assignment_id", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("through_at", "text")
    .addColumn("planned_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cadence_progress_pk", ["wave_id", "rule_key"])
    .execute();

  await db.schema
    .createTable("outbox_messages")
    .addColumn("id", autoId.type, autoId.build)
    /** One message per rule and recipient (and period): planning twice adds nothing. */
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("rollout_id", "text")
    .addColumn("wave_id", "text")
    .addColumn("rule_key", "text")
    .addColumn("template_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    /** email or chat. */
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient_person_id", "integer")
    /** learner, manager, manager_of_manager or channel. */
    .addColumn("recipient_role", "text", (c) => c.notNull())
    /** The learner the message is about (the recipient, or their report). */
    .addColumn("assignment_id", "integer")
    .addColumn("condition", "text", (c) => c.notNull())
    /** The instant the rule's timing was computed from (a due date), to notice it moving. */
    .addColumn("base_at", "text")
    .addColumn("scheduled_for", "text", (c) => c.notNull())
    /** Not before this instant: the schedule, moved by send windows, caps and retries. */
    .addColumn("send_after", "text", (c) => c.notNull())
    /** scheduled, sending, sent, failed or cancelled. */
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lease_until", "text")
    /** Sends repeated after an interruption, when the first may have reached the server. */
    .addColumn("resends", "integer", (c) => c.notNull().defaultTo(0))
    // Fixed when the message is first claimed, so a resend is identical.
    .addColumn("message_id", "text")
    .addColumn("address", "text")
    .addColumn("locale", "text")
    .addColumn("subject", "text")
    .addColumn("text_body", "text")
    .addColumn("html_body", "text")
    /** smtp, local (the embedded outbox) or webhook. */
    .addColumn("transport", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("cancelled_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outbox_due_idx")
    .on("outbox_messages")
    .columns(["state", "send_after"])
    .execute();
  await db.schema
    .createIndex("outbox_recipient_idx")
    .on("outbox_messages")
    .columns(["recipient_person_id", "scheduled_for"])
    .execute();
  await db.schema
    .createIndex("outbox_rollout_idx")
    .on("outbox_messages")
    .columns(["rollout_id", "rule_key", "scheduled_for"])
    .execute();
  await db.schema
    .createIndex("outbox_assignment_idx")
    .on("outbox_messages")
    .column("assignment_id")
    .execute();

  // Every change of state after creation (creation is recorded on the row).
  await db.schema
    .createTable("outbox_events")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("message_id", "integer", (c) => c.notNull())
    .addColumn("from_state", "text", (c) => c.notNull())
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outbox_events_message_idx")
    .on("outbox_events")
    .columns(["message_id", "id"])
    .execute();

  // Addresses that must not be written to again (a hard bounce, or marked by an operator).
  await db.schema
    .createTable("email_suppressions")
    .addColumn("address", "text", (c) => c.primaryKey())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("message_id", "integer")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error("Cascade migrations are forward-only."));
}
