import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToWebhook } from "./chat-webhook.js";

describe("chat webhooks over real HTTP", () => {
  const posted: { path: string; type: string; body: unknown }[] = [];
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        posted.push({
          path: request.url ?? "",
          type: request.headers["content-type"] ?? "",
          body: JSON.parse(Buffer.concat(chunks).toString()) as unknown,
        });
        const status = Number(/status=(\d+)/.exec(request.url ?? "")?.[1] ?? 200);
        response.writeHead(status).end(status === 200 ? "ok" : "no");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const message = {
    title: "3 of your reports are overdue",
    text: "Code of Conduct 2027 was due on 1 February. <Erik> & Emi have not started.",
    link: { label: "Open your team", url: "https://cascade.example/team" },
  };

  it("posts Slack blocks with escaped text and a button", async () => {
    expect(await postToWebhook(`${base}/slack`, "slack", message)).toMatchObject({
      status: "sent",
    });
    const { type, body } = posted.at(-1)!;
    expect(type).toBe("application/json");
    expect(body).toMatchObject({
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*3 of your reports are overdue*\nCode of Conduct 2027 was due on 1 February. &lt;Erik&gt; &amp; Emi have not started.",
          },
        },
        { type: "actions", elements: [{ type: "button", url: "https://cascade.example/team" }] },
      ],
    });
  });

  it("posts a Teams Adaptive Card", async () => {
    await postToWebhook(`${base}/teams`, "teams", message);
    expect(posted.at(-1)!.body).toMatchObject({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            type: "AdaptiveCard",
            body: [{ text: "3 of your reports are overdue" }, { text: message.text }],
            actions: [{ type: "Action.OpenUrl", url: "https://cascade.example/team" }],
          },
        },
      ],
    });
  });

  it("stops on a gone webhook, retries on throttling, errors and an unreachable host", async () => {
    expect(await postToWebhook(`${base}/x?status=404`, "slack", message)).toMatchObject({
      status: "rejected",
      code: 404,
    });
    expect(await postToWebhook(`${base}/x?status=429`, "slack", message)).toMatchObject({
      status: "failed",
      code: 429,
    });
    expect(await postToWebhook(`${base}/x?status=503`, "teams", message)).toMatchObject({
      status: "failed",
      code: 503,
    });
    expect(
      await postToWebhook("http://127.0.0.1:1/hook", "slack", message, { timeoutMs: 2000 }),
    ).toMatchObject({
      status: "failed",
      code: null,
    });
  });
});
