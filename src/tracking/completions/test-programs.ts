import { systemActor } from "../../platform/auth/roles.js";
import { clock } from "../../platform/clock.js";
import type { Db } from "../../platform/database/connect.js";
import { JobRegistry } from "../../platform/jobs/job.js";
import { createProgram, publishVersion } from "../../programs/manage-programs.js";
import { launchWave } from "../../rollouts/launch-wave.js";
import { rolloutWithWaves } from "../../test/rollouts.js";

/** The clock the completion tests import at; completions after it are in the future. */
export const importedAt = new Date("2026-03-20T09:00:00Z");
let programCount = 0;

/**
 * A published program of `modules`, assigned through a launched wave (on 2 March 2026) to the
 * people `rule` selects; leaves the clock at `importedAt`.
 */
export async function assignedProgram(
  db: Db,
  rule: string,
  modules: { title: string; activityIri: string }[] = [
    { title: "Know your customer", activityIri: "https://lms.example/kyc" },
  ],
) {
  const name = `Anti-Money Laundering ${++programCount}`;
  const program = await createProgram(db.kysely, {
    name,
    description: "",
    createdBy: null,
    modules: modules.map((m) => ({
      kind: "elearning" as const,
      ...m,
      expectedMinutes: 30,
      required: true,
      variants: [],
    })),
  });
  const versionId = program.versions[0]!.id;
  const version = await publishVersion(db.kysely, { versionId, by: "test" });
  clock.set(new Date("2026-03-02T08:00:00Z"));
  const rollout = await rolloutWithWaves(db, {
    rule,
    rollout: { programVersionId: versionId },
    waves: [{}],
  });
  await db.kysely.transaction().execute((trx) =>
    launchWave(trx, {
      waveId: rollout.phases[0]!.waves[0]!.id,
      actor: systemActor,
      registry: new JobRegistry(),
    }),
  );
  clock.set(importedAt);
  return { id: program.id, name, versionId, modules: version.modules };
}
