import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { clock } from "../platform/clock.js";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, toCsv } from "../test/factories.js";
import {
  request,
  startCascade,
  userWithToken,
  type ErrorBody,
  type RunningCascade,
} from "../test/http.js";
import { rolloutWithWaves } from "../test/rollouts.js";
import { startSmtpServer } from "../test/smtp.js";
import { launchWave } from "../rollouts/launch-wave.js";
import { systemActor } from "../platform/auth/roles.js";
import type { TemplateInputProblem } from "./templates.js";

afterEach(() => clock.set(null));

const people = () => [
  personRow("M1", { name: "Maria Müller" }),
  personRow("P1", {
    name: "Paul Durand",
    manager_id: "M1",
    locale: "fr-FR",
    time_zone: "Europe/Paris",
    country: "FR",
  }),
  personRow("P2", {
    name: "Kenji Mori",
    manager_id: "M1",
    locale: "ja-JP",
    time_zone: "Asia/Tokyo",
    country: "JP",
  }),
];

describeEachEngine("communications over HTTP", (use) => {
  let server: RunningCascade;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let owner: { token: string; email: string };
  let auditor: { token: string };
  let rolloutId = "";
  let waveId = "";
  let personIds: Record<string, number> = {};

  beforeAll(async () => {
    const db = use();
    smtp = await startSmtpServer();
    await importCsv(db, toCsv(people()));
    server = await startCascade(db, { SMTP_URL: smtp.url, MAIL_FROM: "learning@example.com" });
    const o = await userWithToken(db, {
      email: "owner@example.com",
      name: "Owen Owner",
      role: "program_owner",
    });
    owner = { token: o.token, email: o.email };
    auditor = await userWithToken(db, {
      email: "audit@example.com",
      name: "Ada Auditor",
      role: "auditor",
    });
    const rows = await db.kysely.selectFrom("people").select(["id", "external_id"]).execute();
    personIds = Object.fromEntries(rows.map((r) => [r.external_id, Number(r.id)]));
    clock.set(new Date("2026-03-02T06:00:00Z"));
    const rollout = await rolloutWithWaves(db, { rule: `division = "Risk"`, waves: [{}] });
    rolloutId = rollout.id;
    waveId = rollout.phases[0]!.waves[0]!.id;
    await db.kysely.transaction().execute((trx) =>
      launchWave(trx, {
        waveId,
        actor: systemActor,
        registry: server.cascade.registry,
        feasibility: "assign_anyway",
      }),
    );
    clock.set(null);
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  const as = () => ({ token: owner.token });

  it("lists the built-in templates in four languages", async () => {
    const r = await request<{
      items: { id: string; builtIn: boolean; variants: { locale: string }[] }[];
    }>(server.baseUrl, "/api/v1/communications/templates?purpose=launch", { as: as() });
    expect(r.status).toBe(200);
    const launch = r.body.items.find((t) => t.id === "default-launch")!;
    expect(launch.builtIn).toBe(true);
    expect(launch.variants.map((v) => v.locale).sort()).toEqual(["de", "en", "es", "fr"]);
  });

  it("refuses a template with a syntax error or an unknown variable, naming language, field, line and column", async () => {
    const r = await request<ErrorBody>(server.baseUrl, "/api/v1/communications/templates", {
      as: as(),
      json: {
        name: "Broken",
        purpose: "reminder",
        fallbackLocale: "en",
        variants: [
          {
            locale: "en",
            subject: "Hi {firstName}",
            body: "Hello,\nyour course is due {dueDate, date, long}.\nGo: {lauchLink}",
          },
          { locale: "fr", subject: "Bonjour {firstName", body: "Bonjour" },
        ],
      },
    });
    expect(r.status).toBe(422);
    const problems = (r.body.error.details as { problems: TemplateInputProblem[] }).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        locale: "en",
        field: "body",
        line: 3,
        column: 5,
      }),
      expect.objectContaining({ locale: "fr", field: "subject", line: 1 }),
    ]);
    expect(problems[0]!.message).toContain('Did you mean "launchLink"');
    expect(r.body.error.message).toContain("en body, line 3, column 5");
    const list = await request<{ items: { name: string }[] }>(
      server.baseUrl,
      "/api/v1/communications/templates",
      { as: as() },
    );
    expect(list.body.items.some((t) => t.name === "Broken")).toBe(false);
  });

  it("checks a template without saving, and saves a valid one", async () => {
    const input = {
      name: "Friendly nudge",
      purpose: "reminder",
      fallbackLocale: "en",
      variants: [
        {
          locale: "en",
          subject: "{firstName}, {daysLeft, plural, one {# day} other {# days}} left",
          body: "Start here: {launchLink}",
        },
        {
          locale: "fr",
          subject: "{firstName}, plus que {daysLeft, plural, one {# jour} other {# jours}}",
          body: "C’est ici : {launchLink}",
        },
      ],
    };
    const check = await request<{ problems: unknown[] }>(
      server.baseUrl,
      "/api/v1/communications/templates/check",
      { as: as(), json: input },
    );
    expect(check.body.problems).toEqual([]);
    const created = await request<{ id: string; variants: unknown[] }>(
      server.baseUrl,
      "/api/v1/communications/templates",
      { as: as(), json: input },
    );
    expect(created.status).toBe(201);
    expect(created.body.variants).toHaveLength(2);
    const denied = await request<ErrorBody>(
      server.baseUrl,
      `/api/v1/communications/templates/${created.body.id}`,
      {
        method: "PUT",
        as: { token: auditor.token },
        json: input,
      },
    );
    expect(denied.status).toBe(403);
  });

  it("previews a template for a recipient in their language and time zone, falling back when it has none", async () => {
    const french = await request<{ locale: string; subject: string; text: string; html: string }>(
      server.baseUrl,
      "/api/v1/communications/templates/default-launch/preview",
      { as: as(), json: { personId: personIds.P1 } },
    );
    expect(french.status).toBe(200);
    expect(french.body.locale).toBe("fr");
    expect(french.body.text).toContain("Bonjour Paul");
    expect(french.body.text).toMatch(/avant le \d+ \w+ 2026/);
    expect(french.body.html).toContain("<p>Bonjour Paul,</p>");
    const japanese = await request<{ locale: string; text: string }>(
      server.baseUrl,
      "/api/v1/communications/templates/default-launch/preview",
      { as: as(), json: { personId: personIds.P2 } },
    );
    expect(japanese.body.locale).toBe("en");
    expect(japanese.body.text).toContain("Hello Kenji");
    const unknown = await request<ErrorBody>(
      server.baseUrl,
      "/api/v1/communications/templates/default-launch/preview",
      {
        as: as(),
        json: { personId: 999_999 },
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("999999");
  });

  it("sends a test to the operator through the configured SMTP server", async () => {
    const r = await request<{ to: string; transport: string; status: string }>(
      server.baseUrl,
      "/api/v1/communications/templates/default-reminder/test-send",
      { as: as(), json: { personId: personIds.P1 } },
    );
    expect(r.body).toMatchObject({ to: "owner@example.com", transport: "smtp", status: "sent" });
    const mail = smtp.received.find((m) => m.to.includes("owner@example.com"))!;
    expect(mail.raw).toContain("Bonjour Paul");
    expect(mail.subject).toMatch(/Test/);
  });

  it("refuses a cadence whose rule is wrong, saying which rule and why, and keeps the old one", async () => {
    const bad = await request<ErrorBody>(server.baseUrl, `/api/v1/rollouts/${rolloutId}/cadence`, {
      method: "PUT",
      as: as(),
      json: {
        name: "Mine",
        rules: [
          {
            id: "launch",
            name: "Launch",
            purpose: "launch",
            templateId: "default-reminder",
            anchor: "launch",
            days: 0,
            to: "learner",
          },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain(
      'rule "launch": template "Reminder" is a reminder message, not launch',
    );
    const chat = await request<ErrorBody>(server.baseUrl, `/api/v1/rollouts/${rolloutId}/cadence`, {
      method: "PUT",
      as: as(),
      json: {
        name: "Mine",
        rules: [
          {
            id: "post",
            name: "Post",
            purpose: "announcement",
            templateId: "default-announcement",
            anchor: "launch",
            days: 0,
            to: "channel",
            channel: "chat",
          },
        ],
      },
    });
    expect(chat.status).toBe(400);
    expect(JSON.stringify(chat.body.error.details)).toContain("a chat rule needs a webhook");
    const current = await request<{ effective: { source: string; rules: unknown[] } }>(
      server.baseUrl,
      `/api/v1/rollouts/${rolloutId}/cadence?waveId=${waveId}`,
      { as: as() },
    );
    expect(current.body.effective.source).toBe("default");
    expect(current.body.effective.rules).toHaveLength(8);
  });

  it("plans, shows the calendar, delivers, and logs each message with its history", async () => {
    const saved = await request<{ source: string }>(
      server.baseUrl,
      `/api/v1/rollouts/${rolloutId}/cadence`,
      {
        method: "PUT",
        as: as(),
        json: {
          name: "Launch only",
          rules: [
            {
              id: "launch",
              name: "Launch",
              purpose: "launch",
              templateId: "default-launch",
              anchor: "launch",
              days: 0,
              to: "learner",
            },
            {
              id: "due-soon",
              name: "Due soon",
              purpose: "deadline_approaching",
              templateId: "default-deadline-approaching",
              anchor: "due",
              days: -3,
              to: "learner",
              condition: "not_completed",
            },
          ],
        },
      },
    );
    expect(saved.body.source).toBe("rollout");
    const plan = await request<{ waves: { rules: { ruleId: string; planned: number }[] }[] }>(
      server.baseUrl,
      `/api/v1/rollouts/${rolloutId}/communications/plan`,
      { method: "POST", as: as() },
    );
    const launch = plan.body.waves[0]!.rules.find((r) => r.ruleId === "launch")!;
    // The wave launched on 2 March; it is later now, so its launch messages are stale and skipped.
    expect(launch.planned).toBe(0);
    const calendar = await request<{
      projected: { ruleId: string; count: number }[];
      waves: unknown[];
    }>(server.baseUrl, `/api/v1/rollouts/${rolloutId}/communications/calendar`, { as: as() });
    expect(calendar.status).toBe(200);
    expect(calendar.body.waves).toHaveLength(1);
  });

  it("shows the delivery log, one message with its content and history, and counts", async () => {
    const db = use();
    // A message due now for P1, written as the planner would.
    const at = new Date().toISOString();
    const assignment = await db.kysely
      .selectFrom("assignments")
      .select("id")
      .where("person_id", "=", personIds.P1!)
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto("outbox_messages")
      .values({
        dedupe_key: "http-test:1",
        rollout_id: rolloutId,
        wave_id: waveId,
        rule_key: null,
        template_id: "default-reminder",
        purpose: "reminder",
        channel: "email",
        recipient_person_id: personIds.P1!,
        recipient_role: "learner",
        assignment_id: Number(assignment.id),
        condition: "not_completed",
        base_at: null,
        scheduled_for: at,
        send_after: at,
        state: "scheduled",
        created_at: at,
        updated_at: at,
      })
      .execute();
    clock.set(new Date(Date.now() + 1000));
    const dispatched = await request<{ claimed: number }>(
      server.baseUrl,
      "/api/v1/communications/dispatch",
      {
        method: "POST",
        as: as(),
      },
    );
    expect(dispatched.status).toBe(200);
    const log = await request<{
      items: { id: number; state: string; recipientName: string; subject: string | null }[];
    }>(server.baseUrl, `/api/v1/communications/messages?personId=${personIds.P1}`, {
      as: { token: auditor.token },
    });
    expect(log.status).toBe(200);
    const message = log.body.items[0]!;
    expect(message.recipientName).toBe("Paul Durand");
    // Sent now, or held to the recipient's morning: both are real outcomes of the send window.
    expect(["sent", "scheduled"]).toContain(message.state);
    const detail = await request<{ events: { toState: string }[]; dedupeKey: string }>(
      server.baseUrl,
      `/api/v1/communications/messages/${message.id}`,
      { as: as() },
    );
    expect(detail.body.dedupeKey).toBe("http-test:1");
    if (message.state === "sent")
      expect(detail.body.events.map((e) => e.toState)).toEqual(["sending", "sent"]);
    const counts = await request<{ items: { templateId: string; count: number }[] }>(
      server.baseUrl,
      `/api/v1/communications/counts?rolloutId=${rolloutId}`,
      { as: as() },
    );
    expect(counts.body.items.find((c) => c.templateId === "default-reminder")?.count).toBe(1);
    // A regional lead for another region sees none of these messages, not even by id.
    const db2 = use();
    const apac = await userWithToken(db2, {
      email: "apac@example.com",
      name: "Apac Lead",
      role: "regional_lead",
      regions: ["APAC"],
    });
    const scoped = await request<{ items: unknown[] }>(
      server.baseUrl,
      `/api/v1/communications/messages?personId=${personIds.P1}`,
      { as: { token: apac.token } },
    );
    expect(scoped.body.items).toEqual([]);
    const hidden = await request<ErrorBody>(
      server.baseUrl,
      `/api/v1/communications/messages/${message.id}`,
      { as: { token: apac.token } },
    );
    expect(hidden.status).toBe(404);
    const missing = await request<ErrorBody>(
      server.baseUrl,
      "/api/v1/communications/messages/99999999",
      { as: as() },
    );
    expect(missing.status).toBe(404);
  });

  it("suppresses and releases an address; only managers of rollouts may", async () => {
    const add = await request(server.baseUrl, "/api/v1/communications/suppressions", {
      as: as(),
      json: { address: "P1@Example.com", detail: "bounced at the provider" },
    });
    expect(add.status).toBe(204);
    const list = await request<{ items: { address: string; reason: string }[] }>(
      server.baseUrl,
      "/api/v1/communications/suppressions",
      { as: as() },
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({ address: "p1@example.com", reason: "manual" }),
    ]);
    const denied = await request(
      server.baseUrl,
      "/api/v1/communications/suppressions/p1%40example.com",
      {
        method: "DELETE",
        as: { token: auditor.token },
      },
    );
    expect(denied.status).toBe(403);
    const removed = await request(
      server.baseUrl,
      "/api/v1/communications/suppressions/p1%40example.com",
      {
        method: "DELETE",
        as: as(),
      },
    );
    expect(removed.status).toBe(204);
  });
});
