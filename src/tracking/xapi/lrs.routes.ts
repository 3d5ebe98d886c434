import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Config } from "../../config.js";
import { authorize } from "../../platform/auth/roles.js";
import { AppError } from "../../platform/errors.js";
import { requireActor } from "../../platform/http/authenticate.js";
import type { RoutesPlugin } from "../../platform/http/context.js";
import {
  createLrsClient,
  listLrsClients,
  lrsAccess,
  newLrsClientSchema,
  revokeLrsClient,
} from "./lrs-clients.js";
import { matchWaitingActors } from "./match-actors.js";
import {
  listStatementSummaries,
  lrsOverview,
  listUnmatchedActors,
  statementDetail,
} from "./lrs-admin.repository.js";

const clientSchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string(),
  access: z.enum(lrsAccess),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const statementSummarySchema = z.object({
  id: z.string(),
  seq: z.number(),
  stored: z.string(),
  timestamp: z.string().nullable(),
  actor: z.object({ key: z.string(), name: z.string().nullable(), identifier: z.string() }),
  person: z.object({ externalId: z.string(), name: z.string() }).nullable(),
  verb: z.object({ id: z.string(), display: z.string() }),
  object: z.object({ id: z.string(), kind: z.string(), name: z.string().nullable() }),
  result: z
    .object({
      scaled: z.number().nullable(),
      success: z.boolean().nullable(),
      completion: z.boolean().nullable(),
    })
    .nullable(),
  client: z.string(),
  voided: z.boolean(),
});

/** Where LMSes send statements: PUBLIC_URL, else the address this request came to. */
export function lrsEndpointOf(config: Config, request: FastifyRequest): string {
  const base = config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/$/, "")}/xapi/`;
}

/** The LRS as operators see it: clients, recent statements, unmatched actors. */
export const lrsAdminRoutes: RoutesPlugin = (app, { db, config }) => {
  app.get(
    "/api/v1/lrs/overview",
    {
      schema: {
        tags: ["lrs"],
        summary: "The LRS endpoint and its figures",
        response: {
          200: z.object({
            endpoint: z.string(),
            versions: z.array(z.string()),
            statementsReceived: z.number(),
            statementsLast24h: z.number(),
            matchedShare: z
              .number()
              .nullable()
              .describe(
                "Share of the last 24 h's statements (the latest 10,000 of them) whose actor is a person in the directory",
              ),
            unmatchedActors: z.number(),
            activeClients: z.number(),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.read");
      return { endpoint: lrsEndpointOf(config, request), ...(await lrsOverview(db.kysely)) };
    },
  );

  app.get(
    "/api/v1/lrs/clients",
    {
      schema: {
        tags: ["lrs"],
        summary: "LRS clients (their secrets are never shown again)",
        response: { 200: z.object({ items: z.array(clientSchema) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.read");
      return { items: await listLrsClients(db.kysely) };
    },
  );

  app.post(
    "/api/v1/lrs/clients",
    {
      schema: {
        tags: ["lrs"],
        summary: "Issue HTTP Basic credentials for an LMS or content package",
        body: newLrsClientSchema,
        response: {
          201: z.object({
            client: clientSchema,
            secret: z.string(),
            endpoint: z.string(),
            authorization: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "lrs.manage");
      const { client, secret } = await createLrsClient(
        db.kysely,
        request.body,
        actor.email ?? actor.name,
      );
      return reply.code(201).send({
        client,
        secret,
        endpoint: lrsEndpointOf(config, request),
        authorization: `Basic ${Buffer.from(`${client.key}:${secret}`).toString("base64")}`,
      });
    },
  );

  app.post(
    "/api/v1/lrs/clients/:id/revoke",
    {
      schema: {
        tags: ["lrs"],
        summary: "Revoke an LRS client's credentials",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: clientSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.manage");
      return revokeLrsClient(db.kysely, request.params.id);
    },
  );

  app.get(
    "/api/v1/lrs/statements",
    {
      schema: {
        tags: ["lrs"],
        summary: "Recent statements, newest first, with filters",
        querystring: z.object({
          actor: z.string().max(500).optional().describe("E-mail, external id or actor key"),
          verb: z.string().max(2000).optional(),
          activity: z.string().max(2000).optional(),
          clientId: z.string().max(100).optional(),
          matched: z.enum(["true", "false"]).optional(),
          before: z.coerce.number().int().positive().optional().describe("Continue below this seq"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(statementSummarySchema),
            nextBefore: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.read");
      return listStatementSummaries(db.kysely, request.query);
    },
  );

  app.get(
    "/api/v1/lrs/statements/:id",
    {
      schema: {
        tags: ["lrs"],
        summary: "One stored statement and the progress it recorded",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: {
          200: z.object({
            summary: statementSummarySchema,
            statement: z.record(z.string(), z.unknown()),
            progress: z.array(
              z.object({
                assignmentId: z.number(),
                module: z.string(),
                outcome: z.string(),
                score: z.number().nullable(),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.read");
      const detail = await statementDetail(db.kysely, request.params.id.toLowerCase());
      if (!detail) throw new AppError("not_found", `There is no statement ${request.params.id}.`);
      return detail;
    },
  );

  app.get(
    "/api/v1/lrs/unmatched-actors",
    {
      schema: {
        tags: ["lrs"],
        summary: "Actors of stored statements who are not (yet) people in the directory",
        querystring: z.object({
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                actorKey: z.string(),
                name: z.string().nullable(),
                identifier: z.string(),
                statementCount: z.number(),
                firstSeen: z.string(),
                lastSeen: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.read");
      return listUnmatchedActors(db.kysely, request.query);
    },
  );

  app.post(
    "/api/v1/lrs/unmatched-actors/match",
    {
      schema: {
        tags: ["lrs"],
        summary: "Look for unmatched actors in the directory again and apply their records",
        response: { 200: z.object({ matched: z.number(), statements: z.number() }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "lrs.manage");
      return matchWaitingActors(db.kysely, config.XAPI_ACCOUNT_HOME_PAGES);
    },
  );
};
