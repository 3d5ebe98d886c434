import { createAudience } from "../audiences/manage-audiences.js";
import type { Db } from "../platform/database/connect.js";
import { createProgram, publishVersion } from "../programs/manage-programs.js";
import { addWave, createRollout } from "../rollouts/manage-rollouts.js";
import type { Rollout, RolloutInput, WaveInput } from "../rollouts/rollout.js";

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

/** A published program version of one e-learning module of `minutes` minutes; returns its id. */
export async function publishedVersion(db: Db, minutes = 60): Promise<string> {
  const program = await createProgram(db.kysely, {
    name: unique("Program"),
    description: "",
    createdBy: null,
    modules: [
      {
        kind: "elearning",
        title: "Module",
        activityIri: "https://example.com/activity/1",
        expectedMinutes: minutes,
        required: true,
        variants: [],
      },
    ],
  });
  const versionId = program.versions[0]!.id;
  await publishVersion(db.kysely, { versionId, by: "test" });
  return versionId;
}

/** An audience with a rule; returns its id. */
export async function audienceOf(db: Db, rule: string): Promise<string> {
  const audience = await createAudience(db.kysely, {
    name: unique("Audience"),
    description: "",
    rule,
    createdBy: null,
  });
  return audience.id;
}

/** A rollout (pilot and scale phases, the scale gate at completion ≥ 80%) with one wave per input. */
export async function rolloutWithWaves(
  db: Db,
  options: {
    rule: string;
    minutes?: number;
    rollout?: Partial<RolloutInput>;
    waves: (Partial<WaveInput> & { phase?: number })[];
  },
): Promise<Rollout> {
  const audienceId = await audienceOf(db, options.rule);
  const versionId = await publishedVersion(db, options.minutes ?? 60);
  let rollout = await createRollout(db.kysely, {
    name: unique("Rollout"),
    description: "",
    programVersionId: versionId,
    audienceId,
    dailyLearningMinutes: 30,
    phases: [
      { kind: "pilot", gateCriteria: [] },
      {
        kind: "scale",
        gateCriteria: [{ metric: "completion_rate", operator: ">=", threshold: 80 }],
      },
    ],
    createdBy: null,
    ...options.rollout,
  });
  for (const [index, wave] of options.waves.entries()) {
    const { phase, ...input } = wave;
    rollout = await addWave(db.kysely, rollout.id, {
      phaseId: rollout.phases[(phase ?? 1) - 1]!.id,
      name: `Wave ${index + 1}`,
      slice: { regions: [], divisions: [], percent: null },
      launchDate: "2026-03-02",
      enrollmentMode: "mandatory",
      deadline: { kind: "relative", days: 30, time: "23:59" },
      regionDeadlines: {},
      joinerGraceDays: 14,
      ...input,
    });
  }
  return rollout;
}
