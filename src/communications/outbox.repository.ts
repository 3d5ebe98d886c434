import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import type { PeopleScope } from "../platform/auth/roles.js";
import { peopleScopeCondition } from "../directory/people.repository.js";

type Db = Kysely<Database>;

export const outboxStates = ["scheduled", "sending", "sent", "failed", "cancelled"] as const;
export type OutboxState = (typeof outboxStates)[number];

/**
 * Cancels messages not yet sent whose learner's assignment closed (completed, withdrawn, exempt)
 * or whose wave was rolled back, so the calendar and counts show what will really go out. The
 * dispatcher checks each message again before sending; this only keeps the picture current.
 */
export async function cancelClosedMessages(db: Db, now = clock.now()): Promise<number> {
  const at = now.toISOString();
  const closed = (eb: ExpressionBuilder<Database, "outbox_messages">) =>
    eb.and([
      eb("outbox_messages.state", "=", "scheduled"),
      eb.or([
        eb.and([
          eb("outbox_messages.condition", "<>", "completed"),
          eb(
            "outbox_messages.assignment_id",
            "in",
            eb
              .selectFrom("assignments")
              .select("assignments.id")
              .where("assignments.status", "in", ["completed", "withdrawn", "exempt"])
              .where(
                "assignments.closed_at",
                ">=",
                new Date(now.getTime() - 7 * 86_400_000).toISOString(),
              ),
          ),
        ]),
        eb(
          "outbox_messages.wave_id",
          "in",
          eb
            .selectFrom("rollout_waves")
            .select("rollout_waves.id")
            .where("rollout_waves.status", "=", "rolled_back"),
        ),
      ]),
    ]);
  return cancelMessages(db, { where: closed, reason: "no longer needed", at });
}

/**
 * Cancels the messages a predicate selects, logging each change of state first (the predicate
 * is evaluated twice in the caller's transaction). `releaseKeys` frees their dedupe keys, so the
 * same rule and recipient can be planned again.
 */
export async function cancelMessages(
  db: Db,
  options: {
    where: (eb: ExpressionBuilder<Database, "outbox_messages">) => Expression<SqlBool>;
    reason: string;
    at: string;
    releaseKeys?: boolean;
  },
): Promise<number> {
  await db
    .insertInto("outbox_events")
    .columns(["message_id", "from_state", "to_state", "detail", "at"])
    .expression(
      db
        .selectFrom("outbox_messages")
        .select([
          "outbox_messages.id",
          "outbox_messages.state",
          sql.lit("cancelled").as("to_state"),
          sql.val(options.reason).as("detail"),
          sql.val(options.at).as("at"),
        ])
        .where(options.where),
    )
    .execute();
  const result = await db
    .updateTable("outbox_messages")
    .set({
      state: "cancelled",
      cancelled_reason: options.reason,
      updated_at: options.at,
      ...(options.releaseKeys
        ? { dedupe_key: sql<string>`dedupe_key || ':retired:' || cast(id as text)` }
        : {}),
    })
    .where(options.where)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface MessageFilter {
  rolloutId?: string | undefined;
  waveId?: string | undefined;
  personId?: number | undefined;
  /** The recipient's external id, as the rest of the API names people. */
  personExternalId?: string | undefined;
  /** The caller's people scope; messages to people outside it are left out. */
  scope?: PeopleScope | undefined;
  state?: OutboxState | undefined;
  templateId?: string | undefined;
  channel?: string | undefined;
  /** Only messages resent after an interrupted send. */
  resent?: boolean | undefined;
}

function filtered(db: Db, f: MessageFilter) {
  let q = db.selectFrom("outbox_messages");
  if (f.rolloutId) q = q.where("outbox_messages.rollout_id", "=", f.rolloutId);
  if (f.waveId) q = q.where("outbox_messages.wave_id", "=", f.waveId);
  if (f.personId !== undefined) q = q.where("outbox_messages.recipient_person_id", "=", f.personId);
  if (f.personExternalId !== undefined)
    q = q.where("outbox_messages.recipient_person_id", "in", (eb) =>
      eb
        .selectFrom("people as recipient")
        .select("recipient.id")
        .where("recipient.external_id", "=", f.personExternalId ?? ""),
    );
  if (f.state) q = q.where("outbox_messages.state", "=", f.state);
  if (f.templateId) q = q.where("outbox_messages.template_id", "=", f.templateId);
  if (f.channel) q = q.where("outbox_messages.channel", "=", f.channel);
  if (f.resent) q = q.where("outbox_messages.resends", ">", 0);
  const scope = f.scope;
  // A caller with a narrower scope sees the messages to the people in it, and no others.
  if (scope && scope.kind !== "all")
    q = q.where("outbox_messages.recipient_person_id", "in", (eb) =>
      eb
        .selectFrom("people")
        .select("people.id")
        .where((p) => peopleScopeCondition(p, scope)),
    );
  return q;
}

/** One page of the delivery log, newest first (by when the message goes or went out). */
export async function listMessages(
  db: Db,
  filter: MessageFilter,
  page: { limit: number; offset: number },
) {
  const rows = await filtered(db, filter)
    .leftJoin("people", "people.id", "outbox_messages.recipient_person_id")
    .leftJoin("message_templates", "message_templates.id", "outbox_messages.template_id")
    .select([
      "outbox_messages.id",
      "outbox_messages.rollout_id",
      "outbox_messages.wave_id",
      "outbox_messages.purpose",
      "outbox_messages.channel",
      "outbox_messages.template_id",
      "message_templates.name as template_name",
      "outbox_messages.recipient_person_id",
      "outbox_messages.recipient_role",
      "people.name as recipient_name",
      "people.external_id as recipient_external_id",
      "outbox_messages.address",
      "outbox_messages.assignment_id",
      "outbox_messages.scheduled_for",
      "outbox_messages.send_after",
      "outbox_messages.state",
      "outbox_messages.attempts",
      "outbox_messages.resends",
      "outbox_messages.subject",
      "outbox_messages.locale",
      "outbox_messages.transport",
      "outbox_messages.sent_at",
      "outbox_messages.cancelled_reason",
      "outbox_messages.last_error",
    ])
    .orderBy("outbox_messages.send_after", "desc")
    .orderBy("outbox_messages.id", "desc")
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

/** One message with its content (once written) and every change of its state. */
export async function getMessage(db: Db, id: number, scope?: PeopleScope) {
  if (scope && scope.kind !== "all") {
    const visible = await filtered(db, { scope })
      .select("outbox_messages.id")
      .where("outbox_messages.id", "=", id)
      .executeTakeFirst();
    if (!visible) throw new AppError("not_found", `No message has the id ${id}.`);
  }
  const row = await db
    .selectFrom("outbox_messages")
    .leftJoin("people", "people.id", "outbox_messages.recipient_person_id")
    .leftJoin("message_templates", "message_templates.id", "outbox_messages.template_id")
    .selectAll("outbox_messages")
    .select([
      "people.name as recipient_name",
      "people.external_id as recipient_external_id",
      "message_templates.name as template_name",
    ])
    .where("outbox_messages.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No message has the id ${id}.`);
  const events = await db
    .selectFrom("outbox_events")
    .select(["from_state", "to_state", "detail", "at"])
    .where("message_id", "=", id)
    .orderBy("id")
    .execute();
  return { row, events };
}

/** Counts by template, channel and state, for a rollout or everything. */
export async function countMessages(db: Db, filter: MessageFilter) {
  return filtered(db, filter)
    .leftJoin("message_templates", "message_templates.id", "outbox_messages.template_id")
    .select([
      "outbox_messages.template_id",
      "message_templates.name as template_name",
      "outbox_messages.channel",
      "outbox_messages.state",
      (eb) => eb.fn.countAll<number>().as("count"),
      (eb) => eb.fn.sum<number>("outbox_messages.resends").as("resends"),
    ])
    .groupBy([
      "outbox_messages.template_id",
      "message_templates.name",
      "outbox_messages.channel",
      "outbox_messages.state",
    ])
    .execute();
}

/** What goes (and went) out for a rollout, by UTC day, rule and state. */
export async function outboxCalendar(db: Db, rolloutId: string, from: string, to: string) {
  const day = sql<string>`substr(outbox_messages.send_after, 1, 10)`;
  return db
    .selectFrom("outbox_messages")
    .select([
      day.as("day"),
      "outbox_messages.wave_id",
      "outbox_messages.rule_key",
      "outbox_messages.purpose",
      "outbox_messages.state",
      (eb) => eb.fn.countAll<number>().as("count"),
    ])
    .where("outbox_messages.rollout_id", "=", rolloutId)
    .where("outbox_messages.send_after", ">=", from)
    .where("outbox_messages.send_after", "<", to)
    .groupBy([
      day,
      "outbox_messages.wave_id",
      "outbox_messages.rule_key",
      "outbox_messages.purpose",
      "outbox_messages.state",
    ])
    .orderBy(day)
    .execute();
}

export async function listSuppressions(db: Db) {
  return db
    .selectFrom("email_suppressions")
    .selectAll()
    .orderBy("at", "desc")
    .limit(1000)
    .execute();
}

export async function addSuppression(db: Db, address: string, detail: string): Promise<void> {
  await db
    .insertInto("email_suppressions")
    .values({
      address: address.toLowerCase(),
      reason: "manual",
      detail,
      message_id: null,
      at: clock.nowIso(),
    })
    .onConflict((oc) => oc.column("address").doUpdateSet({ reason: "manual", detail }))
    .execute();
}

export async function removeSuppression(db: Db, address: string): Promise<boolean> {
  const r = await db
    .deleteFrom("email_suppressions")
    .where("address", "=", address.toLowerCase())
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Logs a test send to an operator as a message of its own, with what the server said. */
export async function recordTestSend(
  db: Db,
  options: {
    template: { id: string; purpose: string };
    rolloutId: string | null;
    messageId: string;
    address: string;
    rendered: { locale: string; subject: string; text: string; html: string };
    transport: string;
    outcome: { status: string; response: string };
  },
): Promise<void> {
  const at = clock.nowIso();
  const sent = options.outcome.status === "sent";
  await db
    .insertInto("outbox_messages")
    .values({
      dedupe_key: `test:${options.messageId}`,
      rollout_id: options.rolloutId,
      wave_id: null,
      rule_key: null,
      template_id: options.template.id,
      purpose: options.template.purpose,
      channel: "email",
      recipient_person_id: null,
      recipient_role: "operator",
      assignment_id: null,
      condition: "any",
      base_at: null,
      scheduled_for: at,
      send_after: at,
      state: sent ? "sent" : "failed",
      message_id: options.messageId,
      address: options.address,
      locale: options.rendered.locale,
      subject: options.rendered.subject,
      text_body: options.rendered.text,
      html_body: options.rendered.html,
      transport: options.transport,
      last_error: sent ? null : options.outcome.response.slice(0, 2000),
      sent_at: sent ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
