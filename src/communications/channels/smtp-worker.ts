import { parentPort, workerData } from "node:worker_threads";
import { createSmtpChannel, type EmailMessage, type SmtpSettings } from "./smtp-channel.js";

/**
 * A thread that sends e-mail for the dispatcher (see smtp-threads.ts): building MIME messages and
 * talking SMTP cost far more CPU than the rest of a send, so they run beside the main thread.
 * Outcomes carry reply codes and texts, not stacks: capturing a stack for each of nodemailer's
 * internal stream aborts would cost more than the send itself.
 */
Error.stackTraceLimit = 0;
const channel = createSmtpChannel(workerData as SmtpSettings);
const port = parentPort;
if (!port) throw new Error("smtp-worker.ts runs as a worker thread");
port.on("message", (request: { id: number; message: EmailMessage } | { close: true }) => {
  if ("close" in request) {
    channel.close();
    port.close();
    return;
  }
  void channel.send(request.message).then((outcome) => {
    port.postMessage({ id: request.id, outcome });
  });
});
