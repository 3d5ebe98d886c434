import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";

/** One e-mail as Cascade sends it: a stable Message-ID, a subject, text and HTML. */
export interface EmailMessage {
  /** Stable for the life of the message, so a resend after a crash is recognisable. */
  messageId: string;
  to: { address: string; name?: string };
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** What became of one send. */
export type SendOutcome =
  | { status: "sent"; response: string }
  /** The server refused for good (5xx): retrying cannot help; the address may be bad. */
  | { status: "rejected"; response: string; code: number | null }
  /** The server or the network failed for now (4xx, connection): retry later. */
  | { status: "failed"; response: string; code: number | null };

export interface SmtpSettings {
  /** `smtp://user:password@host:port` (or `smtps://` for TLS from the start). */
  url: string;
  /** The sender, e.g. `"Cascade" <learning@example.com>`. */
  from: string;
  /** Connections kept open and reused (default 5). */
  maxConnections?: number;
}

/**
 * E-mail through an SMTP server with a pool of reused connections (nodemailer). A refusal is
 * told apart from a temporary failure by its reply code, so the caller can stop retrying and
 * mark the address, or retry with backoff.
 */
export function createSmtpChannel(settings: SmtpSettings) {
  const url = new URL(settings.url);
  const options: SMTPPool.Options = {
    pool: true,
    maxConnections: settings.maxConnections ?? 5,
    maxMessages: Infinity,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
    secure: url.protocol === "smtps:",
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
  const transport = nodemailer.createTransport(options);
  return {
    async send(message: EmailMessage): Promise<SendOutcome> {
      try {
        // The message is built into one buffer first: streamed part by part, it reaches the
        // socket in many small writes, which cost more than everything else in a send.
        const raw = await new Promise<Buffer>((resolve, reject) => {
          new MailComposer({
            messageId: message.messageId,
            from: settings.from,
            to: message.to.name
              ? { name: message.to.name, address: message.to.address }
              : message.to.address,
            subject: message.subject,
            text: message.text,
            html: message.html,
            ...(message.headers ? { headers: message.headers } : {}),
          })
            .compile()
            .build((error, built) => (error ? reject(error) : resolve(built)));
        });
        const info = await transport.sendMail({
          envelope: { from: settings.from, to: [message.to.address] },
          raw,
        });
        if (info.rejected.length > 0)
          return { status: "rejected", response: info.response, code: null };
        return { status: "sent", response: info.response };
      } catch (error) {
        const e = error as { responseCode?: number; response?: string; message?: string };
        const code = typeof e.responseCode === "number" ? e.responseCode : null;
        const response = e.response ?? e.message ?? "unknown SMTP error";
        return code !== null && code >= 500 && code < 600
          ? { status: "rejected", response, code }
          : { status: "failed", response, code };
      }
    },
    close(): void {
      transport.close();
    },
  };
}

export type SmtpChannel = ReturnType<typeof createSmtpChannel>;
