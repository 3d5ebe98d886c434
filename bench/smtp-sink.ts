import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A local SMTP server for the dispatch benchmark, in its own process so that it does not share
 * the dispatcher's event loop: it accepts every message, counts them and prints its port, then
 * the count when asked (a line "count" on stdin).
 */
let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  maxClients: 100,
  onData(stream, _session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.stdin.on("data", () => process.stdout.write(`${JSON.stringify({ received })}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
