import { Worker } from "node:worker_threads";
import type { EmailMessage, SendOutcome, SmtpSettings } from "./smtp-channel.js";

/**
 * E-mail through SMTP from worker threads, each with its own pool of connections: the dispatcher
 * claims, renders and records on the main thread while the threads build and send the messages
 * on the other cores. Messages go to the thread with the fewest in flight.
 */
export function createThreadedSmtpChannel(settings: SmtpSettings & { threads: number }) {
  const fromSource = import.meta.url.endsWith(".ts");
  const file = new URL(`./smtp-worker.${fromSource ? "ts" : "js"}`, import.meta.url);
  const perThread = Math.max(1, Math.ceil((settings.maxConnections ?? 5) / settings.threads));
  const pending = new Map<number, (outcome: SendOutcome) => void>();
  let nextId = 1;
  const threads = Array.from({ length: settings.threads }, () => {
    const workerData = { url: settings.url, from: settings.from, maxConnections: perThread };
    // From the sources (development, tests), the thread registers tsx before loading the worker.
    const worker = fromSource
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => {
             register();
             return import(${JSON.stringify(file.href)});
           });`,
          { eval: true, workerData },
        )
      : new Worker(file, { workerData });
    const thread = { worker, inFlight: new Set<number>() };
    worker.on("message", ({ id, outcome }: { id: number; outcome: SendOutcome }) => {
      thread.inFlight.delete(id);
      pending.get(id)?.(outcome);
      pending.delete(id);
    });
    // A thread that dies fails its messages for now: the dispatcher retries them.
    worker.on("error", (error) => {
      for (const id of thread.inFlight) {
        pending.get(id)?.({ status: "failed", response: error.message, code: null });
        pending.delete(id);
      }
      thread.inFlight.clear();
    });
    worker.unref();
    return thread;
  });
  return {
    send(message: EmailMessage): Promise<SendOutcome> {
      const id = nextId++;
      const thread = threads.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
      thread.inFlight.add(id);
      return new Promise((resolve) => {
        pending.set(id, resolve);
        thread.worker.postMessage({ id, message });
      });
    },
    close(): void {
      for (const { worker } of threads) worker.postMessage({ close: true });
    },
  };
}
