import type { DispatchSettings } from "./dispatch.js";
import { postToWebhook, type ChatFlavor, type ChatMessage } from "./channels/chat-webhook.js";
import { createSmtpChannel, type EmailMessage, type SendOutcome } from "./channels/smtp-channel.js";
import { createThreadedSmtpChannel } from "./channels/smtp-threads.js";

/**
 * How messages leave Cascade: e-mail through SMTP (or, without a mail server, the embedded
 * outbox: the message is kept and shown in the web app), and team-channel posts through chat
 * webhooks.
 */
export interface Transport {
  /** "smtp" or "local". */
  readonly email: "smtp" | "local";
  sendEmail(message: EmailMessage): Promise<SendOutcome>;
  postChat(url: string, flavor: ChatFlavor, message: ChatMessage): Promise<SendOutcome>;
  close(): void;
}

const chat = (url: string, flavor: ChatFlavor, message: ChatMessage): Promise<SendOutcome> =>
  postToWebhook(url, flavor, message, { timeoutMs: 10_000 });

/** E-mail through an SMTP server with a pool of connections. */
export function smtpTransport(settings: {
  url: string;
  from: string;
  maxConnections?: number;
  /** Worker threads that build and send the messages (0: on the calling thread). */
  threads?: number;
}): Transport {
  const smtp = settings.threads
    ? createThreadedSmtpChannel({ ...settings, threads: settings.threads })
    : createSmtpChannel(settings);
  return {
    email: "smtp",
    sendEmail: (message) => smtp.send(message),
    postChat: chat,
    close: () => smtp.close(),
  };
}

/** No mail server: e-mails are kept in the outbox (with their full content) and shown there. */
export function localTransport(): Transport {
  return {
    email: "local",
    sendEmail: () => Promise.resolve({ status: "sent", response: "kept in the local outbox" }),
    postChat: chat,
    close: () => undefined,
  };
}

/** The transport the configuration asks for. */
export function transportFor(config: {
  SMTP_URL?: string | undefined;
  MAIL_FROM: string;
  SMTP_POOL_SIZE: number;
  SMTP_THREADS?: number;
}): Transport {
  return config.SMTP_URL
    ? smtpTransport({
        url: config.SMTP_URL,
        from: config.MAIL_FROM,
        maxConnections: config.SMTP_POOL_SIZE,
        threads: config.SMTP_THREADS ?? 0,
      })
    : localTransport();
}

/** How a process sends messages: the configured transport, opened when first needed. */
export interface Messaging {
  settings(): DispatchSettings;
  /** Closes the transport's connections (a later send opens them again). */
  close(): void;
}

export function messagingFor(config: {
  SMTP_URL?: string | undefined;
  MAIL_FROM: string;
  SMTP_POOL_SIZE: number;
  SMTP_THREADS?: number;
  PUBLIC_URL?: string | undefined;
  PORT: number;
}): Messaging {
  let transport: Transport | undefined;
  const domain = /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? "cascade.local";
  return {
    settings() {
      transport ??= transportFor(config);
      return {
        transport,
        publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
        messageIdDomain: domain,
      };
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
