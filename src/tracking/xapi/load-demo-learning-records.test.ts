import { expect, it } from "vitest";
import { createJobRegistry } from "../../cascade.js";
import { loadDemoOrganisation } from "../../directory/load-demo.js";
import { loadDemoRollouts } from "../../rollouts/load-demo-rollouts.js";
import { describeEachEngine } from "../../test/databases.js";
import { loadDemoLearningRecords } from "./load-demo-learning-records.js";

describeEachEngine("demo learning records", (use) => {
  it("reports the pilot through the LRS: people start and complete, contractors stay unmatched", async () => {
    const db = use().kysely;
    await loadDemoOrganisation({
      db,
      registry: createJobRegistry(),
      people: 300,
      seed: "demo-lrs",
    });
    await loadDemoRollouts({ db, registry: createJobRegistry() });
    await loadDemoLearningRecords(db);
    const statements = await db
      .selectFrom("xapi_statements")
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.count<number>("person_id").as("matched"),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(statements.n)).toBeGreaterThan(8);
    expect(Number(statements.n) - Number(statements.matched)).toBe(4);
    const unmatched = await db
      .selectFrom("xapi_actors")
      .select("actor_key")
      .where("person_id", "is", null)
      .execute();
    expect(unmatched).toHaveLength(4);
    // Every matched statement about the pilot is evidence on an assignment.
    const evidence = await db
      .selectFrom("module_progress")
      .select("statement_id")
      .where("source", "=", "xapi")
      .execute();
    expect(evidence.length).toBeGreaterThan(2);
    const byLrs = await db
      .selectFrom("assignment_changes")
      .select(["to_status", "cause"])
      .where("actor", "=", "LRS")
      .execute();
    // Every change the LRS made says which statement and client caused it.
    expect(byLrs.length).toBeGreaterThan(0);
    expect(
      byLrs.filter((c) => !/^statement \S+ \(\w+\) from Moodle EMEA \(demo\)$/.test(c.cause)),
    ).toEqual([]);
  });
});
