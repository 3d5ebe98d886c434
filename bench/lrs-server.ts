import type { AddressInfo } from "node:net";
import { createCascade, openDatabase } from "../src/cascade.js";
import { loadConfig } from "../src/config.js";

/**
 * The LRS benchmark's server: the whole platform on the given database, in a process of its own
 * so that the load generator does not share its event loop. Prints its port, stops on SIGTERM.
 */
const url = process.argv[2];
if (!url) throw new Error("usage: lrs-server.ts <database url>");
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", WORKER_IN_PROCESS: "false" });
const db = await openDatabase(config);
const cascade = await createCascade({ config, db, withWorker: false });
await cascade.app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(
  `${JSON.stringify({ port: (cascade.app.server.address() as AddressInfo).port })}\n`,
);
process.on("SIGTERM", () => {
  void cascade.close().then(() => process.exit(0));
});
