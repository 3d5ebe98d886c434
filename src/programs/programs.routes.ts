import { z } from "zod";
import { authorize } from "../platform/auth/roles.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import {
  createProgram,
  draftVersion,
  getProgram,
  getVersion,
  listPrograms,
  publishVersion,
  updateDraft,
  updateProgram,
} from "./manage-programs.js";
import { moduleInputSchema, programInputSchema, programSchema, versionSchema } from "./program.js";

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Programs and their versions: create, draft, edit a draft's modules, publish. */
export const programsRoutes: RoutesPlugin = (app, { db }) => {
  app.get(
    "/api/v1/programs",
    {
      schema: {
        tags: ["programs"],
        summary: "List programs with their versions",
        response: { 200: z.object({ items: z.array(programSchema) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "programs.read");
      return { items: await listPrograms(db.kysely) };
    },
  );

  app.post(
    "/api/v1/programs",
    {
      schema: {
        tags: ["programs"],
        summary: "Create a program with a first draft version",
        body: programInputSchema.extend({
          modules: z.array(moduleInputSchema).max(200).default([]),
        }),
        response: { 201: programSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "programs.manage");
      const program = await db.kysely
        .transaction()
        .execute((trx) => createProgram(trx, { ...request.body, createdBy: actor.userId }));
      return reply.code(201).send(program);
    },
  );

  app.get(
    "/api/v1/programs/:id",
    {
      schema: {
        tags: ["programs"],
        summary: "One program with its versions",
        params: idParams,
        response: { 200: programSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "programs.read");
      return getProgram(db.kysely, request.params.id);
    },
  );

  app.patch(
    "/api/v1/programs/:id",
    {
      schema: {
        tags: ["programs"],
        summary: "Rename a program or change its description",
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).optional(),
          description: z.string().trim().max(5000).optional(),
        }),
        response: { 200: programSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "programs.manage");
      return db.kysely
        .transaction()
        .execute((trx) => updateProgram(trx, { id: request.params.id, ...request.body }));
    },
  );

  app.post(
    "/api/v1/programs/:id/versions",
    {
      schema: {
        tags: ["programs"],
        summary: "Start a new draft version, copying the modules of another version",
        params: idParams,
        body: z.object({ fromVersionId: z.string().nullish() }).default({}),
        response: { 201: versionSchema },
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "programs.manage");
      const version = await db.kysely.transaction().execute((trx) =>
        draftVersion(trx, {
          programId: request.params.id,
          fromVersionId: request.body.fromVersionId ?? null,
        }),
      );
      return reply.code(201).send(version);
    },
  );

  app.get(
    "/api/v1/program-versions/:id",
    {
      schema: {
        tags: ["programs"],
        summary: "One program version with its modules",
        params: idParams,
        response: { 200: versionSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "programs.read");
      return getVersion(db.kysely, request.params.id);
    },
  );

  app.patch(
    "/api/v1/program-versions/:id",
    {
      schema: {
        tags: ["programs"],
        summary: "Edit a draft version: replace its modules, change its notes",
        params: idParams,
        body: z.object({
          modules: z.array(moduleInputSchema).max(200).optional(),
          notes: z.string().max(5000).optional(),
        }),
        response: { 200: versionSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "programs.manage");
      return db.kysely
        .transaction()
        .execute((trx) => updateDraft(trx, { versionId: request.params.id, ...request.body }));
    },
  );

  app.post(
    "/api/v1/program-versions/:id/publish",
    {
      schema: {
        tags: ["programs"],
        summary: "Publish a draft version; it becomes immutable",
        params: idParams,
        response: { 200: versionSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "programs.manage");
      return db.kysely
        .transaction()
        .execute((trx) =>
          publishVersion(trx, { versionId: request.params.id, by: actor.email ?? actor.name }),
        );
    },
  );
};
