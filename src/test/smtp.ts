import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as an SMTP server received it. */
export interface ReceivedMail {
  /** The envelope's sender. */
  from: string;
  to: string[];
  raw: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string | null;
  subject: string | null;
}

function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(unfolded);
  return match?.[1]?.trim() ?? null;
}

/**
 * A real SMTP server in the test process (smtp-server): it keeps what it receives, refuses
 * addresses starting with "nobody@" (550) and can fail the next N recipients, or given
 * addresses once, for now (451).
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const state = { failNext: 0, failOnce: new Set<string>(), connections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      state.connections++;
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@"))
        return callback(Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 }));
      if (state.failNext > 0 || state.failOnce.delete(address.address)) {
        if (state.failNext > 0) state.failNext--;
        return callback(Object.assign(new Error("4.3.2 Try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: header(raw, "Message-ID"),
          subject: header(raw, "Subject"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
