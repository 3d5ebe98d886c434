import { sql } from "kysely";
import { z } from "zod";
import { pendingMigrations } from "../database/migrate.js";
import type { RoutesPlugin } from "./context.js";

/** `GET /healthz`: the process is up. `GET /readyz`: the database answers and the schema is current. */
export const healthRoutes: RoutesPlugin = (app, { db }) => {
  app.get(
    "/healthz",
    { schema: { hide: true, response: { 200: z.object({ status: z.literal("ok") }) } } },
    () => ({ status: "ok" as const }),
  );
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db.kysely);
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        return reply
          .status(503)
          .send({ status: "not_ready", reason: `pending migrations: ${pending.join(", ")}` });
      }
      return { status: "ready", database: db.dialect };
    } catch (error) {
      return reply
        .status(503)
        .send({ status: "not_ready", reason: `database unreachable: ${String(error)}` });
    }
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
};
