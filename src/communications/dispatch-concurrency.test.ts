import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createJobRegistry } from "../cascade.js";
import { systemActor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import { launchWave } from "../rollouts/launch-wave.js";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, toCsv } from "../test/factories.js";
import { rolloutWithWaves } from "../test/rollouts.js";
import { startSmtpServer } from "../test/smtp.js";
import { sendPolicySchema } from "./cadence.js";
import { saveCadence } from "./cadences.js";
import { dispatchDue, type DispatchSettings } from "./dispatch.js";
import { planWaveMessages } from "./plan-messages.js";
import { ensureDefaultTemplates } from "./templates.js";
import { smtpTransport } from "./transport.js";

afterEach(() => clock.set(null));

describeEachEngine("dispatchers side by side, and team channels", (use) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let hook: Server;
  const posts: unknown[] = [];
  let hookUrl = "";
  const settings = (): DispatchSettings => ({
    transport: smtpTransport({ url: smtp.url, from: "learning@example.com", maxConnections: 4 }),
    publicUrl: "https://cascade.example.com",
    messageIdDomain: "example.com",
    batchSize: 7,
    now: () => clock.now(),
  });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        posts.push(JSON.parse(body));
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const db = use();
    await ensureDefaultTemplates(db.kysely);
    await importCsv(
      db,
      toCsv([
        personRow("BOSS", { name: "Bea Boss", region: "HQ" }),
        ...Array.from({ length: 40 }, (_, i) =>
          personRow(`P${i}`, { name: `Pat Number${i}`, manager_id: "BOSS" }),
        ),
      ]),
    );
  });
  afterAll(async () => {
    await smtp.close();
    await new Promise((resolve) => hook.close(resolve));
  });

  it("sends every message exactly once when two dispatchers run at the same time", async () => {
    const db = use();
    clock.set(new Date("2026-03-03T09:30:00Z"));
    const rollout = await rolloutWithWaves(db, { rule: `region = "EMEA"`, waves: [{}] });
    const waveId = rollout.phases[0]!.waves[0]!.id;
    await saveCadence(db.kysely, {
      rolloutId: rollout.id,
      waveId: null,
      input: {
        name: "Launch and a post",
        policy: sendPolicySchema.parse({}),
        rules: [
          {
            id: "launch",
            name: "Launch",
            purpose: "launch",
            templateId: "default-launch",
            anchor: "launch",
            days: 0,
            at: "09:00",
            everyDays: null,
            to: "learner",
            condition: "any",
            channel: "email",
            webhook: null,
          },
          {
            id: "post",
            name: "Post in the team channel",
            purpose: "announcement",
            templateId: "default-announcement",
            anchor: "launch",
            days: 0,
            at: "09:00",
            everyDays: null,
            to: "channel",
            condition: "any",
            channel: "chat",
            webhook: { url: hookUrl, flavor: "slack" },
          },
        ],
      },
      actor: null,
    });
    await db.kysely.transaction().execute((trx) =>
      launchWave(trx, {
        waveId,
        actor: systemActor,
        registry: createJobRegistry(),
        feasibility: "assign_anyway",
      }),
    );
    await db.kysely.transaction().execute((trx) => planWaveMessages(trx, { waveId }));
    const [a, b] = [settings(), settings()];
    const [ra, rb] = await Promise.all([dispatchDue(db.kysely, a), dispatchDue(db.kysely, b)]);
    a.transport.close();
    b.transport.close();
    expect(ra.sent + rb.sent).toBe(41);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(
      new Set(smtp.received.flatMap((m) => m.to)).size,
      "each learner got one launch message",
    ).toBe(40);
    // One post in the team channel, in Slack's block format, with the program's name.
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0])).toContain("blocks");
    expect(JSON.stringify(posts[0])).toContain("Coming soon");
    const states = await db.kysely
      .selectFrom("outbox_messages")
      .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("state")
      .execute();
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([["sent", 41]]);
  });
});
