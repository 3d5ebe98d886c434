import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer } from "../../test/smtp.js";
import { createThreadedSmtpChannel } from "./smtp-threads.js";

describe("SMTP from worker threads", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let channel: ReturnType<typeof createThreadedSmtpChannel>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    channel = createThreadedSmtpChannel({
      url: smtp.url,
      from: "learning@example.com",
      maxConnections: 4,
      threads: 2,
    });
  });
  afterAll(async () => {
    channel.close();
    await smtp.close();
  });

  it("sends through the threads with each message's own Message-ID, and reports refusals", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        channel.send({
          messageId: `<m${i}@example.com>`,
          to: { address: i === 7 ? "nobody@example.com" : `p${i}@example.com`, name: `P ${i}` },
          subject: `Message ${i}`,
          text: `Hello ${i}`,
          html: `<p>Hello ${i}</p>`,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "sent")).toHaveLength(19);
    expect(outcomes[7]).toMatchObject({ status: "rejected", code: 550 });
    expect(smtp.received).toHaveLength(19);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(19);
    const third = smtp.received.find((m) => m.to.includes("p3@example.com"))!;
    expect(third.messageId).toBe("<m3@example.com>");
    expect(third.raw).toContain("Hello 3");
  });
});
