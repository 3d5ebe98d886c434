import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer } from "../../test/smtp.js";
import { createSmtpChannel, type SmtpChannel } from "./smtp-channel.js";

describe("SMTP channel against a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let channel: SmtpChannel;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    channel = createSmtpChannel({
      url: smtp.url,
      from: '"Cascade" <learning@example.com>',
      maxConnections: 2,
    });
  });
  afterAll(async () => {
    channel.close();
    await smtp.close();
  });

  const message = (to: string, messageId: string) => ({
    messageId,
    to: { address: to, name: "Eva Schmidt" },
    subject: "Code of Conduct 2027: bitte bis 1. Februar 2027 abschließen",
    text: "Hallo Eva,\n\nLos geht's: https://cascade.example/learn/42",
    html: '<p>Hallo Eva,</p>\n<p>Los geht&#39;s: <a href="https://cascade.example/learn/42">https://cascade.example/learn/42</a></p>',
  });

  it("delivers a message with its Message-ID, subject and both a text and an HTML part", async () => {
    const outcome = await channel.send(message("eva@example.com", "<m-1@cascade.example>"));
    expect(outcome.status).toBe("sent");
    const mail = smtp.received.at(-1)!;
    expect(mail.from).toBe("learning@example.com");
    expect(mail.to).toEqual(["eva@example.com"]);
    expect(mail.raw).toMatch(/^Message-ID: <m-1@cascade\.example>$/m);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(mail.raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
  });

  it("keeps the Message-ID when the same message is sent again, so receivers can recognise it", async () => {
    await channel.send(message("eva@example.com", "<m-2@cascade.example>"));
    await channel.send(message("eva@example.com", "<m-2@cascade.example>"));
    const ids = smtp.received.map((m) => /^Message-ID: (.*)$/m.exec(m.raw)?.[1]?.trim());
    expect(ids.filter((id) => id === "<m-2@cascade.example>")).toHaveLength(2);
  });

  it("tells a refusal (5xx: stop, mark the address) from a temporary failure (4xx: retry)", async () => {
    const bounced = await channel.send(message("nobody@example.com", "<m-3@cascade.example>"));
    expect(bounced).toMatchObject({ status: "rejected", code: 550 });
    smtp.state.failNext = 1;
    const later = await channel.send(message("eva@example.com", "<m-4@cascade.example>"));
    expect(later).toMatchObject({ status: "failed", code: 451 });
    const retried = await channel.send(message("eva@example.com", "<m-4@cascade.example>"));
    expect(retried.status).toBe("sent");
  });

  it("sends many messages over the pool's few connections", async () => {
    const before = smtp.received.length;
    const connectionsBefore = smtp.state.connections;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        channel.send(message(`p${i}@example.com`, `<bulk-${i}@cascade.example>`)),
      ),
    );
    expect(outcomes.every((o) => o.status === "sent")).toBe(true);
    expect(smtp.received.length - before).toBe(50);
    // Fifty messages, at most two new connections (the pool's size).
    expect(smtp.state.connections - connectionsBefore).toBeLessThanOrEqual(2);
  });
});
