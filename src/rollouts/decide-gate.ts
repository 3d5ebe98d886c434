import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import type { GateDecision } from "./gate.js";
import { findPhaseRow, insertGateDecision, listGateEvaluations } from "./rollouts.repository.js";

/**
 * Records a go / no-go / extend decision on the gate into a phase, with its approvers and reason,
 * tied to the latest evaluation. An "extend" names the date until which the previous phase runs.
 */
export async function decideGate(
  db: Kysely<Database>,
  options: {
    phaseId: string;
    decision: Exclude<GateDecision, "override">;
    reason: string;
    approvers: string[];
    extendUntil?: string | null;
    actor: Actor;
  },
): Promise<{ id: string; decidedAt: string; evaluationId: string | null }> {
  const phase = await findPhaseRow(db, options.phaseId);
  if (!phase) throw new AppError("not_found", `No phase has the id ${options.phaseId}.`);
  if (Number(phase.position) <= 1)
    throw new AppError("conflict", `"${phase.name}" is the first phase; it has no gate to decide.`);
  if (options.decision === "extend" && !options.extendUntil)
    throw new AppError(
      "validation_failed",
      "An extend decision needs the date it extends to (extendUntil).",
    );
  const [latest] = await listGateEvaluations(db, [phase.id], 1);
  const id = randomUUID();
  const decidedAt = clock.nowIso();
  await insertGateDecision(db, {
    id,
    phase_id: phase.id,
    decision: options.decision,
    reason: options.reason,
    approvers: JSON.stringify(options.approvers),
    evaluation_id: latest?.id ?? null,
    extend_until: options.decision === "extend" ? (options.extendUntil ?? null) : null,
    decided_by: options.actor.userId,
    decided_at: decidedAt,
  });
  return { id, decidedAt, evaluationId: latest?.id ?? null };
}
