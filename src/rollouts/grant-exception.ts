import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { peopleScopeOf, type Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import {
  changeAssignmentStatus,
  extendAssignments,
  findOpenAssignments,
  insertException,
  withIds,
} from "./assignments.repository.js";
import { localToInstant } from "./deadline.js";
import { findRolloutRow } from "./rollouts.repository.js";

export interface ExceptionRequest {
  rolloutId: string;
  kind: "extension" | "exemption";
  personIds: string[];
  assignmentIds: number[];
  reason: string;
  approvedBy: string;
  requestedBy?: string | null;
  /** Extension: the new local due date (due at 23:59 in each person's zone). */
  newDueDate?: string | null;
  /** Exemption: the local date after which it lapses and the person has to train again. */
  expiresOn?: string | null;
}

/**
 * Grants an extension or an exemption to one person or a group, on their open assignments in a
 * rollout, with reason, approver and expiry. Every person asked for must have an open assignment
 * the caller may see, or nothing changes. Each assignment's previous state is kept.
 */
export async function grantException(
  db: Kysely<Database>,
  options: { request: ExceptionRequest; actor: Actor },
): Promise<{ id: string; assignments: number }> {
  const { request, actor } = options;
  const rollout = await findRolloutRow(db, request.rolloutId);
  if (!rollout) throw new AppError("not_found", `No rollout has the id ${request.rolloutId}.`);
  if (request.kind === "extension" && !request.newDueDate)
    throw new AppError("validation_failed", "An extension needs the new due date (newDueDate).");
  const today = clock.nowIso().slice(0, 10);
  if (request.kind === "extension" && request.newDueDate! < today)
    throw new AppError(
      "validation_failed",
      `The new due date ${request.newDueDate} is in the past (today is ${today}).`,
    );
  if (request.kind === "exemption" && request.expiresOn && request.expiresOn < today)
    throw new AppError(
      "validation_failed",
      `The exemption would expire on ${request.expiresOn}, which is in the past (today is ${today}).`,
    );
  const found = await findOpenAssignments(db, {
    rolloutId: rollout.id,
    scope: peopleScopeOf(actor),
    personExternalIds: request.personIds,
    assignmentIds: request.assignmentIds,
  });
  const foundPeople = new Set(found.map((f) => f.external_id));
  const foundIds = new Set(found.map((f) => f.id));
  const missing = [
    ...request.personIds.filter((p) => !foundPeople.has(p)),
    ...request.assignmentIds.filter((id) => !foundIds.has(id)).map((id) => `assignment ${id}`),
  ];
  if (missing.length > 0)
    throw new AppError(
      "validation_failed",
      `No open assignment in "${rollout.name}" that you may change for: ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ` and ${missing.length - 20} more` : ""}.`,
      { missing },
    );
  const id = randomUUID();
  const at = clock.nowIso();
  const actorName = actor.email ?? actor.name;
  await insertException(
    db,
    {
      id,
      rollout_id: rollout.id,
      kind: request.kind,
      reason: request.reason,
      approved_by: request.approvedBy,
      requested_by: request.requestedBy ?? null,
      new_due_at: request.newDueDate ?? null,
      expires_on: request.expiresOn ?? null,
      assignment_count: found.length,
      created_by: actorName,
      created_at: at,
      lapsed_at: null,
    },
    found.map((f) => ({ assignmentId: f.id, previousStatus: f.status, previousDueAt: f.due_at })),
  );
  const cause = `${request.kind} approved by ${request.approvedBy}: ${request.reason}`;
  if (request.kind === "exemption") {
    await changeAssignmentStatus(db, {
      ids: withIds(found.map((f) => f.id)),
      to: "exempt",
      cause,
      actor: actorName,
      at,
      details: { exceptionId: id, expiresOn: request.expiresOn ?? null },
    });
  } else {
    const byZone = new Map<string, number[]>();
    for (const f of found) byZone.set(f.time_zone, [...(byZone.get(f.time_zone) ?? []), f.id]);
    for (const [zone, ids] of byZone)
      await extendAssignments(db, {
        ids,
        dueAt: localToInstant(request.newDueDate!, "23:59", zone),
        cause,
        actor: actorName,
        at,
        details: { exceptionId: id },
      });
  }
  return { id, assignments: found.length };
}
