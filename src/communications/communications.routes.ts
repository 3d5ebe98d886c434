import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../platform/database/schema.js";
import { authorize, peopleScopeOf } from "../platform/auth/roles.js";
import { AppError } from "../platform/errors.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import { findRolloutRow, listWaveRows } from "../rollouts/rollouts.repository.js";
import { cadenceInputSchema } from "./cadence.js";
import { cadenceForWave, cadencesOfRollout, deleteCadence, saveCadence } from "./cadences.js";
import { scheduleDispatch } from "./communication-jobs.js";
import { dispatchDue, renderPreview } from "./dispatch.js";
import { messagePurposes, purposeVariables } from "./message-template.js";
import {
  addSuppression,
  countMessages,
  getMessage,
  listMessages,
  listSuppressions,
  outboxCalendar,
  outboxStates,
  recordTestSend,
  removeSuppression,
} from "./outbox.repository.js";
import { planWaveMessages, projectWaveMessages } from "./plan-messages.js";
import { messagingFor } from "./transport.js";
import {
  checkTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  templateInputSchema,
  templateSchema,
  updateTemplate,
} from "./templates.js";

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Plans the launched waves a cadence change concerns: one wave, or all of the rollout's. */
async function planLaunchedWaves(
  trx: Kysely<Database>,
  rolloutId: string,
  waveId: string | null,
): Promise<void> {
  for (const wave of await listWaveRows(trx, rolloutId))
    if (wave.status === "launched" && (waveId === null || wave.id === waveId))
      await planWaveMessages(trx, { waveId: wave.id });
}

/** A delivery log row as the API shows it. */
function messageSummary(row: {
  id: number;
  rollout_id: string | null;
  wave_id: string | null;
  purpose: string;
  channel: string;
  template_id: string;
  template_name: string | null;
  recipient_person_id: number | null;
  recipient_role: string;
  recipient_name: string | null;
  recipient_external_id: string | null;
  address: string | null;
  assignment_id: number | null;
  scheduled_for: string;
  send_after: string;
  state: string;
  attempts: number;
  resends: number;
  subject: string | null;
  locale: string | null;
  transport: string | null;
  sent_at: string | null;
  cancelled_reason: string | null;
  last_error: string | null;
}) {
  return {
    id: Number(row.id),
    rolloutId: row.rollout_id,
    waveId: row.wave_id,
    purpose: row.purpose,
    channel: row.channel,
    templateId: row.template_id,
    templateName: row.template_name,
    recipientPersonId: row.recipient_person_id === null ? null : Number(row.recipient_person_id),
    recipientRole: row.recipient_role,
    recipientName: row.recipient_name,
    recipientExternalId: row.recipient_external_id,
    address: row.address,
    assignmentId: row.assignment_id === null ? null : Number(row.assignment_id),
    scheduledFor: row.scheduled_for,
    sendAfter: row.send_after,
    state: row.state,
    attempts: Number(row.attempts),
    resends: Number(row.resends),
    subject: row.subject,
    locale: row.locale,
    transport: row.transport,
    sentAt: row.sent_at,
    cancelledReason: row.cancelled_reason,
    lastError: row.last_error,
  };
}
const variantsSchema = templateInputSchema.shape.variants;

/**
 * Templates, cadences, the communications calendar, the delivery log and suppressed addresses.
 * Reading needs rollouts.read; changing anything rollouts.manage.
 */
export const communicationsRoutes: RoutesPlugin = (app, { db, config, worker }) => {
  const messaging = messagingFor(config);
  const settings = () => messaging.settings();
  app.addHook("onClose", () => {
    messaging.close();
    return Promise.resolve();
  });

  app.get(
    "/api/v1/communications/status",
    {
      schema: {
        tags: ["communications"],
        summary: "How e-mail leaves: through SMTP, or kept in the local outbox",
      },
    },
    (request, reply) => {
      authorize(requireActor(request), "rollouts.read");
      const s = settings();
      return reply.send({
        transport: s.transport.email,
        from: config.MAIL_FROM,
        publicUrl: s.publicUrl,
      });
    },
  );

  app.get(
    "/api/v1/communications/purposes",
    {
      schema: {
        tags: ["communications"],
        summary: "The purposes of messages and the variables each one's templates may use",
      },
    },
    (request, reply) => {
      authorize(requireActor(request), "rollouts.read");
      return reply.send({
        items: messagePurposes.map((purpose) => ({
          purpose,
          variables: Object.entries(purposeVariables[purpose]).map(([name, kind]) => ({
            name,
            kind,
          })),
        })),
      });
    },
  );

  app.get(
    "/api/v1/communications/templates",
    {
      schema: {
        tags: ["communications"],
        summary: "Message templates with their localized variants",
        querystring: z.object({ purpose: z.enum(messagePurposes).optional() }),
        response: { 200: z.object({ items: z.array(templateSchema) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return { items: await listTemplates(db.kysely, request.query.purpose) };
    },
  );

  app.post(
    "/api/v1/communications/templates",
    {
      schema: {
        tags: ["communications"],
        summary:
          "Create a template; a syntax error or unknown variable is refused with its position",
        body: templateInputSchema,
        response: { 201: templateSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.manage");
      const template = await db.kysely
        .transaction()
        .execute((trx) => createTemplate(trx, request.body, actor.userId));
      return reply.code(201).send(template);
    },
  );

  app.post(
    "/api/v1/communications/templates/check",
    {
      schema: {
        tags: ["communications"],
        summary: "Check a template without saving it: every problem with its line and column",
        body: templateInputSchema,
      },
    },
    (request, reply) => {
      authorize(requireActor(request), "rollouts.read");
      return reply.send({ problems: checkTemplate(request.body) });
    },
  );

  app.get(
    "/api/v1/communications/templates/:id",
    {
      schema: {
        tags: ["communications"],
        summary: "One template",
        params: idParams,
        response: { 200: templateSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return getTemplate(db.kysely, request.params.id);
    },
  );

  app.put(
    "/api/v1/communications/templates/:id",
    {
      schema: {
        tags: ["communications"],
        summary: "Replace a template's name, description and text",
        params: idParams,
        body: templateInputSchema,
        response: { 200: templateSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      return db.kysely
        .transaction()
        .execute((trx) => updateTemplate(trx, request.params.id, request.body));
    },
  );

  const previewBody = z
    .object({
      personId: z.number().int().positive().optional(),
      /** The recipient by external id, as the people API names them (instead of personId). */
      personExternalId: z.string().min(1).max(100).optional(),
      locale: z.string().max(35).optional(),
      rolloutId: z.string().max(100).optional(),
      /** Unsaved text to preview instead of the saved variants. */
      variants: variantsSchema.optional(),
    })
    .refine((b) => (b.personId === undefined) !== (b.personExternalId === undefined), {
      message: "Name the recipient with personId or personExternalId (one of them)",
      path: ["personId"],
    });

  app.post(
    "/api/v1/communications/templates/:id/preview",
    {
      schema: {
        tags: ["communications"],
        summary: "Render a template for one recipient, in their language and time zone",
        params: idParams,
        body: previewBody,
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return renderPreview(db.kysely, {
        templateId: request.params.id,
        ...request.body,
        settings: settings(),
        scope: peopleScopeOf(requireActor(request)),
      });
    },
  );

  app.post(
    "/api/v1/communications/templates/:id/test-send",
    {
      schema: {
        tags: ["communications"],
        summary: "Send a template, rendered for a recipient, to the signed-in operator",
        params: idParams,
        body: previewBody,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.manage");
      if (!actor.email)
        throw new AppError(
          "bad_request",
          "A test goes to your own e-mail address; this caller has none.",
        );
      const s = settings();
      const rendered = await renderPreview(db.kysely, {
        templateId: request.params.id,
        ...request.body,
        settings: s,
        scope: peopleScopeOf(actor),
      });
      const messageId = `<test-${randomUUID()}@${s.messageIdDomain}>`;
      const subject = `[Test] ${rendered.subject}`;
      const outcome = await s.transport.sendEmail({
        messageId,
        to: { address: actor.email },
        subject,
        text: rendered.text,
        html: rendered.html,
      });
      // Kept in the delivery log like any message (the only copy, without a mail server).
      await recordTestSend(db.kysely, {
        template: await getTemplate(db.kysely, request.params.id),
        rolloutId: request.body.rolloutId ?? null,
        messageId,
        address: actor.email,
        rendered: { ...rendered, subject },
        transport: s.transport.email,
        outcome,
      });
      return { to: actor.email, transport: s.transport.email, ...outcome };
    },
  );

  const rolloutParams = z.object({ id: z.string().min(1).max(100) });
  const waveQuery = z.object({ waveId: z.string().max(100).optional() });

  app.get(
    "/api/v1/rollouts/:id/cadence",
    {
      schema: {
        tags: ["communications"],
        summary: "The cadence of a rollout, or of one of its waves, and the cadences saved",
        params: rolloutParams,
        querystring: waveQuery,
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return cadencesOfRollout(db.kysely, request.params.id, request.query.waveId);
    },
  );

  app.put(
    "/api/v1/rollouts/:id/cadence",
    {
      schema: {
        tags: ["communications"],
        summary: "Save the cadence of a rollout, or of one wave (waveId)",
        params: rolloutParams,
        body: cadenceInputSchema.extend({ waveId: z.string().max(100).nullable().default(null) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.manage");
      const { waveId, ...input } = request.body;
      // Saving is the decision to send: the launched waves' messages are planned with it.
      const saved = await db.kysely.transaction().execute(async (trx) => {
        const cadence = await saveCadence(trx, {
          rolloutId: request.params.id,
          waveId,
          input,
          actor: actor.email ?? actor.name,
        });
        await planLaunchedWaves(trx, request.params.id, waveId);
        return cadence;
      });
      await scheduleDispatch(db.kysely, { immediately: true });
      worker?.nudge();
      return saved;
    },
  );

  app.delete(
    "/api/v1/rollouts/:id/cadence",
    {
      schema: {
        tags: ["communications"],
        summary: "Remove a wave's own cadence, or the rollout's (back to the default)",
        params: rolloutParams,
        querystring: waveQuery,
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "rollouts.manage");
      const waveId = request.query.waveId ?? null;
      await db.kysely.transaction().execute(async (trx) => {
        const removed = await deleteCadence(trx, { rolloutId: request.params.id, waveId });
        if (!removed) throw new AppError("not_found", "There is no saved cadence there.");
        await planLaunchedWaves(trx, request.params.id, waveId);
      });
      await scheduleDispatch(db.kysely, { immediately: true });
      worker?.nudge();
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/rollouts/:id/communications/plan",
    {
      schema: {
        tags: ["communications"],
        summary: "Plan the launched waves' messages now (the hourly pass does this too)",
        params: rolloutParams,
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      const waves = (await listWaveRows(db.kysely, request.params.id)).filter(
        (w) => w.status === "launched",
      );
      const plans = [];
      for (const wave of waves)
        plans.push(
          await db.kysely
            .transaction()
            .execute((trx) => planWaveMessages(trx, { waveId: wave.id })),
        );
      await scheduleDispatch(db.kysely, { immediately: true });
      worker?.nudge();
      return { waves: plans };
    },
  );

  app.get(
    "/api/v1/rollouts/:id/communications/calendar",
    {
      schema: {
        tags: ["communications"],
        summary:
          "What goes out when and to how many: the outbox by day, and what the cadence will plan later",
        params: rolloutParams,
        querystring: z.object({
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      const rollout = await findRolloutRow(db.kysely, request.params.id);
      if (!rollout) throw new AppError("not_found", `No rollout has the id ${request.params.id}.`);
      const today = new Date();
      const from =
        request.query.from ??
        new Date(today.getTime() - 14 * 86_400_000).toISOString().slice(0, 10);
      const to =
        request.query.to ?? new Date(today.getTime() + 120 * 86_400_000).toISOString().slice(0, 10);
      const waves = await listWaveRows(db.kysely, rollout.id);
      const written = await outboxCalendar(db.kysely, rollout.id, from, `${to}T99`);
      const projected = [];
      const rules = [];
      for (const wave of waves) {
        const cadence = await cadenceForWave(db.kysely, wave.id);
        rules.push({ waveId: wave.id, waveName: wave.name, status: wave.status, cadence });
        if (wave.status === "launched")
          for (const p of await projectWaveMessages(db.kysely, { waveId: wave.id }))
            if (p.day >= from && p.day <= to) projected.push(p);
      }
      return {
        from,
        to,
        written: written.map((w) => ({
          day: w.day,
          waveId: w.wave_id,
          ruleId: w.rule_key?.split(":")[1] ?? null,
          purpose: w.purpose,
          state: w.state,
          count: Number(w.count),
        })),
        projected,
        waves: rules,
      };
    },
  );

  const messagesQuery = z.object({
    rolloutId: z.string().max(100).optional(),
    waveId: z.string().max(100).optional(),
    personId: z.coerce.number().int().positive().optional(),
    /** The recipient's external id, as the people API names people. */
    personExternalId: z.string().min(1).max(100).optional(),
    state: z.enum(outboxStates).optional(),
    templateId: z.string().max(100).optional(),
    channel: z.enum(["email", "chat"]).optional(),
    resent: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => v === "true"),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  });

  app.get(
    "/api/v1/communications/messages",
    {
      schema: {
        tags: ["communications"],
        summary: "The delivery log: messages by rollout, wave, person, state, template or channel",
        querystring: messagesQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.read");
      const { page, pageSize, ...filter } = request.query;
      const result = await listMessages(
        db.kysely,
        { ...filter, scope: peopleScopeOf(actor) },
        {
          limit: pageSize,
          offset: (page - 1) * pageSize,
        },
      );
      return { items: result.items.map(messageSummary), hasMore: result.hasMore, page, pageSize };
    },
  );

  app.get(
    "/api/v1/communications/messages/:id",
    {
      schema: {
        tags: ["communications"],
        summary: "One message: recipient, content as sent, and every change of state",
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      const { row, events } = await getMessage(
        db.kysely,
        request.params.id,
        peopleScopeOf(requireActor(request)),
      );
      return {
        ...messageSummary(row),
        dedupeKey: row.dedupe_key,
        messageId: row.message_id,
        condition: row.condition,
        textBody: row.text_body,
        htmlBody: row.html_body,
        leaseUntil: row.lease_until,
        createdAt: row.created_at,
        events: events.map((e) => ({
          fromState: e.from_state,
          toState: e.to_state,
          detail: e.detail,
          at: e.at,
        })),
      };
    },
  );

  app.get(
    "/api/v1/communications/counts",
    {
      schema: {
        tags: ["communications"],
        summary: "Messages by template, channel and state",
        querystring: messagesQuery.pick({
          rolloutId: true,
          waveId: true,
          personId: true,
          personExternalId: true,
        }),
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      const rows = await countMessages(db.kysely, {
        ...request.query,
        scope: peopleScopeOf(requireActor(request)),
      });
      return {
        items: rows.map((r) => ({
          templateId: r.template_id,
          templateName: r.template_name,
          channel: r.channel,
          state: r.state,
          count: Number(r.count),
          resends: Number(r.resends ?? 0),
        })),
      };
    },
  );

  app.post(
    "/api/v1/communications/dispatch",
    {
      schema: {
        tags: ["communications"],
        summary: "Send what is due now, instead of waiting for the next minute",
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      return dispatchDue(db.kysely, { ...settings(), budgetMs: 20_000 });
    },
  );

  app.get(
    "/api/v1/communications/suppressions",
    { schema: { tags: ["communications"], summary: "Addresses no e-mail is sent to" } },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return {
        items: (await listSuppressions(db.kysely)).map((r) => ({
          address: r.address,
          reason: r.reason,
          detail: r.detail,
          messageId: r.message_id === null ? null : Number(r.message_id),
          at: r.at,
        })),
      };
    },
  );

  app.post(
    "/api/v1/communications/suppressions",
    {
      schema: {
        tags: ["communications"],
        summary: "Stop e-mail to an address (e.g. a bounce reported by the mail provider)",
        body: z.object({ address: z.email(), detail: z.string().max(500).default("") }),
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "rollouts.manage");
      await addSuppression(db.kysely, request.body.address, request.body.detail);
      return reply.code(204).send();
    },
  );

  app.delete(
    "/api/v1/communications/suppressions/:address",
    {
      schema: {
        tags: ["communications"],
        summary: "Allow e-mail to an address again",
        params: z.object({ address: z.string().min(3).max(320) }),
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "rollouts.manage");
      if (!(await removeSuppression(db.kysely, request.params.address)))
        throw new AppError("not_found", `${request.params.address} is not suppressed.`);
      return reply.code(204).send();
    },
  );
};
