import type { AssignmentStatus, Rollout, Wave } from "../../api/rollouts.js";

/** Assignments that count towards progress: withdrawn ones left the rollout. */
export interface Progress {
  assigned: number;
  completed: number;
}

function add(progress: Progress, counts: Partial<Record<AssignmentStatus, number>>): Progress {
  let assigned = progress.assigned;
  for (const [status, count] of Object.entries(counts)) {
    if (status !== "withdrawn") assigned += count ?? 0;
  }
  return { assigned, completed: progress.completed + (counts.completed ?? 0) };
}

export function waveProgress(wave: Wave): Progress {
  return add({ assigned: 0, completed: 0 }, wave.counts);
}

export function rolloutProgress(rollout: Rollout): Progress {
  return rollout.phases
    .flatMap((phase) => phase.waves)
    .reduce((progress, wave) => add(progress, wave.counts), { assigned: 0, completed: 0 });
}

/** Completed as a whole percentage of assigned; 0 when nothing is assigned yet. */
export function percentOf(progress: Progress): number {
  return progress.assigned === 0 ? 0 : Math.round((progress.completed / progress.assigned) * 100);
}
