import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, smallOrg, toCsv } from "../test/factories.js";
import {
  request,
  startCascade,
  userWithToken,
  type ErrorBody,
  type RunningCascade,
} from "../test/http.js";

interface Rollout {
  id: string;
  phases: {
    id: string;
    name: string;
    waves: { id: string; status: string; counts: Record<string, number> }[];
  }[];
}
interface AssignmentPage {
  items: { id: number; status: string; dueAt: string; person: { id: string } }[];
  total: number;
}

describeEachEngine("rollouts over HTTP", (use) => {
  let server: RunningCascade;
  const as: Record<string, { token: string }> = {};
  let versionId = "";
  let audienceId = "";

  beforeAll(async () => {
    const db = use();
    await importCsv(db, toCsv(smallOrg()));
    server = await startCascade(db);
    const users = {
      owner: { role: "program_owner" as const },
      admin: { role: "admin" as const },
      auditor: { role: "auditor" as const },
      learner: { role: "learner" as const, personId: "E1" },
      manager: { role: "manager" as const, personId: "M1" },
      emeaLead: {
        role: "regional_lead" as const,
        regions: ["EMEA"],
        divisions: ["Risk"],
      },
    };
    for (const [key, user] of Object.entries(users)) {
      const created = await userWithToken(db, {
        email: `${key.toLowerCase()}@example.com`,
        name: key,
        ...user,
      });
      as[key] = { token: created.token };
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  const call = <T>(path: string, who: string, options: { method?: string; json?: unknown } = {}) =>
    request<T>(server.baseUrl, path, { ...options, as: as[who] });

  it("refuses a rule with a mistake, saying where", async () => {
    const res = await call<ErrorBody>("/api/v1/audiences/preview", "owner", {
      json: { rule: `division = "Risk" and\nregion in ("EMEA"` },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^Line 2, column \d+/);
    expect(res.body.error.details).toMatchObject({ line: 2 });
  });

  it("previews and saves an audience", async () => {
    const preview = await call<{ count: number; byRegion: { value: string; count: number }[] }>(
      "/api/v1/audiences/preview",
      "owner",
      { json: { rule: `division in ("Risk", "Technology")` } },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(6);
    expect(preview.body.byRegion).toEqual([
      { value: "APAC", count: 3 },
      { value: "EMEA", count: 3 },
    ]);
    const created = await call<{ id: string; memberCount: number }>("/api/v1/audiences", "owner", {
      json: { name: "Risk and Technology", rule: `division in ("Risk", "Technology")` },
    });
    expect(created.status).toBe(201);
    expect(created.body.memberCount).toBe(6);
    audienceId = created.body.id;
    // A change of rule keeps the description; the members list counts what the caller may see.
    await call(`/api/v1/audiences/${audienceId}`, "owner", {
      method: "PATCH",
      json: { description: "Risk and tech people" },
    });
    const changed = await call<{ rule: string; description: string; memberCount: number }>(
      `/api/v1/audiences/${audienceId}`,
      "owner",
      { method: "PATCH", json: { rule: `division = "Risk"` } },
    );
    expect(changed.body).toMatchObject({ description: "Risk and tech people", memberCount: 3 });
    await call(`/api/v1/audiences/${audienceId}`, "owner", {
      method: "PATCH",
      json: { rule: `division in ("Risk", "Technology")` },
    });
    const members = await call<{ total: number }>(
      `/api/v1/audiences/${audienceId}/members`,
      "emeaLead",
    );
    expect(members.body.total).toBe(3);
    const log = await call<{ items: { personId: string; change: string }[] }>(
      `/api/v1/audiences/${audienceId}/changes`,
      "auditor",
    );
    expect(
      log.body.items
        .filter((c) => c.change === "left")
        .map((c) => c.personId)
        .sort(),
    ).toEqual(["E3", "E4", "M2"]);
    const learner = await call<ErrorBody>("/api/v1/audiences", "learner");
    expect(learner.status).toBe(403);
  });

  it("publishes a program version that then cannot change", async () => {
    const created = await call<{ id: string; versions: { id: string }[] }>(
      "/api/v1/programs",
      "owner",
      {
        json: {
          name: "Conduct",
          modules: [
            {
              kind: "elearning",
              title: "Course",
              activityIri: "https://x.example/c",
              expectedMinutes: 30,
            },
            { kind: "assessment", title: "Quiz", expectedMinutes: 10 },
          ],
        },
      },
    );
    expect(created.status).toBe(201);
    versionId = created.body.versions[0]!.id;
    const draftRollout = await call<ErrorBody>("/api/v1/rollouts", "owner", {
      json: { name: "Too early", programVersionId: versionId, audienceId },
    });
    expect(draftRollout.status).toBe(422);
    expect(draftRollout.body.error.message).toContain("publish it");
    const published = await call<{ status: string; expectedMinutes: number }>(
      `/api/v1/program-versions/${versionId}/publish`,
      "owner",
      { json: {} },
    );
    expect(published.body).toMatchObject({ status: "published", expectedMinutes: 40 });
    const edit = await call<ErrorBody>(`/api/v1/program-versions/${versionId}`, "owner", {
      method: "PATCH",
      json: { notes: "changed" },
    });
    expect(edit.status).toBe(409);
    const badModule = await call<ErrorBody>("/api/v1/programs", "owner", {
      json: { name: "Bad", modules: [{ kind: "elearning", title: "No IRI", expectedMinutes: 5 }] },
    });
    expect(badModule.status).toBe(400);
    expect(badModule.body.error.message).toContain("activityIri");
  });

  it("launches a wave once, scopes assignments, gates the next phase, logs exceptions", async () => {
    const created = await call<Rollout>("/api/v1/rollouts", "owner", {
      json: { name: "Conduct 2027", programVersionId: versionId, audienceId },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rolloutId = created.body.id;
    const [pilot, scale] = created.body.phases;
    const wave = (phaseId: string, name: string, regions: string[]) =>
      call<Rollout>(`/api/v1/rollouts/${rolloutId}/waves`, "owner", {
        json: {
          phaseId,
          name,
          slice: { regions },
          launchDate: "2026-12-01",
          deadline: { kind: "relative", days: 30 },
        },
      });
    await wave(pilot!.id, "Pilot EMEA", ["EMEA"]);
    const withWaves = await wave(scale!.id, "Scale APAC", ["APAC"]);
    const pilotWave = withWaves.body.phases[0]!.waves[0]!.id;
    const scaleWave = withWaves.body.phases[1]!.waves[0]!.id;

    expect(
      (await call<ErrorBody>(`/api/v1/waves/${pilotWave}/launch`, "auditor", { json: {} })).status,
    ).toBe(403);
    const launched = await call<{ created: number }>(`/api/v1/waves/${pilotWave}/launch`, "owner", {
      json: {},
    });
    expect(launched.status).toBe(200);
    expect(launched.body.created).toBe(3);
    const again = await call<{ created: number; alreadyLaunched: boolean }>(
      `/api/v1/waves/${pilotWave}/launch`,
      "owner",
      { json: {} },
    );
    expect(again.body).toMatchObject({ created: 0, alreadyLaunched: true });

    // Scope: the manager sees their subtree, the learner themself, the auditor everyone.
    const seen = async (who: string) =>
      (await call<AssignmentPage>(`/api/v1/assignments?rolloutId=${rolloutId}`, who)).body.items
        .map((a) => a.person.id)
        .sort();
    expect(await seen("auditor")).toEqual(["E1", "E2", "M1"]);
    expect(await seen("manager")).toEqual(["E1", "E2", "M1"]);
    expect(await seen("learner")).toEqual(["E1"]);

    const closed = await call<ErrorBody>(`/api/v1/waves/${scaleWave}/launch`, "owner", {
      json: {},
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toContain("has not said go");
    const evaluation = await call<{
      passed: boolean;
      results: { metric: string; value: number | null }[];
    }>(`/api/v1/phases/${scale!.id}/gate/evaluate`, "owner", { json: {} });
    expect(evaluation.body.passed).toBe(false);
    expect(evaluation.body.results[0]).toMatchObject({ metric: "completion_rate", value: 0 });
    expect(
      (
        await call<ErrorBody>(`/api/v1/phases/${scale!.id}/gate/decisions`, "auditor", {
          json: { decision: "go", reason: "Looks fine", approvers: ["x"] },
        })
      ).status,
    ).toBe(403);
    const decided = await call(`/api/v1/phases/${scale!.id}/gate/decisions`, "owner", {
      json: { decision: "go", reason: "Pilot feedback good", approvers: ["Steering committee"] },
    });
    expect(decided.status).toBe(201);
    const gate = await call<{ decisions: { decision: string; approvers: string[] }[] }>(
      `/api/v1/phases/${scale!.id}/gate`,
      "auditor",
    );
    expect(gate.body.decisions[0]).toMatchObject({
      decision: "go",
      approvers: ["Steering committee"],
      decidedBy: "owner",
    });
    const scaled = await call<{ created: number }>(`/api/v1/waves/${scaleWave}/launch`, "owner", {
      json: {},
    });
    expect(scaled.body.created).toBe(3);

    // The EMEA/Risk lead may extend their own people only; nothing changes when one is outside.
    const outside = await call<ErrorBody>(`/api/v1/rollouts/${rolloutId}/exceptions`, "emeaLead", {
      json: {
        kind: "extension",
        personIds: ["E1", "E3"],
        reason: "Leave",
        approvedBy: "Lead",
        newDueDate: "2027-02-01",
      },
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.message).toContain("E3");
    const granted = await call<{ assignments: number }>(
      `/api/v1/rollouts/${rolloutId}/exceptions`,
      "emeaLead",
      {
        json: {
          kind: "extension",
          personIds: ["E1"],
          reason: "Parental leave",
          approvedBy: "Lead",
          newDueDate: "2027-02-01",
        },
      },
    );
    expect(granted.body.assignments).toBe(1);
    const e1 = (
      await call<AssignmentPage>(`/api/v1/assignments?rolloutId=${rolloutId}&personId=E1`, "owner")
    ).body.items[0]!;
    expect(e1.dueAt).toBe("2027-02-01T22:59:00Z");
    const log = await call<{ items: { kind: string; people: { id: string }[] }[] }>(
      `/api/v1/exceptions?rolloutId=${rolloutId}`,
      "auditor",
    );
    expect(log.body.items[0]).toMatchObject({ kind: "extension", people: [{ id: "E1" }] });
    // A manager of another part of the organisation does not see it; E1's manager does.
    const otherManager = await userWithToken(use(), {
      email: "m2@example.com",
      name: "M2",
      role: "manager",
      personId: "M2",
    });
    const hidden = await request<{ items: unknown[] }>(
      server.baseUrl,
      `/api/v1/exceptions?rolloutId=${rolloutId}`,
      { as: { token: otherManager.token } },
    );
    expect(hidden.body.items).toEqual([]);
    const shown = await call<{ items: { assignmentCount: number }[] }>(
      `/api/v1/exceptions?rolloutId=${rolloutId}`,
      "manager",
    );
    expect(shown.body.items).toMatchObject([{ assignmentCount: 1 }]);

    const open = await call<AssignmentPage>(
      `/api/v1/assignments?rolloutId=${rolloutId}&status=open`,
      "owner",
    );
    expect(open.body.total).toBe(6);

    // A planned wave can be deleted; a launched one cannot. The rollout can be renamed.
    const extra = await wave(scale!.id, "Scale extra", ["EMEA"]);
    const extraWave = extra.body.phases[1]!.waves.find((w) => w.status === "planned")!.id;
    const patched = await call<{
      phases: { waves: { id: string; name: string; slice: { regions: string[] } }[] }[];
    }>(`/api/v1/waves/${extraWave}`, "owner", {
      method: "PATCH",
      json: { name: "Scale EMEA extra" },
    });
    expect(patched.body.phases[1]!.waves.find((w) => w.id === extraWave)).toMatchObject({
      name: "Scale EMEA extra",
      slice: { regions: ["EMEA"] },
    });
    const deleted = await call<Rollout>(`/api/v1/waves/${extraWave}`, "owner", {
      method: "DELETE",
    });
    expect(deleted.body.phases[1]!.waves).toHaveLength(1);
    const notDeleted = await call<ErrorBody>(`/api/v1/waves/${pilotWave}`, "owner", {
      method: "DELETE",
    });
    expect(notDeleted.status).toBe(409);
    const renamed = await call<{ name: string; audienceName: string | null }>(
      `/api/v1/rollouts/${rolloutId}`,
      "owner",
      {
        method: "PATCH",
        json: { name: "Conduct 2027 (all staff)" },
      },
    );
    expect(renamed.body).toMatchObject({
      name: "Conduct 2027 (all staff)",
      audienceName: "Risk and Technology",
    });

    // Roll back the pilot: open assignments are withdrawn, records stay.
    const rolledBack = await call<{ withdrawn: number }>(
      `/api/v1/waves/${pilotWave}/rollback`,
      "owner",
      {
        json: { reason: "Wrong content version" },
      },
    );
    expect(rolledBack.body.withdrawn).toBe(3);
    const detail = await call<{ changes: { to: string; cause: string }[] }>(
      `/api/v1/assignments/${e1.id}`,
      "owner",
    );
    expect(detail.body.changes.map((c) => c.to)).toEqual(["assigned", "withdrawn"]);
    expect(detail.body.changes[1]!.cause).toContain("Wrong content version");
  });

  it("keeps blackout periods to a regional lead's own divisions", async () => {
    const own = await call("/api/v1/blackouts", "emeaLead", {
      json: { division: "Risk", startsOn: "2026-12-20", endsOn: "2027-01-03", reason: "Year end" },
    });
    expect(own.status).toBe(201);
    const other = await call<ErrorBody>("/api/v1/blackouts", "emeaLead", {
      json: {
        division: "Technology",
        startsOn: "2026-12-20",
        endsOn: "2027-01-03",
        reason: "Year end",
      },
    });
    expect(other.status).toBe(403);
    const backwards = await call<ErrorBody>("/api/v1/blackouts", "owner", {
      json: { division: "Risk", startsOn: "2027-01-03", endsOn: "2026-12-20", reason: "Oops" },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain("ends before it starts");
  });

  it("documents every new route in the OpenAPI file", async () => {
    const doc = await request<{ paths: Record<string, unknown> }>(
      server.baseUrl,
      "/api/openapi.json",
    );
    for (const path of [
      "/api/v1/audiences/preview",
      "/api/v1/programs",
      "/api/v1/rollouts",
      "/api/v1/waves/{id}/launch",
      "/api/v1/phases/{id}/gate/decisions",
      "/api/v1/assignments",
      "/api/v1/exceptions",
      "/api/v1/blackouts",
    ])
      expect(doc.body.paths).toHaveProperty([path]);
  });
});
