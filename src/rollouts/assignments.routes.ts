import { randomUUID } from "node:crypto";
import { z } from "zod";
import { authorize, peopleScopeOf, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import { AppError } from "../platform/errors.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import {
  assignmentStatuses,
  findAssignment,
  listAssignmentChanges,
  listAssignments,
  listExceptionPeople,
  listExceptionRows,
} from "./assignments.repository.js";
import { localDateSchema } from "./deadline.js";
import { grantException } from "./grant-exception.js";
import { recordProgress } from "./record-progress.js";
import {
  deleteBlackout,
  findBlackoutRow,
  insertBlackout,
  listBlackoutRows,
} from "./rollouts.repository.js";

const text = z.string().trim().min(1).max(200);

const assignmentSchema = z.object({
  id: z.number(),
  rolloutId: z.string(),
  waveId: z.string(),
  programVersionId: z.string(),
  enrollmentMode: z.string(),
  status: z.enum(assignmentStatuses),
  dueAt: z.string().nullable(),
  timeZone: z.string(),
  feasibility: z.string(),
  assignedAt: z.string(),
  assignedCause: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  score: z.number().nullable(),
  completionSource: z.string().nullable(),
  closedAt: z.string().nullable(),
  person: z.object({
    id: z.string(),
    name: z.string(),
    division: z.string().nullable(),
    region: z.string().nullable(),
    country: z.string().nullable(),
    managerId: z.string().nullable(),
  }),
});

type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignment>>>;

function presentAssignment(r: AssignmentRow): z.infer<typeof assignmentSchema> {
  return {
    id: Number(r.id),
    rolloutId: r.rollout_id,
    waveId: r.wave_id,
    programVersionId: r.program_version_id,
    enrollmentMode: r.enrollment_mode,
    status: r.status as (typeof assignmentStatuses)[number],
    dueAt: r.due_at,
    timeZone: r.time_zone,
    feasibility: r.feasibility,
    assignedAt: r.assigned_at,
    assignedCause: r.assigned_cause,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    score: r.score === null ? null : Number(r.score),
    completionSource: r.completion_source,
    closedAt: r.closed_at,
    person: {
      id: r.external_id,
      name: r.name,
      division: r.division,
      region: r.region,
      country: r.country,
      managerId: r.manager_external_id,
    },
  };
}

const exceptionSchema = z.object({
  id: z.string(),
  rolloutId: z.string(),
  rolloutName: z.string(),
  kind: z.enum(["extension", "exemption"]),
  reason: z.string(),
  approvedBy: z.string(),
  requestedBy: z.string().nullable(),
  newDueDate: z.string().nullable(),
  expiresOn: z.string().nullable(),
  assignmentCount: z.number().describe("Assignments it covers among the people you may see"),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lapsedAt: z.string().nullable(),
  people: z.array(z.object({ id: z.string(), name: z.string() })).describe("First 50 you may see"),
});

const blackoutSchema = z.object({
  id: z.string(),
  division: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

/** Regional leads keep the blackout periods of their own divisions only. */
function checkDivisionScope(actor: Actor, division: string): void {
  if (actor.role !== "regional_lead") return;
  if (!actor.scope.divisions.includes(division))
    throw new AppError("forbidden", `Your scope does not include the division ${division}.`);
}

/** Assignments (listed within the caller's scope), hand-recorded progress, exceptions, blackouts. */
export const assignmentsRoutes: RoutesPlugin = (app, { db }) => {
  app.get(
    "/api/v1/assignments",
    {
      schema: {
        tags: ["assignments"],
        summary: "Assignments of people you may see, filtered and paged",
        querystring: z.object({
          rolloutId: text.optional(),
          waveId: text.optional(),
          status: z
            .enum([...assignmentStatuses, "open"])
            .optional()
            .describe("A status, or open: assigned, notified, started or overdue"),
          feasibility: z.enum(["ok", "assigned_anyway", "extended", "flagged"]).optional(),
          region: text.optional(),
          division: text.optional(),
          country: text.optional(),
          personId: text.optional(),
          q: text.optional().describe("Start of a name or family name, or an exact external id"),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(assignmentSchema),
            total: z.number().describe("Matches, counted up to 100,000"),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "assignments.read");
      const { page, pageSize, personId, ...filter } = request.query;
      const result = await listAssignments(db.kysely, {
        scope: peopleScopeOf(actor),
        filter: { ...filter, personExternalId: personId },
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return { items: result.items.map(presentAssignment), total: result.total, page, pageSize };
    },
  );

  app.get(
    "/api/v1/assignments/:id",
    {
      schema: {
        tags: ["assignments"],
        summary: "One assignment with every change of status and its cause",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          200: assignmentSchema.extend({
            changes: z.array(
              z.object({
                from: z.string(),
                to: z.string(),
                cause: z.string(),
                actor: z.string(),
                details: z.record(z.string(), z.unknown()),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "assignments.read");
      const row = await findAssignment(db.kysely, request.params.id, peopleScopeOf(actor));
      if (!row)
        throw new AppError("not_found", `No assignment ${request.params.id} that you may see.`);
      const changes = await listAssignmentChanges(db.kysely, Number(row.id));
      return {
        ...presentAssignment(row),
        changes: changes.map((c) => ({
          from: c.from_status,
          to: c.to_status,
          cause: c.cause,
          actor: c.actor,
          details: JSON.parse(c.details) as Record<string, unknown>,
          at: c.at,
        })),
      };
    },
  );

  app.post(
    "/api/v1/assignments/:id/progress",
    {
      schema: {
        tags: ["assignments"],
        summary: "Record progress by hand: started, or completed with a score",
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({
          status: z.enum(["started", "completed"]),
          score: z.number().min(0).max(100).nullish(),
          note: z.string().trim().max(1000).default(""),
        }),
        response: { 200: assignmentSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.manage");
      const scope = peopleScopeOf(actor);
      return db.kysely.transaction().execute(async (trx) => {
        const row = await findAssignment(trx, request.params.id, scope);
        if (!row)
          throw new AppError("not_found", `No assignment ${request.params.id} that you may see.`);
        await recordProgress(trx, {
          assignment: { id: Number(row.id), status: row.status, startedAt: row.started_at },
          status: request.body.status,
          score: request.body.score ?? null,
          note: request.body.note,
          actor,
        });
        return presentAssignment((await findAssignment(trx, Number(row.id), scope))!);
      });
    },
  );

  app.post(
    "/api/v1/rollouts/:id/exceptions",
    {
      schema: {
        tags: ["exceptions"],
        summary: "Grant an extension or exemption to a person or a group",
        params: z.object({ id: text }),
        body: z
          .object({
            kind: z.enum(["extension", "exemption"]),
            personIds: z.array(text).max(10_000).default([]),
            assignmentIds: z.array(z.number().int().positive()).max(10_000).default([]),
            reason: z.string().trim().min(3).max(2000),
            approvedBy: text,
            requestedBy: text.nullish(),
            newDueDate: localDateSchema.nullish(),
            expiresOn: localDateSchema.nullish(),
          })
          .refine((b) => b.personIds.length + b.assignmentIds.length > 0, {
            message: "Name at least one person (personIds) or assignment (assignmentIds)",
            path: ["personIds"],
          }),
        response: { 201: z.object({ id: z.string(), assignments: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "exceptions.manage");
      const result = await db.kysely.transaction().execute((trx) =>
        grantException(trx, {
          request: { rolloutId: request.params.id, ...request.body },
          actor,
        }),
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    "/api/v1/exceptions",
    {
      schema: {
        tags: ["exceptions"],
        summary: "The exception log: extensions and exemptions, newest first",
        querystring: z.object({
          rolloutId: text.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(exceptionSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "assignments.read");
      const scope = peopleScopeOf(actor);
      const rows = await listExceptionRows(db.kysely, {
        rolloutId: request.query.rolloutId ?? null,
        scope,
        limit: request.query.limit,
      });
      const people = await listExceptionPeople(
        db.kysely,
        rows.map((r) => r.id),
        scope,
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          rolloutId: r.rollout_id,
          rolloutName: r.rollout_name,
          kind: r.kind as "extension" | "exemption",
          reason: r.reason,
          approvedBy: r.approved_by,
          requestedBy: r.requested_by,
          newDueDate: r.new_due_at,
          expiresOn: r.expires_on,
          assignmentCount: Number(r.visible_count ?? 0),
          createdBy: r.created_by,
          createdAt: r.created_at,
          lapsedAt: r.lapsed_at,
          people: people
            .filter((p) => p.exception_id === r.id)
            .slice(0, 50)
            .map((p) => ({ id: p.external_id, name: p.name })),
        })),
      };
    },
  );

  app.get(
    "/api/v1/blackouts",
    {
      schema: {
        tags: ["blackouts"],
        summary: "Blackout periods: no launch and no deadline inside them for the division",
        response: { 200: z.object({ items: z.array(blackoutSchema) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      const rows = await listBlackoutRows(db.kysely);
      return {
        items: rows.map((r) => ({
          id: r.id,
          division: r.division,
          startsOn: r.starts_on,
          endsOn: r.ends_on,
          reason: r.reason,
          createdBy: r.created_by,
          createdAt: r.created_at,
        })),
      };
    },
  );

  app.post(
    "/api/v1/blackouts",
    {
      schema: {
        tags: ["blackouts"],
        summary: "Add a blackout period for a division",
        body: z
          .object({
            division: text,
            startsOn: localDateSchema,
            endsOn: localDateSchema,
            reason: z.string().trim().min(3).max(1000),
          })
          .refine((b) => b.startsOn <= b.endsOn, {
            message: "The period ends before it starts",
            path: ["endsOn"],
          }),
        response: { 201: blackoutSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "blackouts.manage");
      checkDivisionScope(actor, request.body.division);
      const row = {
        id: randomUUID(),
        division: request.body.division,
        starts_on: request.body.startsOn,
        ends_on: request.body.endsOn,
        reason: request.body.reason,
        created_by: actor.email ?? actor.name,
        created_at: clock.nowIso(),
      };
      await insertBlackout(db.kysely, row);
      return reply.code(201).send({
        id: row.id,
        division: row.division,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        reason: row.reason,
        createdBy: row.created_by,
        createdAt: row.created_at,
      });
    },
  );

  app.delete(
    "/api/v1/blackouts/:id",
    {
      schema: {
        tags: ["blackouts"],
        summary: "Remove a blackout period",
        params: z.object({ id: text }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "blackouts.manage");
      const row = await findBlackoutRow(db.kysely, request.params.id);
      if (!row)
        throw new AppError("not_found", `No blackout period has the id ${request.params.id}.`);
      checkDivisionScope(actor, row.division);
      await deleteBlackout(db.kysely, row.id);
      return reply.code(204).send(null);
    },
  );
};
