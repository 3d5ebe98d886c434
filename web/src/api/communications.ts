/**
 * Communications as the web app sees them: templates with localized variants, cadences of rules
 * per rollout or wave, the communications calendar, the delivery log (the outbox) and suppressed
 * addresses. The shapes mirror src/communications/communications.routes.ts, cadence.ts and
 * templates.ts.
 */
import { request } from "./client.js";

export type MessagePurpose =
  | "announcement"
  | "launch"
  | "session_invitation"
  | "reminder"
  | "deadline_approaching"
  | "overdue"
  | "manager_briefing"
  | "manager_digest"
  | "escalation"
  | "completion";

export type VariableKind = "text" | "number" | "date" | "link";

export interface PurposeInfo {
  purpose: MessagePurpose;
  /** The variables its templates may use, e.g. {dueDate, date, long} for a date. */
  variables: { name: string; kind: VariableKind }[];
}

export interface TemplateVariant {
  /** BCP 47, e.g. "en" or "fr-CA". */
  locale: string;
  /** ICU MessageFormat. */
  subject: string;
  /** ICU MessageFormat, plain text; the HTML alternative is made from it. */
  body: string;
}

export interface Template {
  id: string;
  name: string;
  purpose: MessagePurpose;
  description: string;
  fallbackLocale: string;
  /** Shipped with Cascade (editable, not deletable). */
  builtIn: boolean;
  variants: TemplateVariant[];
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  purpose: MessagePurpose;
  description: string;
  fallbackLocale: string;
  variants: TemplateVariant[];
}

/** A problem in a template, returned by check and in a 422's details.problems. */
export interface TemplateProblem {
  locale: string;
  field: "subject" | "body" | "locale";
  /** 1-based, within the field. */
  line: number;
  column: number;
  message: string;
}

export interface RenderedPreview {
  locale: string;
  subject: string;
  text: string;
  html: string;
  /** The values used, dates as ISO strings. */
  values: Record<string, string | number>;
}

export type RecipientRole = "learner" | "manager" | "manager_of_manager" | "channel";
export type MessageCondition = "any" | "not_started" | "not_completed" | "overdue" | "completed";
export type RuleAnchor = "launch" | "due" | "completed";
export type Channel = "email" | "chat";

export interface CadenceRule {
  /** Lower-case letters, digits and dashes; unique in the cadence. */
  id: string;
  name: string;
  purpose: MessagePurpose;
  templateId: string;
  anchor: RuleAnchor;
  /** Days after the anchor (negative: before; launch rules: 0 or more). */
  days: number;
  /** Local time of day in the recipient's zone, "HH:mm". */
  at: string;
  /** Repeat every N days (manager digests only). */
  everyDays: number | null;
  to: RecipientRole;
  condition: MessageCondition;
  channel: Channel;
  webhook: { url: string; flavor: "slack" | "teams" } | null;
}

export interface CadencePolicy {
  /** "HH:mm": quiet hours start. */
  quietFrom: string;
  /** "HH:mm": quiet hours end (first minute a message may arrive). */
  quietUntil: string;
  workingDaysOnly: boolean;
  maxPerDay: number;
  maxPerWeek: number;
}

export interface Cadence {
  id: string;
  rolloutId: string;
  waveId: string | null;
  name: string;
  rules: CadenceRule[];
  policy: CadencePolicy;
  /** wave: the wave's own; rollout: the rollout's; default: Cascade's for the enrollment mode. */
  source: "wave" | "rollout" | "default";
  updatedAt: string | null;
}

export interface CadenceInput {
  /** Null: the rollout's cadence; a wave id: that wave's own. */
  waveId: string | null;
  name: string;
  rules: CadenceRule[];
  policy: CadencePolicy;
}

export type OutboxState = "scheduled" | "sending" | "sent" | "failed" | "cancelled";

export interface CalendarData {
  from: string;
  to: string;
  /** Messages in the outbox, by UTC day (YYYY-MM-DD), wave, rule and state. */
  written: {
    day: string;
    waveId: string | null;
    ruleId: string | null;
    purpose: MessagePurpose;
    state: OutboxState;
    count: number;
  }[];
  /** What the cadence will write later (beyond the 48-hour planning horizon), if nothing changes. */
  projected: {
    day: string;
    waveId: string;
    ruleId: string;
    purpose: MessagePurpose;
    count: number;
  }[];
  waves: { waveId: string; waveName: string; status: string; cadence: Cadence }[];
}

export interface MessageSummary {
  id: number;
  rolloutId: string | null;
  waveId: string | null;
  purpose: MessagePurpose;
  channel: Channel;
  templateId: string;
  templateName: string | null;
  recipientPersonId: number | null;
  /** "operator": a test send to the person who asked for it. */
  recipientRole: RecipientRole | "operator";
  recipientName: string | null;
  /** The recipient's external id (the people API's id); null for a team channel. */
  recipientExternalId: string | null;
  address: string | null;
  assignmentId: number | null;
  /** When the rule meant it to arrive. */
  scheduledFor: string;
  /** Not before this instant (moved by send windows, caps, retries); the lease while sending. */
  sendAfter: string;
  state: OutboxState;
  attempts: number;
  /** Sends repeated after an interrupted send (the receiver may have it twice, same Message-ID). */
  resends: number;
  subject: string | null;
  locale: string | null;
  /** smtp, local (kept in the local outbox) or webhook. */
  transport: string | null;
  sentAt: string | null;
  cancelledReason: string | null;
  lastError: string | null;
}

export interface MessageDetail extends MessageSummary {
  dedupeKey: string;
  messageId: string | null;
  condition: MessageCondition;
  textBody: string | null;
  htmlBody: string | null;
  leaseUntil: string | null;
  createdAt: string;
  events: { fromState: string; toState: string; detail: string; at: string }[];
}

export interface MessagesQuery {
  rolloutId?: string;
  waveId?: string;
  personId?: number;
  /** The recipient by external id, as the people API names people. */
  personExternalId?: string;
  state?: OutboxState;
  templateId?: string;
  channel?: Channel;
  resent?: boolean;
  page?: number;
  pageSize?: number;
}

export interface MessageCount {
  templateId: string;
  templateName: string | null;
  channel: Channel;
  state: OutboxState;
  count: number;
  resends: number;
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

/** Whom a preview or test is rendered for: the person's id, or their external id. */
export type PreviewRecipient = { personId: number } | { personExternalId: string };

export interface PreviewRequest {
  locale?: string;
  rolloutId?: string;
  variants?: TemplateVariant[];
}

export interface TestSendResult {
  to: string;
  transport: "smtp" | "local";
  status: "sent" | "rejected" | "failed";
  response: string;
}

export interface Suppression {
  address: string;
  reason: "hard_bounce" | "manual";
  detail: string;
  messageId: number | null;
  at: string;
}

export const communicationsApi = {
  status: () =>
    request<{ transport: "smtp" | "local"; from: string; publicUrl: string }>(
      "/api/v1/communications/status",
    ),
  purposes: () => request<{ items: PurposeInfo[] }>("/api/v1/communications/purposes"),
  templates: (purpose?: MessagePurpose) =>
    request<{ items: Template[] }>("/api/v1/communications/templates", { query: { purpose } }),
  template: (id: string) =>
    request<Template>(`/api/v1/communications/templates/${encodeURIComponent(id)}`),
  createTemplate: (input: TemplateInput) =>
    request<Template>("/api/v1/communications/templates", { method: "POST", body: input }),
  updateTemplate: (id: string, input: TemplateInput) =>
    request<Template>(`/api/v1/communications/templates/${encodeURIComponent(id)}`, {
      method: "PUT",
      body: input,
    }),
  checkTemplate: (input: TemplateInput) =>
    request<{ problems: TemplateProblem[] }>("/api/v1/communications/templates/check", {
      method: "POST",
      body: input,
    }),
  preview: (id: string, body: PreviewRecipient & PreviewRequest) =>
    request<RenderedPreview>(`/api/v1/communications/templates/${encodeURIComponent(id)}/preview`, {
      method: "POST",
      body,
    }),
  testSend: (id: string, body: PreviewRecipient & PreviewRequest) =>
    request<TestSendResult>(
      `/api/v1/communications/templates/${encodeURIComponent(id)}/test-send`,
      {
        method: "POST",
        body,
      },
    ),
  cadence: (rolloutId: string, waveId?: string) =>
    request<{ effective: Cadence | null; saved: Cadence[] }>(
      `/api/v1/rollouts/${encodeURIComponent(rolloutId)}/cadence`,
      { query: { waveId } },
    ),
  saveCadence: (rolloutId: string, input: CadenceInput) =>
    request<Cadence>(`/api/v1/rollouts/${encodeURIComponent(rolloutId)}/cadence`, {
      method: "PUT",
      body: input,
    }),
  deleteCadence: (rolloutId: string, waveId?: string) =>
    request<void>(`/api/v1/rollouts/${encodeURIComponent(rolloutId)}/cadence`, {
      method: "DELETE",
      query: { waveId },
    }),
  plan: (rolloutId: string) =>
    request<{ waves: unknown[] }>(
      `/api/v1/rollouts/${encodeURIComponent(rolloutId)}/communications/plan`,
      { method: "POST" },
    ),
  calendar: (rolloutId: string, range: { from?: string; to?: string } = {}) =>
    request<CalendarData>(
      `/api/v1/rollouts/${encodeURIComponent(rolloutId)}/communications/calendar`,
      { query: range },
    ),
  messages: (query: MessagesQuery) =>
    request<{ items: MessageSummary[]; hasMore: boolean; page: number; pageSize: number }>(
      "/api/v1/communications/messages",
      { query: { ...query } },
    ),
  message: (id: number) => request<MessageDetail>(`/api/v1/communications/messages/${id}`),
  counts: (
    query: {
      rolloutId?: string;
      waveId?: string;
      personId?: number;
      personExternalId?: string;
    } = {},
  ) => request<{ items: MessageCount[] }>("/api/v1/communications/counts", { query }),
  dispatchNow: () => request<DispatchResult>("/api/v1/communications/dispatch", { method: "POST" }),
  suppressions: () => request<{ items: Suppression[] }>("/api/v1/communications/suppressions"),
  suppress: (address: string, detail: string) =>
    request<void>("/api/v1/communications/suppressions", {
      method: "POST",
      body: { address, detail },
    }),
  unsuppress: (address: string) =>
    request<void>(`/api/v1/communications/suppressions/${encodeURIComponent(address)}`, {
      method: "DELETE",
    }),
};
