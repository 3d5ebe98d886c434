import { expect, it } from "vitest";
import { loadDemoOrganisation } from "../directory/load-demo.js";
import { JobRegistry } from "../platform/jobs/job.js";
import { describeEachEngine } from "../test/databases.js";
import { listExceptionRows } from "./assignments.repository.js";
import { listRollouts } from "./manage-rollouts.js";
import { loadDemoRollouts } from "./load-demo-rollouts.js";

describeEachEngine("the demo rollout", (use) => {
  it("has a launched pilot with progress, waves waiting on their gate, and an exception", async () => {
    const db = use();
    const registry = new JobRegistry();
    await loadDemoOrganisation({ db: db.kysely, registry, people: 600, seed: "demo-rollouts" });
    await loadDemoRollouts({ db: db.kysely, registry });
    const [rollout] = await listRollouts(db.kysely);
    expect(rollout?.name).toBe("Code of Conduct 2027 — enterprise");
    const [pilot, scale] = rollout!.phases;
    const pilotWave = pilot!.waves[0]!;
    expect(pilotWave.status).toBe("launched");
    const counts = pilotWave.counts;
    const total = Object.values(counts).reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThan(5);
    expect(counts.completed ?? 0).toBeGreaterThan(0);
    expect((counts.overdue ?? 0) + (counts.assigned ?? 0)).toBeGreaterThan(0);
    expect(scale!.waves.map((w) => w.status)).toEqual(["planned", "planned", "planned", "planned"]);
    expect(scale!.gate.lastEvaluationPassed).not.toBeNull();
    const exceptions = await listExceptionRows(db.kysely, {
      rolloutId: rollout!.id,
      scope: { kind: "all" },
      limit: 10,
    });
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({ kind: "extension", approved_by: "Head of L&D" });
  });
});
