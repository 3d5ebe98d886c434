import { randomUUID } from "node:crypto";
import xapiPackage from "@xapi/xapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../test/databases.js";
import { startCascade, type RunningCascade } from "../../test/http.js";
import { lrsClient, statementOf, xapi } from "../../test/lrs.js";
import { buildMultipartMixed, parseMultipartMixed, sha256Hex } from "./multipart-mixed.js";

// The package ships CommonJS types with an ES module build: the class is the default export of
// either shape.
type XapiClass = typeof xapiPackage.default;
const XAPI = ((xapiPackage as unknown as { default?: XapiClass }).default ??
  xapiPackage) as XapiClass;

interface StatementsBody {
  statements: { id: string; actor: { mbox?: string }; verb: { id: string }; stored: string }[];
  more: string;
}

describeEachEngine("xAPI statements resource", (use) => {
  let app: RunningCascade;
  let auth: string;
  let base: string;
  beforeAll(async () => {
    app = await startCascade(use());
    base = app.baseUrl;
    auth = (await lrsClient(use())).authorization;
  });
  afterAll(() => app.stop());

  describe("with a real xAPI client library (@xapi/xapi)", () => {
    let client: InstanceType<XapiClass>;
    beforeAll(() => {
      client = new XAPI({ endpoint: `${base}/xapi/`, auth, version: "1.0.3" });
    });

    it("stores a statement and reads it back exactly, with the LRS-set properties", async () => {
      const sent = await client.sendStatement({
        statement: statementOf("lib@example.com") as never,
      });
      const id = sent.data[0]!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const got = await client.getStatement({ statementId: id });
      const statement = got.data as unknown as Record<string, unknown>;
      expect(statement.id).toBe(id);
      expect(statement.version).toBe("1.0.0");
      expect(statement.stored).toEqual(expect.any(String));
      expect(statement.timestamp).toEqual(statement.stored);
      expect((statement.authority as { name: string }).name).toBe("Test LMS");
      expect(got.headers["x-experience-api-version"]).toBe("1.0.3");
    });

    it("queries by agent and pages with more", async () => {
      const agent = {
        objectType: "Agent" as const,
        mbox: `mailto:pager-${randomUUID()}@example.com`,
      };
      await client.sendStatements({
        statements: Array.from({ length: 5 }, (_, i) =>
          statementOf(agent.mbox.slice(7), i % 2 ? "experienced" : "completed"),
        ) as never,
      });
      const first = await client.getStatements({ agent, limit: 2 });
      expect(first.data.statements).toHaveLength(2);
      expect(first.data.more).toMatch(/^\/xapi\/statements\?more=/);
      const more = async (token: string) =>
        (await client.getMoreStatements({ more: token })).data as StatementsBody;
      const second = await more(first.data.more);
      expect(second.statements).toHaveLength(2);
      const third = await more(second.more);
      expect(third.statements).toHaveLength(1);
      expect(third.more).toBe("");
      const ids = [...first.data.statements, ...second.statements, ...third.statements].map(
        (s) => s.id,
      );
      expect(new Set(ids).size).toBe(5);
    });

    it("voids a statement: hidden from queries, returned as voided", async () => {
      const actor = {
        objectType: "Agent" as const,
        mbox: `mailto:void-${randomUUID()}@example.com`,
      };
      const [id] = (
        await client.sendStatement({ statement: statementOf(actor.mbox.slice(7)) as never })
      ).data;
      await client.voidStatement({ actor, statementId: id! });
      await expect(client.getStatement({ statementId: id! })).rejects.toMatchObject({
        response: { status: 404 },
      });
      const voided = await client.getVoidedStatement({ voidedStatementId: id! });
      expect((voided.data as unknown as { id: string }).id).toBe(id);
      const list = await client.getStatements({ agent: actor });
      // Only the voiding statement is left for this agent.
      expect(list.data.statements.map((s) => s.verb.id)).toEqual([
        "http://adlnet.gov/expapi/verbs/voided",
      ]);
    });

    it("answers About without credentials", async () => {
      const about = await new XAPI({ endpoint: `${base}/xapi/` }).getAbout();
      expect(about.data.version).toContain("1.0.3");
      expect(about.data.version).toContain("2.0.0");
    });
  });

  it("requires the version header and credentials, and honours read/write access", async () => {
    const noVersion = await xapi(base, "/xapi/statements", { authorization: auth, version: null });
    expect(noVersion.status).toBe(400);
    expect(noVersion.text).toContain("X-Experience-API-Version");
    const wrongVersion = await xapi(base, "/xapi/statements", {
      authorization: auth,
      version: "0.95",
    });
    expect(wrongVersion.status).toBe(400);
    expect((await xapi(base, "/xapi/statements")).status).toBe(401);
    const badSecret = `Basic ${Buffer.from("cas_nobody:wrong").toString("base64")}`;
    expect((await xapi(base, "/xapi/statements", { authorization: badSecret })).status).toBe(401);
    const reader = await lrsClient(use(), "read", "Reporting tool");
    const write = await xapi(base, "/xapi/statements", {
      authorization: reader.authorization,
      json: statementOf("reader@example.com"),
    });
    expect(write.status).toBe(403);
    expect(write.text).toContain("read");
    const writer = await lrsClient(use(), "write", "Content package");
    expect(
      (await xapi(base, "/xapi/statements", { authorization: writer.authorization })).status,
    ).toBe(403);
    const v2 = await xapi(base, "/xapi/statements?limit=1", {
      authorization: auth,
      version: "2.0.0",
    });
    expect(v2.status).toBe(200);
    expect(v2.headers.get("x-experience-api-version")).toBe("2.0.0");
    expect(v2.headers.get("last-modified")).toBeTruthy();
    expect(v2.headers.get("x-experience-api-consistent-through")).toBeTruthy();
  });

  it("rejects a malformed statement with the property path, and stores none of its batch", async () => {
    const who = `batch-${randomUUID()}@example.com`;
    const bad = statementOf(who);
    (bad.actor as Record<string, unknown>).mbox = who; // missing mailto:
    const response = await xapi(base, "/xapi/statements", {
      authorization: auth,
      json: [statementOf(who), bad],
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain("statements[1].actor.mbox");
    const stored = await xapi(
      base,
      `/xapi/statements?agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${who}` }))}`,
      { authorization: auth },
    );
    expect((stored.body as StatementsBody).statements).toHaveLength(0);
  });

  it("stores with PUT, accepts the same statement again and refuses a different one", async () => {
    const id = randomUUID();
    const statement = statementOf("put@example.com", "completed", "https://example.com/put", {
      timestamp: "2026-11-20T10:00:00.000Z",
    });
    const put = () =>
      xapi(base, `/xapi/statements?statementId=${id}`, {
        authorization: auth,
        method: "PUT",
        json: statement,
      });
    expect((await put()).status).toBe(204);
    expect((await put()).status).toBe(204);
    const changed = await xapi(base, `/xapi/statements?statementId=${id}`, {
      authorization: auth,
      method: "PUT",
      json: { ...statement, verb: { id: "http://adlnet.gov/expapi/verbs/failed" } },
    });
    expect(changed.status).toBe(409);
    const mismatch = await xapi(base, `/xapi/statements?statementId=${randomUUID()}`, {
      authorization: auth,
      method: "PUT",
      json: { ...statement, id },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain("statementId");
    const missing = await xapi(base, "/xapi/statements", {
      authorization: auth,
      method: "PUT",
      json: statement,
    });
    expect(missing.status).toBe(400);
  });

  it("filters by verb, activity (direct and related), registration, since/until and ascending", async () => {
    const registration = randomUUID();
    const activity = `https://example.com/filters/${randomUUID()}`;
    const parent = `https://example.com/course/${randomUUID()}`;
    const who = `filters-${randomUUID()}@example.com`;
    const context = { registration, contextActivities: { parent: { id: parent } } };
    const posted = await xapi(base, "/xapi/statements", {
      authorization: auth,
      json: [
        statementOf(who, "attempted", activity, { context }),
        statementOf(who, "completed", activity, { context }),
        statementOf(who, "passed", `${activity}/quiz`),
      ],
    });
    expect(posted.status).toBe(200);
    const ids = posted.body as string[];
    const get = async (query: string) =>
      (
        (await xapi(base, `/xapi/statements?${query}`, { authorization: auth }))
          .body as StatementsBody
      ).statements;
    expect((await get(`activity=${encodeURIComponent(activity)}`)).map((s) => s.id)).toEqual([
      ids[1],
      ids[0],
    ]);
    expect(
      (await get(`activity=${encodeURIComponent(activity)}&ascending=true`)).map((s) => s.id),
    ).toEqual([ids[0], ids[1]]);
    expect(await get(`activity=${encodeURIComponent(parent)}`)).toHaveLength(0);
    expect(
      (await get(`activity=${encodeURIComponent(parent)}&related_activities=true`)).map(
        (s) => s.id,
      ),
    ).toEqual([ids[1], ids[0]]);
    expect((await get(`registration=${registration}`)).map((s) => s.id)).toEqual([ids[1], ids[0]]);
    const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${who}` }));
    const passed = await get(
      `agent=${agent}&verb=${encodeURIComponent("http://adlnet.gov/expapi/verbs/passed")}`,
    );
    expect(passed.map((s) => s.id)).toEqual([ids[2]]);
    const stored = passed[0]!.stored;
    expect(await get(`agent=${agent}&since=${encodeURIComponent(stored)}`)).toHaveLength(0);
    expect(await get(`agent=${agent}&until=${encodeURIComponent(stored)}`)).toHaveLength(3);
    // The client's authority is a related agent of every statement it stored.
    const authority = encodeURIComponent(
      JSON.stringify(
        ((await get(`agent=${agent}`))[0] as unknown as { authority: unknown }).authority,
      ),
    );
    expect((await get(`agent=${authority}&limit=1`)).length).toBe(0);
    expect((await get(`agent=${authority}&related_agents=true&limit=1`)).length).toBe(1);
  });

  it("refuses unknown parameters and malformed filter values, naming them", async () => {
    for (const [query, fragment] of [
      ["colour=red", "colour"],
      ["agent=notjson", "agent"],
      [`agent=${encodeURIComponent(JSON.stringify({ mbox: "x@example.com" }))}`, "agent.mbox"],
      ["verb=completed", "verb"],
      ["registration=123", "registration"],
      ["since=yesterday", "since"],
      ["limit=-1", "limit"],
      ["format=pretty", "format"],
      ["ascending=yes", "ascending"],
      [`statementId=${randomUUID()}&verb=${encodeURIComponent("http://x.org/v")}`, "verb"],
      ["statementId=42", "statementId"],
      ["more=garbage", "more"],
    ] as const) {
      const response = await xapi(base, `/xapi/statements?${query}`, { authorization: auth });
      expect(response.status, query).toBe(400);
      expect(response.text, query).toContain(fragment);
    }
  });

  it("returns the ids and canonical formats", async () => {
    const who = `format-${randomUUID()}@example.com`;
    const statement = statementOf(who, "completed", "https://example.com/format", {
      verb: {
        id: "http://adlnet.gov/expapi/verbs/completed",
        display: { "en-US": "completed", "de-DE": "abgeschlossen" },
      },
    });
    const [id] = (await xapi(base, "/xapi/statements", { authorization: auth, json: statement }))
      .body as string[];
    const ids = (
      await xapi(base, `/xapi/statements?statementId=${id}&format=ids`, { authorization: auth })
    ).body as Record<string, Record<string, unknown>>;
    expect(ids.actor).toEqual({ objectType: "Agent", mbox: `mailto:${who}` });
    expect(ids.verb).toEqual({ id: "http://adlnet.gov/expapi/verbs/completed" });
    expect(ids.object).toEqual({ objectType: "Activity", id: "https://example.com/format" });
    const canonical = (
      await xapi(base, `/xapi/statements?statementId=${id}&format=canonical`, {
        authorization: auth,
        headers: { "accept-language": "de-DE, en;q=0.5" },
      })
    ).body as { verb: { display: Record<string, string> } };
    expect(canonical.verb.display).toEqual({ "de-DE": "abgeschlossen" });
  });

  it("stores attachments sent as multipart/mixed and returns them with attachments=true", async () => {
    const content = Buffer.from("certificate of completion — PDF bytes \u0000\u0001");
    const sha2 = sha256Hex(content);
    const statement = statementOf(
      `attach-${randomUUID()}@example.com`,
      "completed",
      "https://example.com/attach",
      {
        attachments: [
          {
            usageType: "http://id.tincanapi.com/attachment/certificate-of-completion",
            display: { "en-US": "Certificate" },
            contentType: "application/pdf",
            length: content.length,
            sha2,
          },
        ],
      },
    );
    const { contentType, body } = buildMultipartMixed([
      {
        headers: { "Content-Type": "application/json" },
        body: Buffer.from(JSON.stringify(statement)),
      },
      {
        headers: {
          "Content-Type": "application/pdf",
          "Content-Transfer-Encoding": "binary",
          "X-Experience-API-Hash": sha2,
        },
        body: content,
      },
    ]);
    const posted = await xapi(base, "/xapi/statements", {
      authorization: auth,
      body,
      headers: { "content-type": contentType },
    });
    expect(posted.status).toBe(200);
    const [id] = posted.body as string[];
    const response = await fetch(`${base}/xapi/statements?statementId=${id}&attachments=true`, {
      headers: { authorization: auth, "x-experience-api-version": "1.0.3" },
    });
    const type = response.headers.get("content-type") ?? "";
    expect(type).toMatch(/^multipart\/mixed; boundary=/);
    const parts = parseMultipartMixed(
      Buffer.from(await response.arrayBuffer()),
      type.split("boundary=")[1]!,
    );
    expect(parts).toHaveLength(2);
    expect((JSON.parse(parts[0]!.body.toString()) as { id: string }).id).toBe(id);
    expect(parts[1]!.headers["x-experience-api-hash"]).toBe(sha2);
    expect(parts[1]!.body.equals(content)).toBe(true);
    // Without the part, the statement is refused.
    const missing = await xapi(base, "/xapi/statements", { authorization: auth, json: statement });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("attachments[0]");
  });

  it("serves the Activities and Agents resources", async () => {
    const activity = `https://example.com/def/${randomUUID()}`;
    await xapi(base, "/xapi/statements", {
      authorization: auth,
      json: statementOf("def@example.com", "completed", activity),
    });
    const got = await xapi(base, `/xapi/activities?activityId=${encodeURIComponent(activity)}`, {
      authorization: auth,
    });
    expect(got.body).toMatchObject({
      objectType: "Activity",
      id: activity,
      definition: { name: { "en-US": "Module" } },
    });
    const person = await xapi(
      base,
      `/xapi/agents?agent=${encodeURIComponent(JSON.stringify({ mbox: "mailto:def@example.com" }))}`,
      { authorization: auth },
    );
    expect(person.body).toMatchObject({
      objectType: "Person",
      mbox: ["mailto:def@example.com"],
      name: ["def@example.com"],
    });
    expect((await xapi(base, "/xapi/activities", { authorization: auth })).status).toBe(400);
  });

  it("accepts a signed statement whose JWS payload matches, and refuses a tampered or non-RSA one", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const { CompactSign } = await import("jose");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const statement = statementOf(
      `signed-${randomUUID()}@example.com`,
      "passed",
      "https://example.com/signed",
      {
        id: randomUUID(),
        timestamp: "2026-11-21T08:00:00.000Z",
      },
    );
    const sign = (payload: unknown, alg = "RS256") =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg })
        .sign(
          alg === "RS256"
            ? privateKey
            : new TextEncoder().encode("a shared secret of 32 bytes!!!!!"),
        );
    const send = async (jws: string) => {
      const content = Buffer.from(jws);
      const sha2 = sha256Hex(content);
      const signed = {
        ...statement,
        attachments: [
          {
            usageType: "http://adlnet.gov/expapi/attachments/signature",
            display: { "en-US": "Signature" },
            contentType: "application/octet-stream",
            length: content.length,
            sha2,
          },
        ],
      };
      const { contentType, body } = buildMultipartMixed([
        {
          headers: { "Content-Type": "application/json" },
          body: Buffer.from(JSON.stringify(signed)),
        },
        {
          headers: {
            "Content-Type": "application/octet-stream",
            "Content-Transfer-Encoding": "binary",
            "X-Experience-API-Hash": sha2,
          },
          body: content,
        },
      ]);
      return xapi(base, "/xapi/statements", {
        authorization: auth,
        body,
        headers: { "content-type": contentType },
      });
    };
    const tampered = await send(
      await sign({ ...statement, verb: { id: "http://adlnet.gov/expapi/verbs/failed" } }),
    );
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain("does not match the statement");
    const hmac = await send(await sign(statement, "HS256"));
    expect(hmac.status).toBe(400);
    expect(hmac.text).toContain("RS256");
    expect((await send("not.a-jws")).status).toBe(400);
    const good = await send(await sign(statement));
    expect(good.status).toBe(200);
    expect(good.body).toEqual([statement.id]);
  });

  it("keeps a more cursor within the LRS's page limit", async () => {
    const token = Buffer.from(
      JSON.stringify({
        relatedActivities: false,
        relatedAgents: false,
        ascending: false,
        attachments: false,
        format: "exact",
        limit: 1_000_000,
        after: 1e12,
      }),
    ).toString("base64url");
    const response = await xapi(base, `/xapi/statements?more=${token}`, { authorization: auth });
    expect(response.status).toBe(200);
    expect((response.body as StatementsBody).statements.length).toBeLessThanOrEqual(500);
  });

  it("returns statements that target a matching statement (StatementRef), recursively, and group members' statements", async () => {
    const activity = `https://example.com/explosives/${randomUUID()}`;
    const ben = `ben-${randomUUID()}@example.com`;
    const [passed] = (
      await xapi(base, "/xapi/statements", {
        authorization: auth,
        json: statementOf(ben, "passed", activity),
      })
    ).body as string[];
    const ref = (who: string, verb: string, target: string) => ({
      actor: { mbox: `mailto:${who}` },
      verb: { id: `http://example.com/verbs/${verb}` },
      object: { objectType: "StatementRef", id: target },
    });
    const [confirmed] = (
      await xapi(base, "/xapi/statements", {
        authorization: auth,
        json: ref("andrew@example.com", "confirmed", passed!),
      })
    ).body as string[];
    const [audited] = (
      await xapi(base, "/xapi/statements", {
        authorization: auth,
        json: ref("carol@example.com", "audited", confirmed!),
      })
    ).body as string[];
    const ids = async (query: string) =>
      (
        (await xapi(base, `/xapi/statements?${query}`, { authorization: auth }))
          .body as StatementsBody
      ).statements.map((s) => s.id);
    expect(await ids(`activity=${encodeURIComponent(activity)}`)).toEqual([
      audited,
      confirmed,
      passed,
    ]);
    expect(
      await ids(`agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${ben}` }))}`),
    ).toEqual([audited, confirmed, passed]);
    expect(await ids(`activity=${encodeURIComponent(activity)}&limit=2`)).toEqual([
      audited,
      confirmed,
    ]);
    // Voided: the voided statement leaves the results, its voiding statement joins them.
    const [voiding] = (
      await xapi(base, "/xapi/statements", {
        authorization: auth,
        json: {
          ...ref("admin@example.com", "x", passed!),
          verb: { id: "http://adlnet.gov/expapi/verbs/voided" },
        },
      })
    ).body as string[];
    expect(await ids(`activity=${encodeURIComponent(activity)}`)).toEqual([
      voiding,
      audited,
      confirmed,
    ]);
    // A group's statement matches the agent filter of a member.
    const member = `member-${randomUUID()}@example.com`;
    const [groupStatement] = (
      await xapi(base, "/xapi/statements", {
        authorization: auth,
        json: {
          ...statementOf("x", "completed", activity),
          actor: { objectType: "Group", name: "Team", member: [{ mbox: `mailto:${member}` }] },
        },
      })
    ).body as string[];
    expect(
      await ids(`agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${member}` }))}`),
    ).toEqual([groupStatement]);
  });

  it("serves the alternate request syntax of xAPI 1.0.3 (method in the query, headers and content in a form)", async () => {
    const id = randomUUID();
    const form = (fields: Record<string, string>) =>
      fetch(`${base}/xapi/statements?method=${fields.method}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(
          Object.entries(fields).filter(([k]) => k !== "method"),
        ).toString(),
      });
    const put = await form({
      method: "PUT",
      statementId: id,
      Authorization: auth,
      "X-Experience-API-Version": "1.0.3",
      "Content-Type": "application/json",
      content: JSON.stringify(statementOf("alternate@example.com")),
    });
    expect(put.status).toBe(204);
    const get = await form({
      method: "GET",
      statementId: id,
      Authorization: auth,
      "X-Experience-API-Version": "1.0.3",
    });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { id: string }).id).toBe(id);
    expect(get.headers.get("x-experience-api-version")).toBe("1.0.3");
    const noAuth = await form({
      method: "GET",
      statementId: id,
      "X-Experience-API-Version": "1.0.3",
    });
    expect(noAuth.status).toBe(401);
    const extra = await fetch(`${base}/xapi/statements?method=GET&statementId=${id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        Authorization: auth,
        "X-Experience-API-Version": "1.0.3",
      }).toString(),
    });
    expect(extra.status).toBe(400);
    expect(await extra.text()).toContain("form body");
  });
});
