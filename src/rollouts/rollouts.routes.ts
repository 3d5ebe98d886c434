import { z } from "zod";
import { authorize, peopleScopeOf } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import { AppError } from "../platform/errors.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import { changeWaveStatus } from "./change-wave-status.js";
import { localDateSchema } from "./deadline.js";
import { decideGate } from "./decide-gate.js";
import { evaluateGate, measurePhase } from "./evaluate-gate.js";
import { gateCriterionSchema, gateDecisions, knownMetrics, measuredMetrics } from "./gate.js";
import { launchWave, previewWaveLaunch } from "./launch-wave.js";
import {
  addWave,
  createRollout,
  deleteWave,
  getRollout,
  listRollouts,
  updatePhase,
  updateRollout,
  updateWave,
} from "./manage-rollouts.js";
import {
  feasibilityChoices,
  rolloutChangeSchema,
  rolloutInputSchema,
  rolloutSchema,
  waveChangeSchema,
  waveInputSchema,
  type Rollout,
} from "./rollout.js";
import {
  findPhaseRow,
  findWaveRow,
  insertMetricValue,
  listGateDecisions,
  listGateEvaluations,
  listPhaseRows,
  listWaveEvents,
} from "./rollouts.repository.js";
import { syncWaveAssignments } from "./sync-wave-assignments.js";

const idParams = z.object({ id: z.string().min(1).max(100) });
const reasonBody = z.object({ reason: z.string().trim().min(3).max(2000) });

const launchPreviewSchema = z.object({
  waveId: z.string(),
  status: z.string(),
  gate: z.object({
    required: z.boolean(),
    open: z.boolean(),
    latestDecision: z.string().nullable(),
  }),
  totals: z.object({
    members: z.number(),
    toAssign: z.number(),
    flagged: z.number().describe("Members whose due date leaves too little time"),
    deferred: z.number().describe("Members whose division is in a blackout period"),
    movedByBlackout: z.number(),
  }),
  deferred: z.array(z.object({ division: z.string(), count: z.number(), until: z.string() })),
  flaggedGroups: z.array(
    z.object({
      timeZone: z.string(),
      region: z.string(),
      division: z.string(),
      count: z.number(),
      dueDate: z.string(),
      availableDays: z.number(),
      requiredDays: z.number(),
      realisticDate: z.string(),
    }),
  ),
  earliestDue: z.string().nullable(),
  latestDue: z.string().nullable(),
  startsOn: z.string().describe("Local date deadlines count from (today when the launch is late)"),
});

const criterionResultSchema = gateCriterionSchema.extend({
  value: z.number().nullable(),
  met: z.boolean(),
});
const evaluationSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  results: z.array(criterionResultSchema),
  trigger: z.string(),
  at: z.string(),
});
const decisionSchema = z.object({
  id: z.string(),
  decidedBy: z.string().nullable().describe("Who recorded it (the approvers are listed apart)"),
  decision: z.enum(gateDecisions),
  reason: z.string(),
  approvers: z.array(z.string()),
  evaluationId: z.string().nullable(),
  extendUntil: z.string().nullable(),
  decidedAt: z.string(),
});

function findWave(rollout: Rollout, waveId: string) {
  for (const phase of rollout.phases) {
    const wave = phase.waves.find((w) => w.id === waveId);
    if (wave) return { phase, wave };
  }
  throw new AppError("not_found", `No wave has the id ${waveId}.`);
}

/** Rollouts: phases, waves, launch, pause/resume/rollback, gates and their decisions. */
export const rolloutsRoutes: RoutesPlugin = (app, { db, registry, worker }) => {
  app.get(
    "/api/v1/rollouts",
    {
      schema: {
        tags: ["rollouts"],
        summary: "List rollouts with phases and waves",
        response: { 200: z.object({ items: z.array(rolloutSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.read");
      return { items: await listRollouts(db.kysely, peopleScopeOf(actor)) };
    },
  );

  app.post(
    "/api/v1/rollouts",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Create a rollout of a published program version, with its phases",
        body: rolloutInputSchema,
        response: { 201: rolloutSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.manage");
      const rollout = await db.kysely
        .transaction()
        .execute((trx) => createRollout(trx, { ...request.body, createdBy: actor.userId }));
      return reply.code(201).send(rollout);
    },
  );

  app.get(
    "/api/v1/rollouts/:id",
    {
      schema: {
        tags: ["rollouts"],
        summary: "One rollout with phases, waves, assignment counts and gate states",
        params: idParams,
        response: { 200: rolloutSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.read");
      return getRollout(db.kysely, request.params.id, peopleScopeOf(actor));
    },
  );

  app.patch(
    "/api/v1/rollouts/:id",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Rename a rollout, change its description, audience or daily learning time",
        params: idParams,
        body: rolloutChangeSchema,
        response: { 200: rolloutSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      return db.kysely
        .transaction()
        .execute((trx) => updateRollout(trx, request.params.id, request.body));
    },
  );

  app.delete(
    "/api/v1/waves/:id",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Delete a wave that was never launched",
        params: idParams,
        response: { 200: rolloutSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      return db.kysely.transaction().execute((trx) => deleteWave(trx, request.params.id));
    },
  );

  app.post(
    "/api/v1/rollouts/:id/waves",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Add a planned wave to a phase",
        params: idParams,
        body: waveInputSchema,
        response: { 201: rolloutSchema },
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "rollouts.manage");
      const rollout = await db.kysely
        .transaction()
        .execute((trx) => addWave(trx, request.params.id, request.body));
      return reply.code(201).send(rollout);
    },
  );

  app.patch(
    "/api/v1/phases/:id",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Rename a phase or change the criteria of the gate into it",
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).optional(),
          gateCriteria: z.array(gateCriterionSchema).max(20).optional(),
        }),
        response: { 200: rolloutSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      return db.kysely
        .transaction()
        .execute((trx) => updatePhase(trx, request.params.id, request.body));
    },
  );

  app.get(
    "/api/v1/waves/:id",
    {
      schema: {
        tags: ["rollouts"],
        summary: "One wave with its rollout, phase and history of launches, pauses and syncs",
        params: idParams,
        response: {
          200: z.object({
            rollout: rolloutSchema,
            phaseId: z.string(),
            events: z.array(
              z.object({
                kind: z.string(),
                actor: z.string(),
                reason: z.string().nullable(),
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
      authorize(actor, "rollouts.read");
      const wave = await findWaveRow(db.kysely, request.params.id);
      if (!wave) throw new AppError("not_found", `No wave has the id ${request.params.id}.`);
      const rollout = await getRollout(db.kysely, wave.rollout_id, peopleScopeOf(actor));
      const events = await listWaveEvents(db.kysely, wave.id);
      return {
        rollout,
        phaseId: findWave(rollout, wave.id).phase.id,
        events: events.map((e) => ({
          ...e,
          details: JSON.parse(e.details) as Record<string, unknown>,
        })),
      };
    },
  );

  app.patch(
    "/api/v1/waves/:id",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Change a planned wave",
        params: idParams,
        body: waveChangeSchema,
        response: { 200: rolloutSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      return db.kysely
        .transaction()
        .execute((trx) => updateWave(trx, request.params.id, request.body));
    },
  );

  app.get(
    "/api/v1/waves/:id/launch-preview",
    {
      schema: {
        tags: ["rollouts"],
        summary: "What launching the wave would do: members, due dates, flags, deferrals, gate",
        params: idParams,
        response: { 200: launchPreviewSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return previewWaveLaunch(db.kysely, request.params.id);
    },
  );

  app.post(
    "/api/v1/waves/:id/launch",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Launch a wave: one assignment per member, idempotently",
        description:
          "Refused with 409 when the phase's gate has not said go (an admin may pass `override` with a reason) or when some due dates leave too little time and `feasibility` is not given.",
        params: idParams,
        body: z
          .object({
            feasibility: z.enum(feasibilityChoices).optional(),
            override: reasonBody.optional(),
          })
          .default({}),
        response: {
          200: launchPreviewSchema.extend({ created: z.number(), alreadyLaunched: z.boolean() }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.launch");
      const result = await db.kysely.transaction().execute((trx) =>
        launchWave(trx, {
          waveId: request.params.id,
          actor,
          registry,
          feasibility: request.body.feasibility,
          override: request.body.override,
        }),
      );
      worker?.nudge();
      return result;
    },
  );

  for (const action of ["pause", "resume", "rollback"] as const) {
    app.post(
      `/api/v1/waves/:id/${action}`,
      {
        schema: {
          tags: ["rollouts"],
          summary: {
            pause: "Pause a launched wave",
            resume: "Resume a paused wave (it catches up with the directory)",
            rollback: "Roll a wave back: withdraw its open assignments, keep every record",
          }[action],
          params: idParams,
          body: reasonBody,
          response: { 200: z.object({ status: z.string(), withdrawn: z.number() }) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        authorize(actor, "rollouts.launch");
        return db.kysely.transaction().execute((trx) =>
          changeWaveStatus(trx, {
            waveId: request.params.id,
            action,
            actor,
            reason: request.body.reason,
          }),
        );
      },
    );
  }

  app.post(
    "/api/v1/waves/:id/sync",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Bring a live wave's assignments in line with the directory now",
        params: idParams,
        response: {
          200: z.object({
            leavers: z.number(),
            movedOut: z.number(),
            joined: z.number(),
            returned: z.number().describe("Withdrawn assignments reopened for people back in"),
            deferred: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "rollouts.launch");
      const r = await db.kysely.transaction().execute((trx) =>
        syncWaveAssignments(trx, {
          waveId: request.params.id,
          cause: `requested by ${actor.email ?? actor.name}`,
        }),
      );
      return {
        leavers: r.leavers,
        movedOut: r.movedOut,
        joined: r.joined,
        returned: r.returned,
        deferred: r.deferred,
      };
    },
  );

  app.get(
    "/api/v1/gates/metrics",
    {
      schema: {
        tags: ["gates"],
        summary: "Metrics gate criteria can use",
        response: {
          200: z.object({
            items: z.array(z.object({ name: z.string(), description: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      return Promise.resolve({
        items: Object.entries(knownMetrics).map(([name, description]) => ({ name, description })),
      });
    },
  );

  app.get(
    "/api/v1/phases/:id/gate",
    {
      schema: {
        tags: ["gates"],
        summary: "The gate into a phase: criteria, current measures, evaluations and decisions",
        params: idParams,
        response: {
          200: z.object({
            phaseId: z.string(),
            phaseName: z.string(),
            rolloutId: z.string(),
            measuredPhase: z.object({ id: z.string(), name: z.string() }).nullable(),
            criteria: z.array(gateCriterionSchema),
            current: z.record(z.string(), z.number().nullable()),
            evaluations: z.array(evaluationSchema),
            decisions: z.array(decisionSchema),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.read");
      const phase = await findPhaseRow(db.kysely, request.params.id);
      if (!phase) throw new AppError("not_found", `No phase has the id ${request.params.id}.`);
      const phases = await listPhaseRows(db.kysely, phase.rollout_id);
      const previous = phases.filter((p) => p.position < phase.position).at(-1) ?? null;
      const evaluations = await listGateEvaluations(db.kysely, [phase.id]);
      const decisions = await listGateDecisions(db.kysely, [phase.id]);
      return {
        phaseId: phase.id,
        phaseName: phase.name,
        rolloutId: phase.rollout_id,
        measuredPhase: previous ? { id: previous.id, name: previous.name } : null,
        criteria: z.array(gateCriterionSchema).parse(JSON.parse(phase.gate_criteria)),
        current: previous
          ? await measurePhase(db.kysely, { rolloutId: phase.rollout_id, phaseId: previous.id })
          : {},
        evaluations: evaluations.map((e) => ({
          id: e.id,
          passed: Number(e.passed) === 1,
          results: z.array(criterionResultSchema).parse(JSON.parse(e.results)),
          trigger: e.trigger,
          at: e.at,
        })),
        decisions: decisions.map((d) => ({
          id: d.id,
          decision: d.decision as (typeof gateDecisions)[number],
          reason: d.reason,
          approvers: JSON.parse(d.approvers) as string[],
          evaluationId: d.evaluation_id,
          extendUntil: d.extend_until,
          decidedAt: d.decided_at,
          decidedBy: d.decided_by_name ?? (d.decided_by === null ? null : "a deleted user"),
        })),
      };
    },
  );

  app.post(
    "/api/v1/phases/:id/gate/evaluate",
    {
      schema: {
        tags: ["gates"],
        summary: "Evaluate the gate's criteria now and store the result",
        params: idParams,
        response: { 200: evaluationSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "rollouts.manage");
      const e = await db.kysely
        .transaction()
        .execute((trx) => evaluateGate(trx, { phaseId: request.params.id, trigger: "on_demand" }));
      return { id: e.id, passed: e.passed, results: e.results, trigger: e.trigger, at: e.at };
    },
  );

  app.post(
    "/api/v1/phases/:id/gate/decisions",
    {
      schema: {
        tags: ["gates"],
        summary: "Record a go / no-go / extend decision with its approvers and reason",
        params: idParams,
        body: z.object({
          decision: z.enum(["go", "no_go", "extend"]),
          reason: z.string().trim().min(3).max(5000),
          approvers: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
          extendUntil: localDateSchema.nullish(),
        }),
        response: {
          201: z.object({
            id: z.string(),
            decidedAt: z.string(),
            evaluationId: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "gates.decide");
      const result = await db.kysely
        .transaction()
        .execute((trx) => decideGate(trx, { phaseId: request.params.id, ...request.body, actor }));
      return reply.code(201).send(result);
    },
  );

  app.post(
    "/api/v1/rollouts/:id/metrics",
    {
      schema: {
        tags: ["gates"],
        summary: "Record a measured metric value (satisfaction, competency lift, a KPI) for gates",
        params: idParams,
        body: z.object({
          metric: gateCriterionSchema.shape.metric,
          value: z.number().finite(),
          phaseId: z.string().nullish(),
          source: z.string().trim().min(1).max(200).default("api"),
        }),
        response: { 201: z.object({ recordedAt: z.string() }) },
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "rollouts.manage");
      if (measuredMetrics.includes(request.body.metric))
        throw new AppError(
          "validation_failed",
          `${request.body.metric} is measured from assignments and cannot be recorded.`,
        );
      const rollout = await getRollout(db.kysely, request.params.id);
      if (request.body.phaseId && !rollout.phases.some((p) => p.id === request.body.phaseId))
        throw new AppError(
          "validation_failed",
          `Phase ${request.body.phaseId} is not in this rollout.`,
        );
      const recordedAt = clock.nowIso();
      await insertMetricValue(db.kysely, {
        rollout_id: rollout.id,
        phase_id: request.body.phaseId ?? null,
        metric: request.body.metric,
        value: request.body.value,
        source: request.body.source,
        recorded_at: recordedAt,
      });
      return reply.code(201).send({ recordedAt });
    },
  );
};
