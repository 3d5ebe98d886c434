import { z } from "zod";
import { authorize, peopleScopeOf } from "../platform/auth/roles.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import {
  audienceChangeSchema,
  audienceInputSchema,
  audiencePreviewSchema,
  audienceSchema,
} from "./audience.js";
import {
  countAudienceMembers,
  listAudienceChanges,
  listAudienceMembers,
} from "./audiences.repository.js";
import {
  createAudience,
  getAudience,
  listAudiences,
  previewAudience,
  updateAudience,
} from "./manage-audiences.js";
import { ruleFields } from "./rule/parse-rule.js";

const idParams = z.object({ id: z.string().min(1).max(100) });
const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  division: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  jobTitle: z.string().nullable(),
});

/** Audiences: rules over people, previewed while typed, resolved to members with a change log. */
export const audiencesRoutes: RoutesPlugin = (app, { db }) => {
  app.get(
    "/api/v1/audiences",
    {
      schema: {
        tags: ["audiences"],
        summary: "List audiences",
        response: { 200: z.object({ items: z.array(audienceSchema) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "audiences.read");
      return { items: await listAudiences(db.kysely) };
    },
  );

  app.get(
    "/api/v1/audiences/fields",
    {
      schema: {
        tags: ["audiences"],
        summary: "The fields a rule can use, for help and completion",
        response: {
          200: z.object({
            items: z.array(
              z.object({ name: z.string(), type: z.string(), description: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "audiences.read");
      return Promise.resolve({
        items: ruleFields.map((f) => ({ name: f.name, type: f.type, description: f.description })),
      });
    },
  );

  app.post(
    "/api/v1/audiences/preview",
    {
      schema: {
        tags: ["audiences"],
        summary: "Who a rule selects now: count, by division and region, a sample",
        description:
          "A rule with a mistake is refused with 422; `details` holds its `line`, `column` and `offset`.",
        body: z.object({
          rule: z.string().min(1).max(10_000),
          sampleSize: z.number().int().min(0).max(100).default(20),
        }),
        response: { 200: audiencePreviewSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "audiences.read");
      return previewAudience(db.kysely, { ...request.body, scope: peopleScopeOf(actor) });
    },
  );

  app.post(
    "/api/v1/audiences",
    {
      schema: {
        tags: ["audiences"],
        summary: "Create an audience and resolve its members",
        body: audienceInputSchema,
        response: { 201: audienceSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "audiences.manage");
      const audience = await db.kysely
        .transaction()
        .execute((trx) => createAudience(trx, { ...request.body, createdBy: actor.userId }));
      return reply.code(201).send(audience);
    },
  );

  app.get(
    "/api/v1/audiences/:id",
    {
      schema: {
        tags: ["audiences"],
        summary: "One audience",
        params: idParams,
        response: { 200: audienceSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "audiences.read");
      return getAudience(db.kysely, request.params.id);
    },
  );

  app.patch(
    "/api/v1/audiences/:id",
    {
      schema: {
        tags: ["audiences"],
        summary: "Rename an audience or change its rule (re-resolves it and logs joins and leaves)",
        params: idParams,
        body: audienceChangeSchema,
        response: { 200: audienceSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "audiences.manage");
      return db.kysely.transaction().execute((trx) =>
        updateAudience(trx, {
          id: request.params.id,
          ...request.body,
          by: actor.email ?? actor.name,
        }),
      );
    },
  );

  app.get(
    "/api/v1/audiences/:id/members",
    {
      schema: {
        tags: ["audiences"],
        summary: "Members of an audience you may see, by name",
        params: idParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(memberSchema),
            page: z.number(),
            total: z.number().describe("Members you may see"),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "audiences.read");
      await getAudience(db.kysely, request.params.id);
      const { page, pageSize } = request.query;
      const scope = peopleScopeOf(actor);
      const rows = await listAudienceMembers(db.kysely, {
        audienceId: request.params.id,
        scope,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return {
        page,
        total: await countAudienceMembers(db.kysely, request.params.id, scope),
        items: rows.map((p) => ({
          id: p.external_id,
          name: p.name,
          division: p.division,
          region: p.region,
          country: p.country,
          jobTitle: p.job_title,
        })),
      };
    },
  );

  app.get(
    "/api/v1/audiences/:id/changes",
    {
      schema: {
        tags: ["audiences"],
        summary: "Who joined and left the audience, and why, newest first",
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                personId: z.string(),
                name: z.string(),
                change: z.enum(["joined", "left"]),
                cause: z.string(),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "audiences.read");
      await getAudience(db.kysely, request.params.id);
      const rows = await listAudienceChanges(db.kysely, {
        audienceId: request.params.id,
        scope: peopleScopeOf(actor),
        limit: request.query.limit,
      });
      return {
        items: rows.map((r) => ({
          personId: r.external_id,
          name: r.name,
          change: r.change as "joined" | "left",
          cause: r.cause,
          at: r.at,
        })),
      };
    },
  );
};
