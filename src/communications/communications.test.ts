import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createJobRegistry } from "../cascade.js";
import { systemActor, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Db } from "../platform/database/connect.js";
import { changeAssignmentStatus } from "../rollouts/assignments.repository.js";
import { launchWave } from "../rollouts/launch-wave.js";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, toCsv } from "../test/factories.js";
import { rolloutWithWaves } from "../test/rollouts.js";
import { startSmtpServer } from "../test/smtp.js";
import { defaultMandatoryCadence } from "./cadence.js";
import { saveCadence } from "./cadences.js";
import { dispatchDue, leaseSeconds, type DispatchSettings } from "./dispatch.js";
import { cancelClosedMessages } from "./outbox.repository.js";
import { planWaveMessages } from "./plan-messages.js";
import { ensureDefaultTemplates } from "./templates.js";
import { smtpTransport } from "./transport.js";

const owner: Actor = {
  ...systemActor,
  kind: "user",
  role: "program_owner",
  name: "Owner",
  email: "owner@example.com",
};
const registry = createJobRegistry();

const org = () => [
  personRow("CEO", { name: "Carla Chief", region: "HQ" }),
  personRow("M1", { name: "Maria Müller", manager_id: "CEO", region: "HQ" }),
  personRow("L1", { name: "Eva Schmidt", manager_id: "M1" }),
  personRow("L2", {
    name: "Léa Martin",
    manager_id: "M1",
    country: "FR",
    time_zone: "Europe/Paris",
    locale: "fr-FR",
  }),
  personRow("L3", {
    name: "Sam Carter",
    manager_id: "M1",
    country: "US",
    time_zone: "America/New_York",
    locale: "en-US",
  }),
  personRow("L4", {
    name: "Noura Al-Saud",
    manager_id: "M1",
    country: "SA",
    time_zone: "Asia/Riyadh",
    locale: "ar-SA",
  }),
  personRow("L5", { name: "Nobody Here", manager_id: "M1", email: "nobody@example.com" }),
];

describe("communications through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let settings: DispatchSettings;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    settings = {
      transport: smtpTransport({ url: smtp.url, from: "learning@example.com", maxConnections: 3 }),
      publicUrl: "https://cascade.example.com",
      messageIdDomain: "example.com",
    };
  });
  afterAll(async () => {
    settings.transport.close();
    await smtp.close();
  });
  afterEach(() => clock.set(null));

  describeEachEngine("cadence to inbox", (use) => {
    let waveId = "";
    let rolloutId = "";
    const at = (iso: string) => clock.set(new Date(iso));
    const dispatch = (db: Db, extra: Partial<DispatchSettings> = {}) =>
      dispatchDue(db.kysely, { ...settings, ...extra, now: () => clock.now() });
    const rows = (db: Db) =>
      db.kysely
        .selectFrom("outbox_messages as o")
        .leftJoin("people as p", "p.id", "o.recipient_person_id")
        .select([
          "o.id",
          "p.external_id",
          "o.purpose",
          "o.state",
          "o.send_after",
          "o.scheduled_for",
          "o.message_id",
          "o.resends",
          "o.cancelled_reason",
          "o.attempts",
        ])
        .orderBy("o.id")
        .execute();
    const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

    beforeAll(async () => {
      const db = use();
      smtp.received.length = 0;
      await ensureDefaultTemplates(db.kysely);
      await importCsv(db, toCsv(org()));
      // Launched Monday 2 March 2026 at 06:00 UTC: 07:00 in Berlin, 01:00 in New York.
      at("2026-03-02T06:00:00Z");
      const rollout = await rolloutWithWaves(db, {
        rule: `region = "EMEA"`,
        waves: [{ deadline: { kind: "relative", days: 10, time: "23:59" } }],
      });
      rolloutId = rollout.id;
      waveId = rollout.phases[0]!.waves[0]!.id;
      const cadence = defaultMandatoryCadence();
      await saveCadence(db.kysely, {
        rolloutId,
        waveId: null,
        input: { ...cadence, policy: { ...cadence.policy, maxPerDay: 1, maxPerWeek: 3 } },
        actor: "owner@example.com",
      });
      await db.kysely
        .transaction()
        .execute((trx) =>
          launchWave(trx, { waveId, actor: owner, registry, feasibility: "assign_anyway" }),
        );
    });

    it("plans launch messages and the manager briefing at each recipient's local morning, once", async () => {
      const db = use();
      const first = await db.kysely
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId }));
      const again = await db.kysely
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId }));
      expect(first.rules.find((r) => r.ruleId === "launch")?.planned).toBe(5);
      expect(first.rules.find((r) => r.ruleId === "brief-managers")?.planned).toBe(1);
      expect(again.rules.every((r) => r.planned === 0)).toBe(true);
      const planned = Object.fromEntries(
        (await rows(db)).map((r) => [`${r.purpose}:${r.external_id}`, r.send_after]),
      );
      // 09:00 local on the day of launch, each in their own zone.
      expect(planned["launch:L1"]).toBe("2026-03-02T08:00:00.000Z");
      expect(planned["launch:L2"]).toBe("2026-03-02T08:00:00.000Z");
      expect(planned["launch:L3"]).toBe("2026-03-02T14:00:00.000Z");
      expect(planned["launch:L4"]).toBe("2026-03-02T06:00:00.000Z"); // 09:00 in Riyadh
      expect(planned["manager_briefing:M1"]).toBe("2026-03-02T08:00:00.000Z");
    });

    it("sends each person the message in their language at their local time, with a stable Message-ID", async () => {
      const db = use();
      at("2026-03-02T08:00:00Z");
      const result = await dispatch(db);
      expect(result.sent).toBe(4); // L1, L2, L4 and the manager; New York is still asleep
      expect(mailTo("l3@example.com")).toHaveLength(0);
      const german = mailTo("l1@example.com")[0]!;
      expect(german.raw).toContain("Hallo Eva");
      expect(mailTo("l2@example.com")[0]!.raw).toContain("Bonjour L=C3=A9a");
      // Arabic has no variant: the fallback (English) is used.
      expect(mailTo("l4@example.com")[0]!.raw).toContain("Hello Noura");
      const l1 = (await rows(db)).find((r) => r.external_id === "L1" && r.purpose === "launch")!;
      expect(german.messageId).toBe(l1.message_id);
      // The address that does not exist is refused for good and suppressed.
      const bounced = (await rows(db)).find((r) => r.external_id === "L5")!;
      expect(bounced.state).toBe("failed");
      const suppressed = await db.kysely
        .selectFrom("email_suppressions")
        .select(["address", "reason"])
        .execute();
      expect(suppressed).toEqual([{ address: "nobody@example.com", reason: "hard_bounce" }]);
      const statuses = await db.kysely
        .selectFrom("assignments as a")
        .innerJoin("people as p", "p.id", "a.person_id")
        .select(["p.external_id", "a.status"])
        .orderBy("p.external_id")
        .execute();
      expect(statuses).toEqual([
        { external_id: "L1", status: "notified" },
        { external_id: "L2", status: "notified" },
        { external_id: "L3", status: "assigned" },
        { external_id: "L4", status: "notified" },
        { external_id: "L5", status: "assigned" },
      ]);
    });

    it("loses nothing and sends nothing twice when the dispatcher dies after claiming", async () => {
      const db = use();
      at("2026-03-02T14:00:00Z");
      const before = smtp.received.length;
      await expect(
        dispatch(db, {
          faults: {
            afterClaim: () => {
              throw new Error("crash after claim");
            },
          },
        }),
      ).rejects.toThrow("crash after claim");
      expect(smtp.received.length).toBe(before);
      const held = (await rows(db)).find((r) => r.external_id === "L3")!;
      expect(held.state).toBe("sending");
      // Another dispatcher picks it up once the lease has run out.
      at(new Date(Date.parse("2026-03-02T14:00:00Z") + (leaseSeconds + 1) * 1000).toISOString());
      const result = await dispatch(db);
      expect(result).toMatchObject({ sent: 1, resent: 1 });
      expect(mailTo("l3@example.com")).toHaveLength(1);
      const after = (await rows(db)).find((r) => r.external_id === "L3")!;
      expect(after).toMatchObject({ state: "sent", resends: 1, message_id: held.message_id });
    });

    it("cancels a reminder for someone who completed, and checks the condition when sending", async () => {
      const db = use();
      // Day 7 (Monday 9 March): the nudge goes to people who have not started. Planned on Sunday
      // (within the 48-hour horizon), then Eva completes.
      at("2026-03-08T07:00:00Z");
      await db.kysely.transaction().execute((trx) => planWaveMessages(trx, { waveId }));
      const l1 = await db.kysely
        .selectFrom("assignments as a")
        .innerJoin("people as p", "p.id", "a.person_id")
        .select("a.id")
        .where("p.external_id", "=", "L1")
        .executeTakeFirstOrThrow();
      const nudges = (await rows(db)).filter((r) => r.purpose === "reminder");
      expect(nudges.map((r) => r.external_id).sort()).toEqual(["L1", "L2", "L3", "L4", "L5"]);
      await db.kysely.transaction().execute(async (trx) => {
        await changeAssignmentStatus(trx, {
          ids: (eb) => eb("id", "=", l1.id),
          to: "completed",
          cause: "test",
          actor: "test",
          at: "2026-03-08T10:00:00Z",
          set: { completed_at: "2026-03-08T10:00:00Z", started_at: "2026-03-08T09:00:00Z" },
        });
        await cancelClosedMessages(trx, new Date("2026-03-08T10:00:00Z"));
      });
      const after = (await rows(db)).find(
        (r) => r.purpose === "reminder" && r.external_id === "L1",
      )!;
      expect(after).toMatchObject({ state: "cancelled", cancelled_reason: "no longer needed" });
      // Nothing is due on a Sunday.
      at("2026-03-08T12:00:00Z");
      expect((await dispatch(db)).sent).toBe(0);
    });

    it("resends with the same Message-ID when it died after the server accepted, and counts it", async () => {
      const db = use();
      // A test message due now for the manager: a digest a week after launch.
      at("2026-03-09T08:00:00Z");
      await db.kysely.transaction().execute((trx) => planWaveMessages(trx, { waveId }));
      const planned = (await rows(db)).find((r) => r.purpose === "manager_digest")!;
      expect(planned.send_after).toBe("2026-03-09T08:00:00.000Z");
      await expect(
        dispatch(db, {
          faults: {
            afterSend: () => {
              throw new Error("crash after send");
            },
          },
        }),
      ).rejects.toThrow("crash after send");
      at("2026-03-09T08:10:00Z");
      await dispatch(db);
      const digest = (await rows(db)).find((r) => r.id === planned.id)!;
      const copies = mailTo("m1@example.com").filter((m) => m.messageId === digest.message_id);
      expect(copies).toHaveLength(2);
      const body = (raw: string) =>
        raw
          .split("\r\n\r\n")
          .slice(1)
          .join()
          .replace(/--_NmP-[0-9a-f]+-Part_\d+/g, "boundary");
      expect(body(copies[0]!.raw)).toBe(body(copies[1]!.raw));
      expect(digest).toMatchObject({ state: "sent", resends: 1 });
      // Eva completed: her nudge was never sent, her thanks were (on Monday morning, not Sunday);
      // Léa's nudge went (twice, the same message).
      const eva = mailTo("l1@example.com");
      expect(eva.filter((m) => m.raw.includes("noch nicht begonnen"))).toHaveLength(0);
      expect(eva.filter((m) => m.raw.includes("abgeschlossen haben"))).toHaveLength(2);
      const lea = mailTo("l2@example.com").filter((m) => m.raw.includes("Rappel"));
      expect(lea).toHaveLength(2);
      expect(lea[0]!.messageId).toBe(lea[1]!.messageId);
      // The digest counts the team, in the manager's language: 5 reports, one completed.
      const text = copies[0]!.raw.replace(/=\r\n/g, "");
      expect(text).toContain("Von 5 Mitarbeitenden");
      expect(text).toContain("1 abgeschlossen");
    });

    it("holds a learner to the daily cap and moves the rest to the next working morning", async () => {
      const db = use();
      // L2 got the nudge on Monday 9 March; the thank-you for completion is not capped, but a
      // second nudge-type message that day waits for Tuesday.
      const l2 = (await rows(db)).find((r) => r.purpose === "reminder" && r.external_id === "L2")!;
      expect(l2.state).toBe("sent");
      const template = "default-reminder";
      await db.kysely
        .insertInto("outbox_messages")
        .values({
          dedupe_key: "test:extra",
          rollout_id: rolloutId,
          wave_id: waveId,
          rule_key: null,
          template_id: template,
          purpose: "reminder",
          channel: "email",
          recipient_person_id: l2.id ? await personId(db, "L2") : null,
          recipient_role: "learner",
          assignment_id: await assignmentOf(db, "L2"),
          condition: "not_completed",
          base_at: null,
          scheduled_for: "2026-03-09T15:00:00.000Z",
          send_after: "2026-03-09T15:00:00.000Z",
          state: "scheduled",
          created_at: "2026-03-09T15:00:00.000Z",
          updated_at: "2026-03-09T15:00:00.000Z",
        })
        .execute();
      at("2026-03-09T15:00:00Z");
      const result = await dispatch(db);
      expect(result.deferred).toBeGreaterThanOrEqual(1);
      const extra = await db.kysely
        .selectFrom("outbox_messages")
        .select(["state", "send_after"])
        .where("dedupe_key", "=", "test:extra")
        .executeTakeFirstOrThrow();
      // 08:00 on Tuesday in Paris.
      expect(extra).toEqual({ state: "scheduled", send_after: "2026-03-10T07:00:00.000Z" });
    });

    it("retries a temporary refusal with backoff and then delivers", async () => {
      const db = use();
      at("2026-03-10T07:00:00Z");
      smtp.state.failOnce.add("l2@example.com");
      const first = await dispatch(db);
      expect(first.retried).toBe(1);
      const retry = await db.kysely
        .selectFrom("outbox_events as e")
        .innerJoin("outbox_messages as o", "o.id", "e.message_id")
        .select(["o.id", "o.state", "o.last_error", "e.detail"])
        .where("e.to_state", "=", "scheduled")
        .where("e.detail", "like", "retry at%")
        .executeTakeFirstOrThrow();
      expect(retry.state).toBe("scheduled");
      expect(retry.last_error).toMatch(/451/);
      at("2026-03-10T07:10:00Z");
      await dispatch(db);
      const done = await db.kysely
        .selectFrom("outbox_messages")
        .select(["state", "attempts", "last_error"])
        .where("id", "=", retry.id)
        .executeTakeFirstOrThrow();
      expect(done).toEqual({ state: "sent", attempts: 2, last_error: null });
    });

    it("never sends again what went out when a rule is edited or the wave gets its own cadence", async () => {
      const db = use();
      at("2026-03-10T07:30:00Z");
      const launchesBefore = (await rows(db)).filter((r) => r.purpose === "launch");
      const cadence = defaultMandatoryCadence();
      // The wave's own cadence: the same rules, but the launch message at 10:00 and the digest
      // every three days.
      await saveCadence(db.kysely, {
        rolloutId,
        waveId,
        input: {
          ...cadence,
          rules: cadence.rules.map((r) =>
            r.id === "launch"
              ? { ...r, at: "10:00" }
              : r.id === "digest"
                ? { ...r, everyDays: 3 }
                : r,
          ),
        },
        actor: "owner@example.com",
      });
      const plan = await db.kysely
        .transaction()
        .execute((trx) => planWaveMessages(trx, { waveId }));
      expect(plan.cadence.source).toBe("wave");
      expect(plan.rules.find((r) => r.ruleId === "launch")?.planned).toBe(0);
      const after = await rows(db);
      expect(after.filter((r) => r.purpose === "launch")).toEqual(launchesBefore);
      const retired = after.filter((r) => r.cancelled_reason === "cadence changed");
      expect(retired.length).toBe(plan.cancelled);
      // Nothing is planned, being sent or sent twice for the same rule and recipient.
      const live = await db.kysely
        .selectFrom("outbox_messages")
        .select(["dedupe_key", "purpose", "recipient_person_id", "assignment_id"])
        .where("state", "in", ["scheduled", "sending", "sent"])
        .where("dedupe_key", "not like", "test:%")
        .execute();
      const seen = new Set<string>();
      for (const m of live) {
        const key = `${m.purpose}|${m.recipient_person_id}|${m.assignment_id ?? m.dedupe_key}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    });
  });
});

async function personId(db: Db, externalId: string): Promise<number> {
  const row = await db.kysely
    .selectFrom("people")
    .select("id")
    .where("external_id", "=", externalId)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function assignmentOf(db: Db, externalId: string): Promise<number> {
  const row = await db.kysely
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select("a.id")
    .where("p.external_id", "=", externalId)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
