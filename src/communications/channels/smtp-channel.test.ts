import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpChannel, type SmtpChannel } from "./smtp-channel.js";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe("SMTP channel against a real SMTP server", () => {
  const received: Received[] = [];
  let failNext = 0;
  let connections = 0;
  let server: SMTPServer;
  let channel: SmtpChannel;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onConnect(_session, callback) {
        connections++;
        callback();
      },
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith("nobody@"))
          return callback(Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 }));
        if (failNext > 0) {
          failNext--;
          return callback(Object.assign(new Error("4.3.2 Try again later"), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    channel = createSmtpChannel({
      url: `smtp://127.0.0.1:${port}`,
      from: '"Cascade" <learning@example.com>',
      maxConnections: 2,
    });
  });
  afterAll(async () => {
    channel.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
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
    const mail = received.at(-1)!;
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
    const ids = received.map((m) => /^Message-ID: (.*)$/m.exec(m.raw)?.[1]?.trim());
    expect(ids.filter((id) => id === "<m-2@cascade.example>")).toHaveLength(2);
  });

  it("tells a refusal (5xx: stop, mark the address) from a temporary failure (4xx: retry)", async () => {
    const bounced = await channel.send(message("nobody@example.com", "<m-3@cascade.example>"));
    expect(bounced).toMatchObject({ status: "rejected", code: 550 });
    failNext = 1;
    const later = await channel.send(message("eva@example.com", "<m-4@cascade.example>"));
    expect(later).toMatchObject({ status: "failed", code: 451 });
    const retried = await channel.send(message("eva@example.com", "<m-4@cascade.example>"));
    expect(retried.status).toBe("sent");
  });

  it("sends many messages over the pool's few connections", async () => {
    const before = received.length;
    const connectionsBefore = connections;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        channel.send(message(`p${i}@example.com`, `<bulk-${i}@cascade.example>`)),
      ),
    );
    expect(outcomes.every((o) => o.status === "sent")).toBe(true);
    expect(received.length - before).toBe(50);
    // Fifty messages, at most two new connections (the pool's size).
    expect(connections - connectionsBefore).toBeLessThanOrEqual(2);
  });
});
