import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { sql, type Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import { isPostgres } from "../platform/database/dialect.js";
import type { Database } from "../platform/database/schema.js";
import { changeAssignmentStatus, withIds } from "../rollouts/assignments.repository.js";
import { ruleKey, type CadencePolicy, type CadenceRule } from "./cadence.js";
import { cadenceForWave, teamPurposes, type Cadence } from "./cadences.js";
import type { SendOutcome } from "./channels/smtp-channel.js";
import { renderMessage, type TemplateValues } from "./message-template.js";
import { plannedInstant } from "./plan-messages.js";
import { nextSendInstant } from "./send-window.js";
import { localTransport, type Transport } from "./transport.js";
import { AppError } from "../platform/errors.js";
import type { PeopleScope } from "../platform/auth/roles.js";
import { peopleScopeCondition } from "../directory/people.repository.js";

type Db = Kysely<Database>;

/** A message (other than a launch message) this long past its time is cancelled, not sent. */
export const tooLateHours = 72;
/** Failed attempts before a message stops retrying and is marked failed. */
export const maxSendAttempts = 6;
/** How long a claimed message is held by the dispatcher that claimed it. */
export const leaseSeconds = 120;
/** Purposes that are not counted against, or held back by, a learner's frequency caps. */
const uncapped = new Set<string>(["completion", "session_invitation"]);
/** SMTP replies that say the address does not exist: the address is suppressed. */
const hardBounceCodes = new Set([550, 551, 553]);

export interface DispatchSettings {
  transport: Transport;
  /** Base of links in messages (the web app's public address). */
  publicUrl: string;
  /** Right-hand side of Message-IDs, e.g. the sender's domain. */
  messageIdDomain: string;
  batchSize?: number;
  now?: () => Date;
  /** Test hooks: throw to simulate a crash between the steps of a send. */
  faults?: { afterClaim?: () => void; afterSend?: () => void };
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  deferred: number;
  resent: number;
}

const emptyResult = (): DispatchResult => ({
  claimed: 0,
  sent: 0,
  retried: 0,
  failed: 0,
  cancelled: 0,
  deferred: 0,
  resent: 0,
});

interface ClaimedRow {
  id: number;
  state: string;
  scheduled_for: string;
  wave_id: string | null;
  rollout_id: string | null;
  rule_key: string | null;
  template_id: string;
  purpose: string;
  channel: string;
  recipient_role: string;
  recipient_person_id: number | null;
  assignment_id: number | null;
  condition: string;
  base_at: string | null;
  attempts: number;
  message_id: string | null;
  address: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  transport: string | null;
}

interface PersonInfo {
  id: number;
  /** The person's zone, as send windows take it. */
  timeZone: string;
  external_id: string;
  name: string;
  email: string | null;
  locale: string | null;
  time_zone: string;
  country: string | null;
  status: string;
  manager_external_id: string | null;
}

interface AssignmentInfo {
  id: number;
  person_id: number;
  status: string;
  started_at: string | null;
  due_at: string | null;
  completed_at: string | null;
  score: number | null;
}

/** What the dispatcher decided for one claimed message. */
type Decision =
  | { kind: "send"; row: ClaimedRow; fresh: boolean }
  | { kind: "cancel"; row: ClaimedRow; reason: string }
  | { kind: "defer"; row: ClaimedRow; until: Date; reason: string; baseAt?: string };

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Claims up to `limit` due messages (and ones whose dispatcher died) for this dispatcher. */
async function claimDue(trx: Db, now: string, limit: number): Promise<ClaimedRow[]> {
  const lock = isPostgres(trx) ? sql`for update skip locked` : sql``;
  const ids = await sql<{ id: number }>`
    select id from outbox_messages
    where state in ('scheduled', 'sending') and send_after <= ${now}
    order by send_after, id limit ${limit} ${lock}`.execute(trx);
  if (ids.rows.length === 0) return [];
  return trx
    .selectFrom("outbox_messages")
    .select([
      "id",
      "state",
      "scheduled_for",
      "wave_id",
      "rollout_id",
      "rule_key",
      "template_id",
      "purpose",
      "channel",
      "recipient_role",
      "recipient_person_id",
      "assignment_id",
      "condition",
      "base_at",
      "attempts",
      "message_id",
      "address",
      "subject",
      "text_body",
      "html_body",
      "transport",
    ])
    .where(
      "id",
      "in",
      ids.rows.map((r) => Number(r.id)),
    )
    .orderBy("send_after")
    .orderBy("id")
    .execute();
}

/** Everything the batch's messages need, read in a few queries. */
async function loadContext(trx: Db, rows: ClaimedRow[]) {
  const assignmentIds = [
    ...new Set(rows.flatMap((r) => (r.assignment_id ? [r.assignment_id] : []))),
  ];
  const assignments = new Map<number, AssignmentInfo>();
  for (let i = 0; i < assignmentIds.length; i += 5000)
    for (const a of await trx
      .selectFrom("assignments")
      .select(["id", "person_id", "status", "started_at", "due_at", "completed_at", "score"])
      .where("id", "in", assignmentIds.slice(i, i + 5000))
      .execute())
      assignments.set(Number(a.id), { ...a, id: Number(a.id), person_id: Number(a.person_id) });
  const personIds = [
    ...new Set([
      ...rows.flatMap((r) => (r.recipient_person_id ? [Number(r.recipient_person_id)] : [])),
      ...[...assignments.values()].map((a) => a.person_id),
    ]),
  ];
  const people = new Map<number, PersonInfo>();
  for (let i = 0; i < personIds.length; i += 5000)
    for (const p of await trx
      .selectFrom("people")
      .select([
        "id",
        "external_id",
        "name",
        "email",
        "locale",
        "time_zone",
        "country",
        "status",
        "manager_external_id",
      ])
      .where("id", "in", personIds.slice(i, i + 5000))
      .execute())
      people.set(Number(p.id), { ...p, id: Number(p.id), timeZone: p.time_zone });
  const managerIds = [
    ...new Set(
      [...people.values()].flatMap((p) => (p.manager_external_id ? [p.manager_external_id] : [])),
    ),
  ];
  const managerNames = new Map<string, string>();
  for (let i = 0; i < managerIds.length; i += 5000)
    for (const m of await trx
      .selectFrom("people")
      .select(["external_id", "name"])
      .where("external_id", "in", managerIds.slice(i, i + 5000))
      .execute())
      managerNames.set(m.external_id, m.name);

  const waveIds = [...new Set(rows.flatMap((r) => (r.wave_id ? [r.wave_id] : [])))];
  const waves = new Map<
    string,
    {
      name: string;
      status: string;
      rolloutId: string;
      programName: string;
      launchLink: string | null;
      lastDue: string | null;
      cadence: Cadence;
      rules: Map<string, CadenceRule>;
    }
  >();
  for (const waveId of waveIds) {
    const wave = await trx
      .selectFrom("rollout_waves as w")
      .innerJoin("rollouts as r", "r.id", "w.rollout_id")
      .innerJoin("program_versions as v", "v.id", "r.program_version_id")
      .innerJoin("programs as p", "p.id", "v.program_id")
      .select(["w.name", "w.status", "w.rollout_id", "p.name as program", "v.id as version"])
      .where("w.id", "=", waveId)
      .executeTakeFirst();
    if (!wave) continue;
    const module = await trx
      .selectFrom("program_modules")
      .select("activity_iri")
      .where("version_id", "=", wave.version)
      .where("activity_iri", "is not", null)
      .orderBy("position")
      .executeTakeFirst();
    const lastDue = await trx
      .selectFrom("assignments")
      .select((eb) => eb.fn.max("due_at").as("due"))
      .where("wave_id", "=", waveId)
      .executeTakeFirst();
    const cadence = await cadenceForWave(trx, waveId);
    waves.set(waveId, {
      name: wave.name,
      status: wave.status,
      rolloutId: wave.rollout_id,
      programName: wave.program,
      launchLink:
        module?.activity_iri && /^https?:/.test(module.activity_iri) ? module.activity_iri : null,
      lastDue: lastDue?.due ?? null,
      cadence,
      rules: new Map(cadence.rules.map((r) => [ruleKey(cadence.id, r), r])),
    });
  }

  const templateIds = [...new Set(rows.map((r) => r.template_id))];
  const templates = new Map<
    string,
    { fallback: string; variants: { locale: string; subject: string; body: string }[] }
  >();
  for (const t of await trx
    .selectFrom("message_templates")
    .select(["id", "fallback_locale"])
    .where("id", "in", templateIds)
    .execute())
    templates.set(t.id, { fallback: t.fallback_locale, variants: [] });
  for (const v of await trx
    .selectFrom("message_template_variants")
    .select(["template_id", "locale", "subject", "body"])
    .where("template_id", "in", templateIds)
    .execute())
    templates.get(v.template_id)?.variants.push(v);

  // Team counts for managers' messages: their direct reports in the wave, by status.
  const teamKeys = rows.filter((r) => teamPurposes.has(r.purpose) && r.recipient_person_id);
  const teams = new Map<
    string,
    { size: number; notStarted: number; overdue: number; completed: number }
  >();
  for (const row of teamKeys) {
    const manager = people.get(Number(row.recipient_person_id));
    if (!manager || !row.wave_id) continue;
    const key = `${row.wave_id}|${manager.external_id}`;
    if (teams.has(key)) continue;
    const counts = await sql<{
      size: number;
      not_started: number;
      overdue: number;
      completed: number;
    }>`
      select count(*) as size,
        sum(case when a.status in ('assigned', 'notified', 'overdue') and a.started_at is null then 1 else 0 end) as not_started,
        sum(case when a.status = 'overdue' then 1 else 0 end) as overdue,
        sum(case when a.status = 'completed' then 1 else 0 end) as completed
      from assignments a join people p on p.id = a.person_id
      where a.wave_id = ${row.wave_id} and p.manager_external_id = ${manager.external_id}
        and a.status not in ('withdrawn', 'exempt')`.execute(trx);
    const c = counts.rows[0];
    teams.set(key, {
      size: Number(c?.size ?? 0),
      notStarted: Number(c?.not_started ?? 0),
      overdue: Number(c?.overdue ?? 0),
      completed: Number(c?.completed ?? 0),
    });
  }

  const suppressed = new Set<string>();
  const addresses = [...people.values()].flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
  for (let i = 0; i < addresses.length; i += 5000)
    for (const s of await trx
      .selectFrom("email_suppressions")
      .select("address")
      .where("address", "in", addresses.slice(i, i + 5000))
      .execute())
      suppressed.add(s.address);

  return { assignments, people, managerNames, waves, templates, teams, suppressed };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/** Whether a learner's assignment still calls for the message (the rule's condition, now). */
function conditionHolds(condition: string, a: AssignmentInfo, now: Date): string | null {
  const open = ["assigned", "notified", "started", "overdue"].includes(a.status);
  if (a.status === "withdrawn") return "assignment withdrawn";
  if (a.status === "exempt") return "learner exempt";
  switch (condition) {
    case "completed":
      return a.status === "completed" ? null : "not completed";
    case "not_started":
      return open && !a.started_at ? null : a.status === "completed" ? "completed" : "started";
    case "overdue":
      return open && a.due_at !== null && a.due_at <= now.toISOString()
        ? null
        : a.status === "completed"
          ? "completed"
          : "not overdue";
    default:
      return open ? null : "completed";
  }
}

/** Messages to this recipient already sent today (their local day) and in the last 7 days. */
async function recentCounts(trx: Db, personIds: number[], now: Date) {
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const sent = new Map<number, string[]>();
  for (let i = 0; i < personIds.length; i += 5000)
    for (const r of await trx
      .selectFrom("outbox_messages")
      .select(["recipient_person_id", "sent_at"])
      .where("recipient_person_id", "in", personIds.slice(i, i + 5000))
      .where("state", "=", "sent")
      .where("recipient_role", "=", "learner")
      .where("purpose", "not in", [...uncapped])
      .where("sent_at", ">=", since)
      .execute()) {
      const list = sent.get(Number(r.recipient_person_id)) ?? [];
      list.push(r.sent_at ?? since);
      sent.set(Number(r.recipient_person_id), list);
    }
  return sent;
}

function decide(
  rows: ClaimedRow[],
  ctx: Context,
  recent: Map<number, string[]>,
  now: Date,
): Decision[] {
  const decisions: Decision[] = [];
  // Send windows and local days depend on the zone (and country), not the person: once per batch.
  const windows = new Map<string, Date>();
  const windowOf = (recipient: PersonInfo, policy: CadencePolicy) => {
    const key = `${recipient.timeZone}|${recipient.country ?? ""}|${policy.quietFrom}|${policy.quietUntil}|${policy.workingDaysOnly}`;
    let at = windows.get(key);
    if (!at) {
      at = nextSendInstant(now, recipient, policy);
      windows.set(key, at);
    }
    return at;
  };
  const days = new Map<string, { start: string; next: Date }>();
  const dayOf = (timeZone: string) => {
    let day = days.get(timeZone);
    if (!day) {
      const local = DateTime.fromJSDate(now, { zone: timeZone });
      day = {
        start: local.startOf("day").toUTC().toISO() ?? "",
        next: local.plus({ days: 1 }).startOf("day").toJSDate(),
      };
      days.set(timeZone, day);
    }
    return day;
  };
  for (const row of rows) {
    // A message claimed before and never confirmed is resent as it was: same content, same id.
    if (row.state === "sending") {
      decisions.push({ kind: "send", row, fresh: false });
      continue;
    }
    const wave = row.wave_id ? ctx.waves.get(row.wave_id) : undefined;
    if (row.wave_id && !wave) {
      decisions.push({ kind: "cancel", row, reason: "wave deleted" });
      continue;
    }
    if (wave?.status === "rolled_back") {
      decisions.push({ kind: "cancel", row, reason: "wave rolled back" });
      continue;
    }
    if (wave?.status === "paused") {
      decisions.push({
        kind: "defer",
        row,
        until: new Date(now.getTime() + 3600_000),
        reason: "wave paused",
      });
      continue;
    }
    // Held back for days (a paused wave resumed, a long outage): a reminder that late would
    // confuse more than help. Launch messages still go; the learner needs the link.
    if (
      row.purpose !== "launch" &&
      now.getTime() - Date.parse(row.scheduled_for) > tooLateHours * 3600_000
    ) {
      decisions.push({ kind: "cancel", row, reason: "too late to be useful" });
      continue;
    }
    const rule = row.rule_key && wave ? wave.rules.get(row.rule_key) : undefined;
    if (row.rule_key && wave && !rule) {
      decisions.push({ kind: "cancel", row, reason: "cadence changed" });
      continue;
    }
    const recipient = row.recipient_person_id
      ? ctx.people.get(Number(row.recipient_person_id))
      : undefined;
    if (row.recipient_person_id && (!recipient || recipient.status !== "active")) {
      decisions.push({ kind: "cancel", row, reason: "recipient left" });
      continue;
    }
    if (row.channel === "email" && recipient) {
      if (!recipient.email) {
        decisions.push({ kind: "cancel", row, reason: "no e-mail address" });
        continue;
      }
      if (ctx.suppressed.has(recipient.email.toLowerCase())) {
        decisions.push({
          kind: "cancel",
          row,
          reason: "address suppressed (it bounced, or an operator stopped it)",
        });
        continue;
      }
    }
    const assignment = row.assignment_id
      ? ctx.assignments.get(Number(row.assignment_id))
      : undefined;
    if (row.assignment_id) {
      if (!assignment) {
        decisions.push({ kind: "cancel", row, reason: "assignment deleted" });
        continue;
      }
      const why = conditionHolds(row.condition, assignment, now);
      if (why) {
        decisions.push({ kind: "cancel", row, reason: why });
        continue;
      }
      // The due date moved (an extension): the message moves with it.
      if (
        rule?.anchor === "due" &&
        assignment.due_at &&
        row.base_at !== assignment.due_at &&
        recipient
      ) {
        const planned = plannedInstant(rule, new Date(assignment.due_at), recipient.time_zone);
        const until = nextSendInstant(planned > now ? planned : now, recipient, policyOf(wave));
        if (until.getTime() > now.getTime() + 60_000) {
          decisions.push({
            kind: "defer",
            row,
            until,
            reason: "due date moved",
            baseAt: assignment.due_at,
          });
          continue;
        }
      }
    }
    if (teamPurposes.has(row.purpose) && recipient && row.wave_id) {
      const team = ctx.teams.get(`${row.wave_id}|${recipient.external_id}`);
      const pending = team ? team.size - team.completed : 0;
      if (!team || team.size === 0 || (row.condition === "not_completed" && pending === 0)) {
        decisions.push({ kind: "cancel", row, reason: "nothing to report for the team" });
        continue;
      }
    }
    if (recipient) {
      // Quiet hours and rest days, again: a retry or a late dispatcher may land in them.
      const policy = policyOf(wave);
      const window = windowOf(recipient, policy);
      if (window.getTime() > now.getTime() + 60_000) {
        decisions.push({ kind: "defer", row, until: window, reason: "outside the send window" });
        continue;
      }
      if (row.recipient_role === "learner" && !uncapped.has(row.purpose)) {
        const sent = recent.get(recipient.id) ?? [];
        const day = dayOf(recipient.time_zone);
        const today = sent.filter((s) => s >= day.start).length;
        if (today >= policy.maxPerDay || sent.length >= policy.maxPerWeek) {
          const nextDay = day.next;
          decisions.push({
            kind: "defer",
            row,
            until: nextSendInstant(nextDay, recipient, policy),
            reason: today >= policy.maxPerDay ? "daily cap reached" : "weekly cap reached",
          });
          continue;
        }
        sent.push(now.toISOString());
        recent.set(recipient.id, sent);
      }
    }
    decisions.push({ kind: "send", row, fresh: true });
  }
  return decisions;
}

function policyOf(wave: { cadence: Cadence } | undefined): CadencePolicy {
  return (
    wave?.cadence.policy ?? {
      quietFrom: "20:00",
      quietUntil: "08:00",
      workingDaysOnly: true,
      maxPerDay: 1,
      maxPerWeek: 3,
    }
  );
}

/** The values a template can use, for one message. */
function valuesFor(
  row: ClaimedRow,
  ctx: Context,
  settings: DispatchSettings,
  now: Date,
): TemplateValues {
  const wave = row.wave_id ? ctx.waves.get(row.wave_id) : undefined;
  const recipient = row.recipient_person_id
    ? ctx.people.get(Number(row.recipient_person_id))
    : undefined;
  const assignment = row.assignment_id ? ctx.assignments.get(Number(row.assignment_id)) : undefined;
  const learner = assignment ? ctx.people.get(assignment.person_id) : recipient;
  const base = settings.publicUrl.replace(/\/$/, "");
  const teamLink =
    wave && row.wave_id ? `${base}/rollouts/${wave.rolloutId}/waves/${row.wave_id}` : base;
  const due = assignment?.due_at ?? wave?.lastDue ?? null;
  const values: TemplateValues = {
    firstName: recipient ? firstName(recipient.name) : "",
    name: recipient?.name ?? "",
    managerName: learner?.manager_external_id
      ? (ctx.managerNames.get(learner.manager_external_id) ?? "")
      : "",
    programName: wave?.programName ?? "",
    waveName: wave?.name ?? "",
    dueDate: due ? new Date(due) : now,
    daysLeft: due ? Math.max(0, Math.ceil((Date.parse(due) - now.getTime()) / 86_400_000)) : 0,
    launchLink: wave?.launchLink ?? base,
    teamLink,
    reportName: learner && learner !== recipient ? learner.name : "",
    score: assignment?.score ?? 0,
    sessionStart: now,
    sessionLocation: "",
  };
  if (recipient && row.wave_id && teamPurposes.has(row.purpose)) {
    const team = ctx.teams.get(`${row.wave_id}|${recipient.external_id}`);
    values.teamSize = team?.size ?? 0;
    values.notStartedCount = team?.notStarted ?? 0;
    values.overdueCount = team?.overdue ?? 0;
    values.completedCount = team?.completed ?? 0;
  } else {
    values.teamSize = 1;
    values.notStartedCount = 0;
    values.overdueCount = 0;
    values.completedCount = 0;
  }
  return values;
}

async function logTransitions(
  trx: Db,
  entries: { id: number; from: string; to: string; detail: string }[],
  at: string,
): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    await trx
      .insertInto("outbox_events")
      .values(
        chunk.map((e) => ({
          message_id: e.id,
          from_state: e.from,
          to_state: e.to,
          detail: e.detail,
          at,
        })),
      )
      .execute();
  }
}

interface Prepared {
  id: number;
  channel: string;
  messageId: string;
  address: string | null;
  name: string | undefined;
  subject: string;
  text: string;
  html: string;
  webhook: CadenceRule["webhook"];
  link: string | null;
  assignmentId: number | null;
  purpose: string;
}

/**
 * Step 1 of a send, in one transaction: claim due messages, cancel those whose reason has gone,
 * defer those that must wait, fix the content and Message-ID of the rest and mark them sending
 * (held for `leaseSeconds`). Nothing has left Cascade yet.
 */
async function claimAndPrepare(
  db: Db,
  settings: DispatchSettings,
  now: Date,
  result: DispatchResult,
): Promise<Prepared[]> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const rows = await claimDue(trx, at, settings.batchSize ?? 500);
    result.claimed += rows.length;
    if (rows.length === 0) return [];
    const ctx = await loadContext(trx, rows);
    const learnerIds = rows.flatMap((r) =>
      r.recipient_role === "learner" && r.recipient_person_id
        ? [Number(r.recipient_person_id)]
        : [],
    );
    const recent = await recentCounts(trx, learnerIds, now);
    const decisions = decide(rows, ctx, recent, now);
    const lease = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    const events: { id: number; from: string; to: string; detail: string }[] = [];
    const prepared: Prepared[] = [];

    const cancels = new Map<string, number[]>();
    const contents: Content[] = [];
    for (const d of decisions) {
      if (d.kind === "cancel") {
        cancels.set(d.reason, [...(cancels.get(d.reason) ?? []), d.row.id]);
        events.push({ id: d.row.id, from: d.row.state, to: "cancelled", detail: d.reason });
        result.cancelled++;
      } else if (d.kind === "defer") {
        await trx
          .updateTable("outbox_messages")
          .set({
            send_after: d.until.toISOString(),
            updated_at: at,
            ...(d.baseAt ? { base_at: d.baseAt, scheduled_for: d.until.toISOString() } : {}),
          })
          .where("id", "=", d.row.id)
          .execute();
        if (d.reason !== "outside the send window")
          events.push({
            id: d.row.id,
            from: "scheduled",
            to: "scheduled",
            detail: `${d.reason}; now ${d.until.toISOString()}`,
          });
        result.deferred++;
      } else if (!d.fresh) {
        const row = d.row;
        await trx
          .updateTable("outbox_messages")
          .set((eb) => ({
            attempts: eb("attempts", "+", 1),
            resends: eb("resends", "+", 1),
            send_after: lease,
            lease_until: lease,
            updated_at: at,
          }))
          .where("id", "=", row.id)
          .execute();
        events.push({
          id: row.id,
          from: "sending",
          to: "sending",
          detail: "resent after an interrupted send, with the same Message-ID",
        });
        result.resent++;
        const rule =
          row.rule_key && row.wave_id
            ? ctx.waves.get(row.wave_id)?.rules.get(row.rule_key)
            : undefined;
        const recipient = row.recipient_person_id
          ? ctx.people.get(Number(row.recipient_person_id))
          : undefined;
        prepared.push({
          id: row.id,
          channel: row.channel,
          messageId: row.message_id ?? `<${row.id}@${settings.messageIdDomain}>`,
          address: row.address,
          name: recipient?.name,
          subject: row.subject ?? "",
          text: row.text_body ?? "",
          html: row.html_body ?? "",
          webhook: rule?.webhook ?? null,
          link: null,
          assignmentId: row.assignment_id,
          purpose: row.purpose,
        });
      } else {
        const row = d.row;
        const template = ctx.templates.get(row.template_id);
        const recipient = row.recipient_person_id
          ? ctx.people.get(Number(row.recipient_person_id))
          : undefined;
        if (!template || template.variants.length === 0) {
          cancels.set("template deleted", [...(cancels.get("template deleted") ?? []), row.id]);
          events.push({ id: row.id, from: row.state, to: "cancelled", detail: "template deleted" });
          result.cancelled++;
          continue;
        }
        const values = valuesFor(row, ctx, settings, now);
        let rendered;
        try {
          rendered = renderMessage(
            template.variants,
            {
              locale: recipient?.locale ?? template.fallback,
              timeZone: recipient?.time_zone ?? "UTC",
            },
            values,
            template.fallback,
          );
        } catch (error) {
          const reason = `could not be written: ${error instanceof Error ? error.message : String(error)}`;
          await trx
            .updateTable("outbox_messages")
            .set({ state: "failed", last_error: reason, updated_at: at })
            .where("id", "=", row.id)
            .execute();
          events.push({ id: row.id, from: row.state, to: "failed", detail: reason });
          result.failed++;
          continue;
        }
        const messageId = row.message_id ?? `<${randomUUID()}@${settings.messageIdDomain}>`;
        const address = row.channel === "email" ? (recipient?.email ?? null) : null;
        const transport = row.channel === "chat" ? "webhook" : settings.transport.email;
        contents.push({
          id: row.id,
          messageId,
          address,
          locale: rendered.locale,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          transport,
        });
        events.push({
          id: row.id,
          from: "scheduled",
          to: "sending",
          detail: `attempt ${row.attempts + 1}`,
        });
        const rule =
          row.rule_key && row.wave_id
            ? ctx.waves.get(row.wave_id)?.rules.get(row.rule_key)
            : undefined;
        prepared.push({
          id: row.id,
          channel: row.channel,
          messageId,
          address,
          name: recipient?.name,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          webhook: rule?.webhook ?? null,
          link: typeof values.launchLink === "string" ? values.launchLink : null,
          assignmentId: row.assignment_id,
          purpose: row.purpose,
        });
      }
    }
    await writeContents(trx, contents, lease, at);
    for (const [reason, ids] of cancels)
      for (let i = 0; i < ids.length; i += 5000)
        await trx
          .updateTable("outbox_messages")
          .set({ state: "cancelled", cancelled_reason: reason, lease_until: null, updated_at: at })
          .where("id", "in", ids.slice(i, i + 5000))
          .execute();
    await logTransitions(trx, events, at);
    return prepared;
  });
}

interface Content {
  id: number;
  messageId: string;
  address: string | null;
  locale: string;
  subject: string;
  text: string;
  html: string;
  transport: string;
}

/**
 * Fixes the content and Message-ID of messages about to be sent and marks them sending, held
 * until `lease`: one statement per 200 messages (a VALUES table joined by id).
 */
async function writeContents(trx: Db, contents: Content[], lease: string, at: string) {
  for (let i = 0; i < contents.length; i += 200) {
    const values = sql.join(
      contents
        .slice(i, i + 200)
        .map(
          (c) =>
            sql`(${c.id}, ${c.messageId}, ${c.address}, ${c.locale}, ${c.subject}, ${c.text}, ${c.html}, ${c.transport})`,
        ),
    );
    await sql`
      with v(id, message_id, address, locale, subject, text_body, html_body, transport) as (
        values ${values})
      update outbox_messages set state = 'sending', attempts = attempts + 1,
        send_after = ${lease}, lease_until = ${lease}, message_id = v.message_id,
        address = v.address, locale = v.locale, subject = v.subject, text_body = v.text_body,
        html_body = v.html_body, transport = v.transport, updated_at = ${at}
      from v where outbox_messages.id = cast(v.id as integer)`.execute(trx);
  }
}

async function deliver(settings: DispatchSettings, message: Prepared): Promise<SendOutcome> {
  if (message.channel === "chat") {
    if (!message.webhook)
      return { status: "rejected", response: "the rule has no webhook any more", code: null };
    return settings.transport.postChat(message.webhook.url, message.webhook.flavor, {
      title: message.subject,
      text: message.text,
      ...(message.link ? { link: { url: message.link, label: "Open" } } : {}),
    });
  }
  if (!message.address) return { status: "rejected", response: "no e-mail address", code: null };
  return settings.transport.sendEmail({
    messageId: message.messageId,
    to: message.name
      ? { address: message.address, name: message.name }
      : { address: message.address },
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: { "X-Cascade-Message": String(message.id) },
  });
}

/** Seconds to wait before retry n (1-based): 1, 2, 4, 8 … minutes, at most an hour, ±20%. */
export function retryDelaySeconds(attempt: number): number {
  const base = Math.min(3600, 60 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Step 3, in one transaction: record what the server said. Sent messages are done; refused ones
 * fail (a refused address is suppressed); temporary failures retry with backoff, then fail. A
 * launch message that reached a learner marks their assignment notified.
 */
async function record(
  db: Db,
  outcomes: { message: Prepared; outcome: SendOutcome }[],
  now: Date,
  result: DispatchResult,
): Promise<void> {
  if (outcomes.length === 0) return;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const events: { id: number; from: string; to: string; detail: string }[] = [];
    const sent = outcomes.filter((o) => o.outcome.status === "sent").map((o) => o.message.id);
    for (let i = 0; i < sent.length; i += 5000)
      await trx
        .updateTable("outbox_messages")
        .set({ state: "sent", sent_at: at, lease_until: null, last_error: null, updated_at: at })
        .where("id", "in", sent.slice(i, i + 5000))
        .where("state", "=", "sending")
        .execute();
    for (const { message, outcome } of outcomes) {
      if (outcome.status === "sent") {
        events.push({
          id: message.id,
          from: "sending",
          to: "sent",
          detail: outcome.response.slice(0, 300),
        });
        result.sent++;
        continue;
      }
      const attempts = await trx
        .selectFrom("outbox_messages")
        .select("attempts")
        .where("id", "=", message.id)
        .executeTakeFirst();
      const n = Number(attempts?.attempts ?? maxSendAttempts);
      const error = `${outcome.code ?? ""} ${outcome.response}`.trim().slice(0, 2000);
      if (outcome.status === "failed" && n < maxSendAttempts) {
        const retryAt = new Date(now.getTime() + retryDelaySeconds(n) * 1000).toISOString();
        await trx
          .updateTable("outbox_messages")
          .set({
            state: "scheduled",
            send_after: retryAt,
            lease_until: null,
            last_error: error,
            updated_at: at,
          })
          .where("id", "=", message.id)
          .execute();
        events.push({
          id: message.id,
          from: "sending",
          to: "scheduled",
          detail: `retry at ${retryAt}: ${error}`,
        });
        result.retried++;
        continue;
      }
      await trx
        .updateTable("outbox_messages")
        .set({ state: "failed", lease_until: null, last_error: error, updated_at: at })
        .where("id", "=", message.id)
        .execute();
      events.push({
        id: message.id,
        from: "sending",
        to: "failed",
        detail:
          outcome.status === "rejected"
            ? `refused: ${error}`
            : `gave up after ${n} attempts: ${error}`,
      });
      result.failed++;
      if (
        outcome.status === "rejected" &&
        message.address &&
        outcome.code !== null &&
        hardBounceCodes.has(outcome.code)
      )
        await trx
          .insertInto("email_suppressions")
          .values({
            address: message.address.toLowerCase(),
            reason: "hard_bounce",
            detail: error.slice(0, 500),
            message_id: message.id,
            at,
          })
          .onConflict((oc) => oc.column("address").doNothing())
          .execute();
    }
    await logTransitions(trx, events, at);
    const notified = outcomes
      .filter(
        (o) =>
          o.outcome.status === "sent" && o.message.purpose === "launch" && o.message.assignmentId,
      )
      .map((o) => Number(o.message.assignmentId));
    for (let i = 0; i < notified.length; i += 5000) {
      const ids = notified.slice(i, i + 5000);
      await changeAssignmentStatus(trx, {
        ids: (eb) => eb.and([withIds(ids)(eb), eb("status", "=", "assigned")]),
        to: "notified",
        cause: "launch message sent",
        actor: "communications",
        at,
      });
    }
  });
}

/**
 * Sends one batch of due messages: claim and prepare (one transaction), deliver through the
 * transport, record the outcomes (one transaction). A crash after the claim leaves the batch
 * "sending" until its lease ends; it is then resent with the same content and Message-ID and
 * counted in `resends`, as the server may or may not have accepted the first attempt.
 */
export async function dispatchBatch(db: Db, settings: DispatchSettings): Promise<DispatchResult> {
  const now = settings.now?.() ?? clock.now();
  const result = emptyResult();
  const prepared = await claimAndPrepare(db, settings, now, result);
  settings.faults?.afterClaim?.();
  const outcomes = await Promise.all(
    prepared.map(async (message) => ({ message, outcome: await deliver(settings, message) })),
  );
  settings.faults?.afterSend?.();
  await record(db, outcomes, settings.now?.() ?? clock.now(), result);
  return result;
}

/** Sends batches until nothing is due or the time budget is spent. */
export async function dispatchDue(
  db: Db,
  settings: DispatchSettings & { budgetMs?: number; lanes?: number },
): Promise<DispatchResult> {
  const total = emptyResult();
  const started = Date.now();
  // Two lanes by default: one claims and records a batch while the other's is on the wire.
  // Lanes claim disjoint batches like separate dispatchers (leases; SKIP LOCKED on PostgreSQL).
  const lane = async () => {
    for (;;) {
      const r = await dispatchBatch(db, settings);
      for (const k of Object.keys(total) as (keyof DispatchResult)[]) total[k] += r[k];
      if (r.claimed === 0 || Date.now() - started > (settings.budgetMs ?? 240_000)) return;
    }
  };
  // Every lane finishes (or fails) before the first failure is reported, so nothing of this
  // dispatch is still running when the caller carries on.
  const outcomes = await Promise.allSettled(Array.from({ length: settings.lanes ?? 2 }, lane));
  const failed = outcomes.find((o) => o.status === "rejected");
  if (failed) throw failed.reason;
  return total;
}

/**
 * Renders a template for one recipient as the dispatcher would, without sending: for a learner
 * purpose, with their latest assignment (in the rollout, when given); for a team purpose, with
 * the latest wave where they manage people. `variants` previews unsaved text.
 */
export async function renderPreview(
  db: Db,
  options: {
    templateId: string;
    /** The recipient: the person's id, or their external id. */
    personId?: number | undefined;
    personExternalId?: string | undefined;
    rolloutId?: string | undefined;
    locale?: string | undefined;
    variants?: { locale: string; subject: string; body: string }[] | undefined;
    settings: Pick<DispatchSettings, "publicUrl" | "messageIdDomain">;
    /** The caller's people scope: a person outside it is not found. */
    scope?: PeopleScope;
    now?: Date;
  },
) {
  const now = options.now ?? clock.now();
  const scope = options.scope;
  const template = await db
    .selectFrom("message_templates")
    .select(["id", "purpose", "fallback_locale"])
    .where("id", "=", options.templateId)
    .executeTakeFirst();
  if (!template)
    throw new AppError("not_found", `No message template with id ${options.templateId}.`);
  const person = await db
    .selectFrom("people")
    .select(["id", "external_id", "locale", "time_zone"])
    .$if(options.personExternalId !== undefined, (q) =>
      q.where("external_id", "=", options.personExternalId ?? ""),
    )
    .$if(options.personExternalId === undefined, (q) => q.where("id", "=", options.personId ?? 0))
    .$if(scope !== undefined && scope.kind !== "all", (q) =>
      q.where((eb) => peopleScopeCondition(eb, scope ?? { kind: "none" })),
    )
    .executeTakeFirst();
  if (!person)
    throw new AppError(
      "not_found",
      `No person has the id ${options.personExternalId ?? options.personId}.`,
    );
  const team = teamPurposes.has(template.purpose) || template.purpose === "escalation";
  const assignment = await db
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select(["a.id", "a.wave_id", "a.rollout_id"])
    .where(
      team ? "p.manager_external_id" : "a.person_id",
      "=",
      team ? person.external_id : person.id,
    )
    .$if(options.rolloutId !== undefined, (q) =>
      q.where("a.rollout_id", "=", options.rolloutId ?? ""),
    )
    .orderBy("a.id", "desc")
    .executeTakeFirst();
  const row: ClaimedRow = {
    id: 0,
    state: "scheduled",
    scheduled_for: now.toISOString(),
    wave_id: assignment?.wave_id ?? null,
    rollout_id: assignment?.rollout_id ?? null,
    rule_key: null,
    template_id: template.id,
    purpose: template.purpose,
    channel: "email",
    recipient_role: team ? "manager" : "learner",
    recipient_person_id: person.id,
    assignment_id: teamPurposes.has(template.purpose)
      ? null
      : assignment
        ? Number(assignment.id)
        : null,
    condition: "any",
    base_at: null,
    attempts: 0,
    message_id: null,
    address: null,
    subject: null,
    text_body: null,
    html_body: null,
    transport: null,
  };
  const ctx = await loadContext(db, [row]);
  const variants = options.variants ?? ctx.templates.get(template.id)?.variants ?? [];
  const values = valuesFor(row, ctx, { ...options.settings, transport: localTransport() }, now);
  const rendered = renderMessage(
    variants,
    {
      locale: options.locale ?? person.locale ?? template.fallback_locale,
      timeZone: person.time_zone,
    },
    values,
    template.fallback_locale,
  );
  return {
    ...rendered,
    values: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
    ),
  };
}
