import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "../../platform/auth/roles.js";
import { createJobRegistry } from "../../cascade.js";
import type { Db } from "../../platform/database/connect.js";
import { createProgram, publishVersion } from "../../programs/manage-programs.js";
import { launchWave } from "../../rollouts/launch-wave.js";
import { describeEachEngine } from "../../test/databases.js";
import { importCsv, personRow, smallOrg, toCsv } from "../../test/factories.js";
import { request, startCascade, userWithToken, type RunningCascade } from "../../test/http.js";
import { lrsClient, statementOf, xapi } from "../../test/lrs.js";
import { rolloutWithWaves } from "../../test/rollouts.js";
import { matchWaitingActors } from "./match-actors.js";

const registry = createJobRegistry();

/** A launched wave of a two-module program (quiz IRI has a variant); assignments by person. */
async function launchedProgram(db: Db, rule: string) {
  const suffix = randomUUID();
  const lesson = `https://example.com/lesson/${suffix}`;
  const quiz = `https://example.com/quiz/${suffix}`;
  const program = await createProgram(db.kysely, {
    name: `Progress ${suffix}`,
    description: "",
    createdBy: null,
    modules: [
      {
        kind: "elearning",
        title: "Lesson",
        activityIri: lesson,
        expectedMinutes: 20,
        required: true,
        variants: [],
      },
      {
        kind: "assessment",
        title: "Quiz",
        activityIri: quiz,
        expectedMinutes: 10,
        required: true,
        variants: [{ locale: "ja-JP", activityIri: `${quiz}/ja` }],
      },
      {
        kind: "job_aid",
        title: "Cheat sheet",
        activityIri: `https://example.com/aid/${suffix}`,
        expectedMinutes: 5,
        required: false,
        variants: [],
        completionVerbs: ["http://adlnet.gov/expapi/verbs/experienced"],
      },
    ],
  });
  const versionId = program.versions[0]!.id;
  await publishVersion(db.kysely, { versionId, by: "test" });
  const rollout = await rolloutWithWaves(db, {
    rule,
    rollout: { programVersionId: versionId },
    waves: [{ launchDate: "2026-11-01" }],
  });
  const waveId = rollout.phases[0]!.waves[0]!.id;
  await db.kysely
    .transaction()
    .execute((trx) =>
      launchWave(trx, { waveId, actor: systemActor, registry, feasibility: "assign_anyway" }),
    );
  return { lesson, quiz, waveId };
}

async function assignmentOf(db: Db, waveId: string, externalId: string) {
  return db.kysely
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select([
      "a.id",
      "a.status",
      "a.score",
      "a.completed_at",
      "a.started_at",
      "a.completion_source",
    ])
    .where("a.wave_id", "=", waveId)
    .where("p.external_id", "=", externalId)
    .executeTakeFirstOrThrow();
}

describeEachEngine("statements move assignments", (use) => {
  let app: RunningCascade;
  let auth: string;
  beforeAll(async () => {
    await importCsv(use(), toCsv(smallOrg()));
    app = await startCascade(use(), { XAPI_ACCOUNT_HOME_PAGES: "https://lms.example.com" });
    auth = (await lrsClient(use(), "read_write", "Moodle EMEA")).authorization;
  });
  afterAll(() => app.stop());
  const post = (json: unknown) =>
    xapi(app.baseUrl, "/xapi/statements", { authorization: auth, json });

  it("starts on any statement about a module, completes when every required module is completed, with the score", async () => {
    const db = use();
    const { lesson, quiz, waveId } = await launchedProgram(db, `region = "EMEA"`);
    expect((await post(statementOf("e1@example.com", "launched", lesson))).status).toBe(200);
    expect(await assignmentOf(db, waveId, "E1")).toMatchObject({
      status: "started",
      completed_at: null,
    });
    await post(
      statementOf("e1@example.com", "completed", lesson, {
        timestamp: "2026-11-19T15:00:00Z",
        result: { score: { scaled: 0.9 } },
      }),
    );
    expect((await assignmentOf(db, waveId, "E1")).status).toBe("started");
    // Failing the quiz does not complete it; passing it does.
    await post(
      statementOf("e1@example.com", "failed", quiz, {
        result: { score: { raw: 4, min: 0, max: 10 } },
      }),
    );
    expect((await assignmentOf(db, waveId, "E1")).status).toBe("started");
    const passed = await post(
      statementOf("e1@example.com", "passed", quiz, {
        timestamp: "2026-11-20T09:30:00.000Z",
        result: { score: { raw: 8, min: 0, max: 10 }, success: true },
      }),
    );
    const after = await assignmentOf(db, waveId, "E1");
    expect(after).toMatchObject({
      status: "completed",
      completion_source: "xapi",
      completed_at: "2026-11-20T09:30:00.000Z",
    });
    // The mean of the modules' scores: 90 and 80.
    expect(after.score).toBe(85);
    const history = await db.kysely
      .selectFrom("assignment_changes")
      .select(["from_status", "to_status", "cause", "actor"])
      .where("assignment_id", "=", after.id)
      .orderBy("id")
      .execute();
    expect(history.map((h) => `${h.from_status}→${h.to_status}`)).toEqual([
      "assigned→started",
      "started→completed",
    ]);
    expect(history[1]!.cause).toBe(
      `statement ${(passed.body as string[])[0]} (passed) from Moodle EMEA`,
    );
    expect(history[1]!.actor).toBe("LRS");
    // Another person's statement changes nothing for E1; an optional module never blocks.
    expect((await assignmentOf(db, waveId, "E2")).status).toBe("assigned");
  });

  it("matches people by mbox_sha1sum and by an account on a configured home page; a variant's activity counts", async () => {
    const db = use();
    const { lesson, quiz, waveId } = await launchedProgram(db, `region = "EMEA"`);
    const { createHash } = await import("node:crypto");
    const sha1 = createHash("sha1").update("mailto:e2@example.com").digest("hex");
    const bySha1 = statementOf("x", "completed", lesson);
    bySha1.actor = { mbox_sha1sum: sha1 };
    await post(bySha1);
    const byAccount = statementOf("x", "passed", `${quiz}/ja`);
    byAccount.actor = { account: { homePage: "https://lms.example.com", name: "E2" } };
    await post(byAccount);
    expect((await assignmentOf(db, waveId, "E2")).status).toBe("completed");
    // An account on another home page is somebody else.
    const elsewhere = statementOf("x", "completed", lesson);
    elsewhere.actor = { account: { homePage: "https://other.example.com", name: "M1" } };
    await post(elsewhere);
    expect((await assignmentOf(db, waveId, "M1")).status).toBe("assigned");
  });

  it("voiding the completing statement reopens the assignment; voiding the rest brings it back to assigned", async () => {
    const db = use();
    const { lesson, quiz, waveId } = await launchedProgram(db, `region = "EMEA"`);
    const [lessonId] = (await post(statementOf("m1@example.com", "completed", lesson)))
      .body as string[];
    const [quizId] = (await post(statementOf("m1@example.com", "passed", quiz))).body as string[];
    expect((await assignmentOf(db, waveId, "M1")).status).toBe("completed");
    const voiding = (target: string) => ({
      actor: { mbox: "mailto:admin@example.com" },
      verb: { id: "http://adlnet.gov/expapi/verbs/voided", display: { "en-US": "voided" } },
      object: { objectType: "StatementRef", id: target },
    });
    expect((await post(voiding(quizId!))).status).toBe(200);
    expect(await assignmentOf(db, waveId, "M1")).toMatchObject({
      status: "started",
      score: null,
      completed_at: null,
    });
    await post(voiding(lessonId!));
    expect((await assignmentOf(db, waveId, "M1")).status).toBe("assigned");
    const causes = await db.kysely
      .selectFrom("assignment_changes")
      .select("cause")
      .where("assignment_id", "=", (await assignmentOf(db, waveId, "M1")).id)
      .orderBy("id")
      .execute();
    expect(causes.at(-1)!.cause).toContain(`statement ${lessonId} voided by Moodle EMEA`);
  });

  it("keeps records of people not in the directory as unmatched and applies them when the person appears", async () => {
    const db = use();
    const { lesson, quiz } = await launchedProgram(db, `region = "EMEA"`);
    const newcomer = `newcomer-${randomUUID().slice(0, 8)}@example.com`;
    await post([statementOf(newcomer, "completed", lesson), statementOf(newcomer, "passed", quiz)]);
    const actor = await db.kysely
      .selectFrom("xapi_actors")
      .selectAll()
      .where("actor_key", "=", `mbox:mailto:${newcomer}`)
      .executeTakeFirstOrThrow();
    expect(actor).toMatchObject({ person_id: null, statement_count: 2 });
    // The person joins; the wave assigns them (joiners) and the matching job replays their records.
    const id = `N${randomUUID().slice(0, 6)}`;
    await importCsv(
      db,
      toCsv([...smallOrg(), personRow(id, { email: newcomer, manager_id: "M1" })]),
    );
    const person = await db.kysely
      .selectFrom("people")
      .select("id")
      .where("external_id", "=", id)
      .executeTakeFirstOrThrow();
    const { syncAllWaves } = await import("../../rollouts/sync-wave-assignments.js");
    await syncAllWaves(db.kysely, { cause: "test" });
    const result = await matchWaitingActors(db.kysely, []);
    expect(result.matched).toBeGreaterThanOrEqual(1);
    const statements = await db.kysely
      .selectFrom("xapi_statements")
      .select("person_id")
      .where("actor_key", "=", `mbox:mailto:${newcomer}`)
      .execute();
    expect(statements.every((s) => Number(s.person_id) === Number(person.id))).toBe(true);
    const assignments = await db.kysely
      .selectFrom("assignments")
      .select("status")
      .where("person_id", "=", person.id)
      .execute();
    expect(assignments.length).toBeGreaterThan(0);
    expect(assignments.some((a) => a.status === "completed")).toBe(true);
  });

  it("reads compact timestamps, matches an account named by a mixed-case e-mail, and keeps scores within 0–100", async () => {
    const db = use();
    const { lesson, quiz, waveId } = await launchedProgram(db, `region = "EMEA"`);
    const first = statementOf("x", "completed", lesson, {
      timestamp: "20261121T090000Z",
      result: { score: { scaled: -0.5 } },
    });
    first.actor = { account: { homePage: "https://lms.example.com", name: "E2@Example.com" } };
    expect((await post(first)).status).toBe(200);
    const second = statementOf("x", "passed", quiz, { timestamp: "2026-11-21T10:00:00+01:00" });
    second.actor = { account: { homePage: "https://lms.example.com", name: "E2@Example.com" } };
    await post(second);
    const e2 = await assignmentOf(db, waveId, "E2");
    expect(e2).toMatchObject({
      status: "completed",
      completed_at: "2026-11-21T09:00:00.000Z",
      started_at: "2026-11-21T09:00:00.000Z",
    });
    // The lesson's negative scaled score counts as 0; the quiz has none.
    expect(e2.score).toBe(0);
  });

  it("lists matched and unmatched statements apart on the LRS page's API", async () => {
    const db = use();
    const stranger = `stranger-${randomUUID().slice(0, 8)}@agency.example`;
    await post([
      statementOf(stranger, "experienced"),
      statementOf("m2@example.com", "experienced"),
    ]);
    const { token } = await userWithToken(db, {
      email: `auditor-${randomUUID().slice(0, 6)}@example.com`,
      name: "Auditor",
      role: "auditor",
      regions: [],
      divisions: [],
      personId: null,
    });
    const list = async (matched: string) =>
      (
        await request<{
          items: { actor: { identifier: string }; person: { externalId: string } | null }[];
        }>(app.baseUrl, `/api/v1/lrs/statements?matched=${matched}&limit=200`, { as: { token } })
      ).body.items;
    const unmatched = await list("false");
    expect(unmatched.some((s) => s.actor.identifier === stranger)).toBe(true);
    expect(unmatched.every((s) => s.person === null)).toBe(true);
    const matched = await list("true");
    expect(matched.some((s) => s.person?.externalId === "M2")).toBe(true);
    expect(matched.every((s) => s.person !== null)).toBe(true);
  });
});
