import type { Kysely } from "kysely";
import { autoIdColumn } from "../dialect.js";

/** Audiences, programs with versions and modules, rollouts (phases, waves, gates), assignments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const autoId = autoIdColumn(db);

  await db.schema
    .createTable("audiences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("member_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("resolved_at", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Who is in an audience now; resolution keeps it current and logs every join and leave.
  await db.schema
    .createTable("audience_members")
    .addColumn("audience_id", "text", (c) => c.notNull().references("audiences.id"))
    .addColumn("person_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("audience_members_pk", ["audience_id", "person_id"])
    .execute();
  await db.schema
    .createTable("audience_changes")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("audience_id", "text", (c) => c.notNull())
    .addColumn("person_id", "integer", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audience_changes_audience_idx")
    .on("audience_changes")
    .columns(["audience_id", "id"])
    .execute();

  await db.schema
    .createTable("programs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("program_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("published_at", "text")
    .addColumn("published_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("program_versions_number_uq", ["program_id", "number"])
    .execute();
  await db.schema
    .createTable("program_modules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version_id", "text", (c) => c.notNull().references("program_versions.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("activity_iri", "text")
    .addColumn("expected_minutes", "integer", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    /** JSON array of { locale?, region?, title?, activityIri? }. */
    .addColumn("variants", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .createIndex("program_modules_version_idx")
    .on("program_modules")
    .columns(["version_id", "position"])
    .execute();

  await db.schema
    .createTable("rollouts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("program_version_id", "text", (c) => c.notNull().references("program_versions.id"))
    .addColumn("audience_id", "text", (c) => c.references("audiences.id"))
    .addColumn("daily_learning_minutes", "integer", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("rollout_phases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rollout_id", "text", (c) => c.notNull().references("rollouts.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    /** JSON array of gate criteria guarding entry into this phase; empty: no gate. */
    .addColumn("gate_criteria", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("rollout_waves")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rollout_id", "text", (c) => c.notNull().references("rollouts.id"))
    .addColumn("phase_id", "text", (c) => c.notNull().references("rollout_phases.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("audience_id", "text", (c) => c.references("audiences.id"))
    /** JSON { regions, divisions, percent }: a slice of the audience. */
    .addColumn("slice", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("launch_date", "text", (c) => c.notNull())
    .addColumn("enrollment_mode", "text", (c) => c.notNull())
    /** JSON deadline policy; see src/rollouts/deadline.ts. */
    .addColumn("deadline", "text", (c) => c.notNull())
    /** JSON { region: deadline policy }. */
    .addColumn("region_deadlines", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("joiner_grace_days", "integer", (c) => c.notNull())
    /** What to do when a due date leaves too little time: chosen at launch, reused for joiners. */
    .addColumn("feasibility_choice", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("launched_at", "text")
    .addColumn("launched_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rollout_waves_rollout_idx")
    .on("rollout_waves")
    .columns(["rollout_id", "launch_date"])
    .execute();
  // What happened to a wave: launched, paused, resumed, rolled back, synchronised, with counts.
  await db.schema
    .createTable("wave_events")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("wave_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("wave_events_wave_idx")
    .on("wave_events")
    .columns(["wave_id", "id"])
    .execute();

  await db.schema
    .createTable("blackout_periods")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("division", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("gate_evaluations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("phase_id", "text", (c) => c.notNull().references("rollout_phases.id"))
    .addColumn("passed", "integer", (c) => c.notNull())
    /** JSON array of { metric, operator, threshold, value, met }. */
    .addColumn("results", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("gate_evaluations_phase_idx")
    .on("gate_evaluations")
    .columns(["phase_id", "at"])
    .execute();
  await db.schema
    .createTable("gate_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("phase_id", "text", (c) => c.notNull().references("rollout_phases.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    /** JSON array of approver names. */
    .addColumn("approvers", "text", (c) => c.notNull())
    .addColumn("evaluation_id", "text")
    .addColumn("extend_until", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("gate_decisions_phase_idx")
    .on("gate_decisions")
    .columns(["phase_id", "decided_at"])
    .execute();
  // Measured values of metrics computed elsewhere (satisfaction, competency lift, KPIs).
  await db.schema
    .createTable("rollout_metric_values")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("rollout_id", "text", (c) => c.notNull())
    .addColumn("phase_id", "text")
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("value", "real", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rollout_metric_values_idx")
    .on("rollout_metric_values")
    .columns(["rollout_id", "metric", "recorded_at"])
    .execute();

  await db.schema
    .createTable("assignments")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("rollout_id", "text", (c) => c.notNull())
    .addColumn("wave_id", "text", (c) => c.notNull())
    .addColumn("person_id", "integer", (c) => c.notNull())
    .addColumn("program_version_id", "text", (c) => c.notNull())
    .addColumn("enrollment_mode", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("due_at", "text")
    /** The person's time zone when the due date was set: the due date shown to them. */
    .addColumn("time_zone", "text", (c) => c.notNull())
    /** ok, flagged (too little time; not assigned), assigned_anyway, extended. */
    .addColumn("feasibility", "text", (c) => c.notNull())
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("assigned_cause", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("completed_at", "text")
    .addColumn("score", "real")
    .addColumn("completion_source", "text")
    .addColumn("closed_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("assignments_wave_person_uq", ["wave_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("assignments_person_idx")
    .on("assignments")
    .columns(["person_id", "rollout_id"])
    .execute();
  await db.schema
    .createIndex("assignments_wave_status_idx")
    .on("assignments")
    .columns(["wave_id", "status"])
    .execute();
  await db.schema
    .createIndex("assignments_due_idx")
    .on("assignments")
    .columns(["status", "due_at"])
    .execute();
  await db.schema
    .createTable("assignment_changes")
    .addColumn("id", autoId.type, autoId.build)
    .addColumn("assignment_id", "integer", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    /** JSON: due date moves, exception ids, scores. */
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assignment_changes_assignment_idx")
    .on("assignment_changes")
    .columns(["assignment_id", "id"])
    .execute();

  await db.schema
    .createTable("assignment_exceptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rollout_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("approved_by", "text", (c) => c.notNull())
    .addColumn("requested_by", "text")
    .addColumn("new_due_at", "text")
    .addColumn("expires_on", "text")
    .addColumn("assignment_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("lapsed_at", "text")
    .execute();
  await db.schema
    .createIndex("assignment_exceptions_rollout_idx")
    .on("assignment_exceptions")
    .columns(["rollout_id", "created_at"])
    .execute();
  await db.schema
    .createTable("assignment_exception_items")
    .addColumn("exception_id", "text", (c) => c.notNull())
    .addColumn("assignment_id", "integer", (c) => c.notNull())
    .addColumn("previous_status", "text", (c) => c.notNull())
    .addColumn("previous_due_at", "text")
    .addPrimaryKeyConstraint("assignment_exception_items_pk", ["exception_id", "assignment_id"])
    .execute();
  await db.schema
    .createIndex("assignment_exception_items_assignment_idx")
    .on("assignment_exception_items")
    .column("assignment_id")
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error("Cascade migrations are forward-only."));
}
