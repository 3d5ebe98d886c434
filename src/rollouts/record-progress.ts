import type { Kysely } from "kysely";
import type { Actor } from "../platform/auth/roles.js";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { recordManualEvidence } from "./module-progress.js";
import { changeAssignmentStatus, withIds } from "./assignments.repository.js";

/**
 * Records progress on one open assignment by hand (an attendance sheet, a paper test): started,
 * or completed with an optional score. Learning records from the LRS do the same automatically.
 */
export async function recordProgress(
  db: Kysely<Database>,
  options: {
    assignment: { id: number; status: string; startedAt: string | null };
    status: "started" | "completed";
    score: number | null;
    note: string;
    actor: Actor;
  },
): Promise<void> {
  const { assignment } = options;
  const open = ["assigned", "notified", "started", "overdue"];
  if (!open.includes(assignment.status))
    throw new AppError(
      "conflict",
      `Assignment ${assignment.id} is ${assignment.status}; only an open one can progress.`,
    );
  if (options.status === "started" && (assignment.status === "started" || assignment.startedAt))
    return;
  const at = clock.nowIso();
  const actorName = options.actor.email ?? options.actor.name;
  // Starting late does not make an assignment less overdue: it stays overdue, with its start kept.
  const to =
    options.status === "started" && assignment.status === "overdue" ? "overdue" : options.status;
  await changeAssignmentStatus(db, {
    ids: withIds([assignment.id]),
    to,
    cause: `${options.status} recorded by hand${options.note ? `: ${options.note}` : ""}`,
    actor: actorName,
    at,
    details: options.score === null ? {} : { score: options.score },
    set:
      options.status === "completed"
        ? { completed_at: at, score: options.score, completion_source: "manual" }
        : { started_at: at },
  });
  await recordManualEvidence(db, {
    assignmentId: assignment.id,
    outcome: options.status,
    score: options.status === "completed" ? options.score : null,
    at,
  });
}
