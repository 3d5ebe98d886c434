import type { SendOutcome } from "./smtp-channel.js";

/** The two shapes of incoming webhook Cascade posts to. */
export type ChatFlavor = "slack" | "teams";

export interface ChatMessage {
  title: string;
  text: string;
  /** A button to the launch page, the team view… */
  link?: { label: string; url: string };
}

/** Slack's mrkdwn treats &, < and > as markup. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The JSON body for an incoming webhook: Slack blocks, or a Teams Adaptive Card message. */
export function chatPayload(flavor: ChatFlavor, message: ChatMessage): unknown {
  if (flavor === "slack") {
    return {
      text: `${message.title}: ${message.text}`,
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: `*${slackEscape(message.title)}*\n${slackEscape(message.text)}`,
          },
        },
        ...(message.link
          ? [
              {
                type: "actions",
                elements: [
                  {
                    type: "button",
                    text: { type: "plain_text", text: message.link.label },
                    url: message.link.url,
                  },
                ],
              },
            ]
          : []),
      ],
    };
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: message.title,
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            { type: "TextBlock", text: message.text, wrap: true },
          ],
          actions: message.link
            ? [{ type: "Action.OpenUrl", title: message.link.label, url: message.link.url }]
            : [],
        },
      },
    ],
  };
}

/**
 * Posts a message to a chat channel's incoming webhook. A 4xx answer (but 429) means the
 * webhook is wrong or gone: stop and show it; 429, 5xx, a timeout or a network error: retry.
 */
export async function postToWebhook(
  url: string,
  flavor: ChatFlavor,
  message: ChatMessage,
  options: { timeoutMs?: number } = {},
): Promise<SendOutcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chatPayload(flavor, message)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const body = (await response.text()).slice(0, 500);
    if (response.ok) return { status: "sent", response: body || String(response.status) };
    const code = response.status;
    return code >= 400 && code < 500 && code !== 429
      ? { status: "rejected", response: body, code }
      : { status: "failed", response: body, code };
  } catch (error) {
    return {
      status: "failed",
      response: error instanceof Error ? error.message : String(error),
      code: null,
    };
  }
}
