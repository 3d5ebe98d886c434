import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clock } from "../../platform/clock.js";
import { describeEachEngine } from "../../test/databases.js";
import { startCascade, type RunningCascade } from "../../test/http.js";
import { createLrsClient } from "./lrs-clients.js";

type Params = Record<string, string | object | undefined>;

interface Sent {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  /** The parsed body, when it is JSON. */
  json: unknown;
}

interface Options {
  body?: string | Buffer | object;
  /** Content-Type of the body; a plain object is sent as application/json by default. */
  type?: string | null;
  headers?: Record<string, string>;
  version?: string;
  /** Authorization header value; null sends none. */
  auth?: string | null;
}

const sha1 = (content: string | Buffer) => createHash("sha1").update(content).digest("hex");

/** A fresh activity IRI, so tests never see each other's documents. */
const newActivity = () => `http://example.com/activities/${randomUUID()}`;
const newAgent = () => ({ objectType: "Agent", mbox: `mailto:${randomUUID()}@example.com` });

describeEachEngine("xAPI document resources", (use) => {
  let app: RunningCascade;
  let auth: string;
  let readOnlyAuth: string;

  beforeAll(async () => {
    app = await startCascade(use());
    const basic = (c: { client: { key: string }; secret: string }) =>
      `Basic ${Buffer.from(`${c.client.key}:${c.secret}`).toString("base64")}`;
    auth = basic(await createLrsClient(use().kysely, { name: "Test LMS" }, null));
    readOnlyAuth = basic(
      await createLrsClient(use().kysely, { name: "Reporting", access: "read" }, null),
    );
  });
  afterAll(() => app.stop());

  async function send(
    method: string,
    path: string,
    params: Params,
    options: Options = {},
  ): Promise<Sent> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      if (value !== undefined)
        query.set(name, typeof value === "string" ? value : JSON.stringify(value));
    const headers: Record<string, string> = {
      "x-experience-api-version": options.version ?? "1.0.3",
      ...options.headers,
    };
    const authorization = options.auth === undefined ? auth : options.auth;
    if (authorization !== null) headers.authorization = authorization;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.body !== undefined) {
      const raw = options.body;
      if (typeof raw === "string") body = raw;
      else if (Buffer.isBuffer(raw)) body = new Uint8Array(raw);
      else body = JSON.stringify(raw);
      const type =
        options.type === undefined
          ? typeof raw === "string" || Buffer.isBuffer(raw)
            ? "text/plain"
            : "application/json"
          : options.type;
      if (type !== null) headers["content-type"] = type;
    }
    const response = await fetch(`${app.baseUrl}/xapi${path}?${query.toString()}`, {
      method,
      headers,
      body,
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString("utf8");
    let json: unknown;
    try {
      json = text === "" ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, bytes, text, json };
  }

  const errorMessage = (sent: Sent) =>
    (sent.json as { error?: { message?: string } } | undefined)?.error?.message ?? "";

  it("State: PUT stores a document byte for byte; GET returns it with its Content-Type, a quoted SHA-1 ETag and Last-Modified; HEAD sends the headers only", async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: "bookmark" };
    const body = '{ "page" : 12,\n  "notes": "naïve" }';
    const put = await send("PUT", "/activities/state", params, {
      body,
      type: "application/json; charset=utf-8",
    });
    expect(put.status).toBe(204);
    expect(put.headers.get("x-experience-api-version")).toBe("1.0.3");

    const got = await send("GET", "/activities/state", params);
    expect(got.status).toBe(200);
    expect(got.text).toBe(body);
    expect(got.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(got.headers.get("etag")).toBe(`"${sha1(body)}"`);
    const lastModified = Date.parse(got.headers.get("last-modified") ?? "");
    expect(Math.abs(lastModified - Date.now())).toBeLessThan(60_000);

    const head = await send("HEAD", "/activities/state", params);
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.headers.get("etag")).toBe(`"${sha1(body)}"`);

    const missing = await send("GET", "/activities/state", { ...params, stateId: "nothing" });
    expect(missing.status).toBe(404);
    expect(errorMessage(missing)).toContain("nothing");
  });

  it("State: POST stores a new document, then merges top-level JSON properties (the posted ones win, nested objects are replaced whole)", async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: "vars" };
    const first = { x: "foo", y: "bar", nested: { a: 1, b: 2 } };
    expect((await send("POST", "/activities/state", params, { body: first })).status).toBe(204);
    expect((await send("GET", "/activities/state", params)).json).toEqual(first);

    const second = { x: "bash", z: "faz", nested: { c: 3 } };
    expect((await send("POST", "/activities/state", params, { body: second })).status).toBe(204);
    const merged = await send("GET", "/activities/state", params);
    expect(merged.json).toEqual({ x: "bash", y: "bar", z: "faz", nested: { c: 3 } });
    expect(merged.headers.get("etag")).toBe(`"${sha1(merged.bytes)}"`);
  });

  it("State: POST refuses with 400 to merge anything but two JSON objects (and a PUT of invalid JSON as application/json), leaving the stored document alone", async () => {
    const activityId = newActivity();
    const agent = newAgent();
    const json = { activityId, agent, stateId: "json" };
    await send("PUT", "/activities/state", json, { body: { keep: true } });
    const refusals: Options[] = [
      { body: "abcdefg", type: "not/json" },
      { body: "abc", type: "application/x-www-form-urlencoded" },
      { body: '{"broken": ', type: "application/json" },
      { body: [1, 2, 3] },
      { body: "42", type: "application/json" },
    ];
    for (const refusal of refusals) {
      const sent = await send("POST", "/activities/state", json, refusal);
      expect(sent.status, JSON.stringify(refusal)).toBe(400);
    }
    const badPut = await send("PUT", "/activities/state", json, {
      body: "{not json",
      type: "application/json",
    });
    expect(badPut.status).toBe(400);
    expect((await send("GET", "/activities/state", json)).json).toEqual({ keep: true });

    const binary = { activityId, agent, stateId: "binary" };
    await send("PUT", "/activities/state", binary, {
      body: "/ asdf / undefined",
      type: "application/octet-stream",
    });
    const merge = await send("POST", "/activities/state", binary, { body: { a: 1 } });
    expect(merge.status).toBe(400);
    expect(errorMessage(merge)).toContain("application/octet-stream");
    expect((await send("GET", "/activities/state", binary)).text).toBe("/ asdf / undefined");

    const notObject = { activityId, agent, stateId: "array" };
    await send("PUT", "/activities/state", notObject, { body: ["a"] });
    expect((await send("POST", "/activities/state", notObject, { body: { a: 1 } })).status).toBe(
      400,
    );
  });

  it("State: registration scopes documents, and no registration is a scope of its own", async () => {
    const activityId = newActivity();
    const agent = newAgent();
    const registration = randomUUID();
    const plain = { activityId, agent, stateId: "s" };
    const registered = { ...plain, registration };
    await send("PUT", "/activities/state", plain, { body: { attempt: 0 } });
    await send("PUT", "/activities/state", registered, { body: { attempt: 1 } });
    await send("PUT", "/activities/state", { ...registered, stateId: "t" }, { body: "t" });

    expect((await send("GET", "/activities/state", plain)).json).toEqual({ attempt: 0 });
    // Registrations compare case-insensitively.
    const upper = { ...plain, registration: registration.toUpperCase() };
    expect((await send("GET", "/activities/state", upper)).json).toEqual({ attempt: 1 });
    const ids = await send("GET", "/activities/state", { activityId, agent, registration });
    expect((ids.json as string[]).sort()).toEqual(["s", "t"]);
    expect((await send("GET", "/activities/state", { activityId, agent })).json).toEqual(["s"]);

    expect(
      (await send("DELETE", "/activities/state", { activityId, agent, registration })).status,
    ).toBe(204);
    expect(
      (await send("GET", "/activities/state", { activityId, agent, registration })).json,
    ).toEqual([]);
    expect((await send("GET", "/activities/state", plain)).json).toEqual({ attempt: 0 });
  });

  it("State: GET without stateId lists the context's ids, `since` keeps those stored after it (exclusive); DELETE without stateId deletes only that context", async () => {
    const activityId = newActivity();
    const agent = newAgent();
    const other = newAgent();
    const context = { activityId, agent };
    try {
      clock.set(new Date("2030-01-01T10:00:00.000Z"));
      await send("PUT", "/activities/state", { ...context, stateId: "early" }, { body: "1" });
      clock.set(new Date("2030-01-01T11:00:00.000Z"));
      await send("PUT", "/activities/state", { ...context, stateId: "late" }, { body: "2" });
      await send(
        "PUT",
        "/activities/state",
        { activityId, agent: other, stateId: "x" },
        {
          body: "3",
        },
      );
    } finally {
      clock.set(null);
    }
    const all = await send("GET", "/activities/state", context);
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toMatch(/^application\/json/);
    expect((all.json as string[]).sort()).toEqual(["early", "late"]);
    expect(all.headers.get("last-modified")).toBe(
      new Date("2030-01-01T11:00:00.000Z").toUTCString(),
    );

    const since = async (value: string) =>
      (await send("GET", "/activities/state", { ...context, since: value })).json;
    expect(await since("2030-01-01T10:00:00.000Z")).toEqual(["late"]);
    expect(await since("2030-01-01T09:59:59.999Z")).toEqual(["early", "late"]);
    expect(await since("2030-01-01T12:00:00+01:00")).toEqual([]);
    expect(await since("2030-01-01T10:30:00")).toEqual(["late"]);
    expect(await since("20300101T103000Z")).toEqual(["late"]);

    expect((await send("DELETE", "/activities/state", context)).status).toBe(204);
    expect((await send("GET", "/activities/state", context)).json).toEqual([]);
    expect((await send("GET", "/activities/state", { activityId, agent: other })).json).toEqual([
      "x",
    ]);
  });

  it("State: PUT over an existing document needs no precondition (1.0.3 and 2.0.0) but honours If-Match and If-None-Match on PUT, POST and DELETE", async () => {
    for (const version of ["1.0.3", "2.0.0"]) {
      const params = { activityId: newActivity(), agent: newAgent(), stateId: "s" };
      const v = { version };
      expect(
        (await send("PUT", "/activities/state", params, { ...v, body: { n: 1 } })).status,
      ).toBe(204);
      expect(
        (await send("PUT", "/activities/state", params, { ...v, body: { n: 2 } })).status,
      ).toBe(204);
      const etag = (await send("GET", "/activities/state", params, v)).headers.get("etag") ?? "";

      const stale = { ...v, body: { n: 3 }, headers: { "if-match": '"1234"' } };
      expect((await send("PUT", "/activities/state", params, stale)).status).toBe(412);
      expect((await send("POST", "/activities/state", params, stale)).status).toBe(412);
      expect(
        (
          await send("DELETE", "/activities/state", params, {
            ...v,
            headers: { "if-match": '"1234"' },
          })
        ).status,
      ).toBe(412);
      const exists = { ...v, body: { n: 3 }, headers: { "if-none-match": "*" } };
      expect((await send("PUT", "/activities/state", params, exists)).status).toBe(412);
      expect((await send("GET", "/activities/state", params, v)).json).toEqual({ n: 2 });

      const fresh = { ...v, body: { n: 4 }, headers: { "if-match": etag } };
      expect((await send("PUT", "/activities/state", params, fresh)).status).toBe(204);
      expect((await send("GET", "/activities/state", params, v)).json).toEqual({ n: 4 });
      // The ETag changed with the content: the old one no longer matches.
      expect((await send("PUT", "/activities/state", params, fresh)).status).toBe(412);

      const current = (await send("GET", "/activities/state", params, v)).headers.get("etag") ?? "";
      expect(
        (
          await send("DELETE", "/activities/state", params, {
            ...v,
            headers: { "if-match": current },
          })
        ).status,
      ).toBe(204);
      expect((await send("GET", "/activities/state", params, v)).status).toBe(404);
      // If-Match cannot match a document that does not exist; If-None-Match: * creates it.
      expect((await send("PUT", "/activities/state", params, fresh)).status).toBe(412);
      expect((await send("PUT", "/activities/state", params, exists)).status).toBe(204);
      // Deleting a document that is not there is not an error.
      expect(
        (await send("DELETE", "/activities/state", { ...params, stateId: "none" }, v)).status,
      ).toBe(204);
    }
  });

  it("Activity Profile: PUT, GET, POST merge, id listing with since, DELETE", async () => {
    const activityId = newActivity();
    const params = { activityId, profileId: "settings" };
    expect((await send("PUT", "/activities/profile", params, { body: { a: 1 } })).status).toBe(204);
    const got = await send("GET", "/activities/profile", params);
    expect(got.json).toEqual({ a: 1 });
    const etag = got.headers.get("etag") ?? "";
    expect(etag).toBe(`"${sha1(JSON.stringify({ a: 1 }))}"`);
    expect(got.headers.get("last-modified")).not.toBeNull();

    const post = await send("POST", "/activities/profile", params, {
      body: { b: 2 },
      headers: { "if-match": etag },
    });
    expect(post.status).toBe(204);
    expect((await send("GET", "/activities/profile", params)).json).toEqual({ a: 1, b: 2 });

    const before = new Date(Date.now() - 60_000).toISOString();
    await send("PUT", "/activities/profile", { activityId, profileId: "other" }, { body: "x" });
    const ids = await send("GET", "/activities/profile", { activityId, since: before });
    expect((ids.json as string[]).sort()).toEqual(["other", "settings"]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await send("GET", "/activities/profile", { activityId, since: future })).json).toEqual(
      [],
    );
    expect((await send("GET", "/activities/profile", { activityId: newActivity() })).json).toEqual(
      [],
    );

    expect((await send("DELETE", "/activities/profile", params)).status).toBe(204);
    expect((await send("GET", "/activities/profile", params)).status).toBe(404);
    expect((await send("GET", "/activities/profile", { activityId })).json).toEqual(["other"]);
  });

  it("Agent Profile: documents are keyed by the agent's identifier (mailto compared case-insensitively, name ignored)", async () => {
    const id = randomUUID();
    const agent = { objectType: "Agent", name: "Ada", mbox: `mailto:Ada.${id}@Example.com` };
    const same = { mbox: `mailto:ada.${id}@example.com` };
    const params = { agent, profileId: "prefs" };
    expect((await send("PUT", "/agents/profile", params, { body: { theme: "dark" } })).status).toBe(
      204,
    );
    const got = await send("GET", "/agents/profile", { agent: same, profileId: "prefs" });
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ theme: "dark" });

    await send(
      "POST",
      "/agents/profile",
      { agent: same, profileId: "prefs" },
      {
        body: { lang: "fr" },
      },
    );
    expect((await send("GET", "/agents/profile", params)).json).toEqual({
      theme: "dark",
      lang: "fr",
    });
    await send("PUT", "/agents/profile", { agent, profileId: "second" }, { body: "2" });
    const ids = await send("GET", "/agents/profile", { agent: same });
    expect((ids.json as string[]).sort()).toEqual(["prefs", "second"]);
    const other = { account: { homePage: "https://example.com", name: id } };
    expect((await send("GET", "/agents/profile", { agent: other })).json).toEqual([]);

    expect((await send("DELETE", "/agents/profile", params)).status).toBe(204);
    expect((await send("GET", "/agents/profile", { agent })).json).toEqual(["second"]);
  });

  it("Profiles: a PUT over an existing profile without If-Match or If-None-Match is 409 with an explanation (1.0.3 and 2.0.0); creating, POST and DELETE need no header", async () => {
    for (const version of ["1.0.3", "2.0.0"]) {
      for (const [path, context] of [
        ["/activities/profile", { activityId: newActivity() }],
        ["/agents/profile", { agent: newAgent() }],
      ] as const) {
        const params = { ...context, profileId: "p" };
        const v = { version };
        expect((await send("PUT", path, params, { ...v, body: { n: 1 } })).status).toBe(204);
        const conflict = await send("PUT", path, params, { ...v, body: { n: 2 } });
        expect(conflict.status).toBe(409);
        expect(conflict.headers.get("x-experience-api-version")).toBe(version);
        expect(errorMessage(conflict)).toContain("If-Match");
        expect((await send("GET", path, params, v)).json).toEqual({ n: 1 });

        const etag = (await send("GET", path, params, v)).headers.get("etag") ?? "";
        const replace = { ...v, body: { n: 3 }, headers: { "if-match": etag } };
        expect((await send("PUT", path, params, replace)).status).toBe(204);
        expect((await send("POST", path, params, { ...v, body: { m: 1 } })).status).toBe(204);
        expect((await send("GET", path, params, v)).json).toEqual({ n: 3, m: 1 });
        expect((await send("DELETE", path, params, v)).status).toBe(204);
        expect((await send("GET", path, params, v)).status).toBe(404);
      }
    }
  });

  it("Profiles: If-Match that does not match (or has nothing to match) and If-None-Match: * over an existing profile are 412, and change nothing", async () => {
    const params = { activityId: newActivity(), profileId: "p" };
    const absent = await send("PUT", "/activities/profile", params, {
      body: { n: 1 },
      headers: { "if-match": `"${sha1("whatever")}"` },
    });
    expect(absent.status).toBe(412);
    expect((await send("GET", "/activities/profile", params)).status).toBe(404);

    const create = { body: { n: 1 }, headers: { "if-none-match": "*" } };
    expect((await send("PUT", "/activities/profile", params, create)).status).toBe(204);
    expect((await send("PUT", "/activities/profile", params, create)).status).toBe(412);
    const wrong = { body: { n: 2 }, headers: { "if-match": '"1234"' } };
    expect((await send("PUT", "/activities/profile", params, wrong)).status).toBe(412);
    expect((await send("POST", "/activities/profile", params, wrong)).status).toBe(412);
    expect(
      (await send("DELETE", "/activities/profile", params, { headers: { "if-match": '"1234"' } }))
        .status,
    ).toBe(412);
    expect((await send("GET", "/activities/profile", params)).json).toEqual({ n: 1 });

    // `*` matches any existing document; a list matches when one of its tags does.
    const etag = (await send("GET", "/activities/profile", params)).headers.get("etag") ?? "";
    const star = { body: { n: 3 }, headers: { "if-match": "*" } };
    expect((await send("PUT", "/activities/profile", params, star)).status).toBe(204);
    const current = (await send("GET", "/activities/profile", params)).headers.get("etag") ?? "";
    const list = { body: { n: 4 }, headers: { "if-match": `${etag}, ${current}` } };
    expect((await send("PUT", "/activities/profile", params, list)).status).toBe(204);
    expect((await send("GET", "/activities/profile", params)).json).toEqual({ n: 4 });
  });

  it("Profiles: of concurrent creations with If-None-Match: *, exactly one succeeds", async () => {
    const params = { activityId: newActivity(), profileId: "race" };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send("PUT", "/activities/profile", params, {
          body: { writer: i },
          headers: { "if-none-match": "*" },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 412, 412, 412, 412, 412, 412, 412]);
    const winner = results.findIndex((r) => r.status === 204);
    expect((await send("GET", "/activities/profile", params)).json).toEqual({ writer: winner });
  });

  it("Binary and text documents round-trip byte for byte with their Content-Type; a body without one is served as application/octet-stream", async () => {
    const agent = newAgent();
    const bytes = Buffer.concat([
      Buffer.from([0, 255, 0xc3, 0x28, 0x89, 10, 13]),
      randomBytes(4096),
    ]);
    const png = { agent, profileId: "avatar" };
    expect(
      (await send("PUT", "/agents/profile", png, { body: bytes, type: "image/png" })).status,
    ).toBe(204);
    const got = await send("GET", "/agents/profile", png);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get("etag")).toBe(`"${sha1(bytes)}"`);

    const untyped = { agent, profileId: "untyped" };
    await send("PUT", "/agents/profile", untyped, { body: bytes, type: null });
    const raw = await send("GET", "/agents/profile", untyped);
    expect(raw.headers.get("content-type")).toBe("application/octet-stream");
    expect(raw.bytes.equals(bytes)).toBe(true);

    const text = { agent, profileId: "text" };
    const content = "Zoë ✓\r\nline two";
    await send("PUT", "/agents/profile", text, {
      body: content,
      type: "text/plain; charset=utf-8",
    });
    const back = await send("GET", "/agents/profile", text);
    expect(back.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(back.text).toBe(content);

    const empty = { agent, profileId: "empty" };
    expect(
      (await send("PUT", "/agents/profile", empty, { body: "", type: "text/plain" })).status,
    ).toBe(204);
    const none = await send("GET", "/agents/profile", empty);
    expect(none.status).toBe(200);
    expect(none.bytes.length).toBe(0);
    expect(none.headers.get("etag")).toBe(`"${sha1("")}"`);
  });

  it("GET with If-None-Match of the current ETag is 304 Not Modified", async () => {
    const params = { activityId: newActivity(), profileId: "cached" };
    await send("PUT", "/activities/profile", params, { body: { a: 1 } });
    const etag = (await send("GET", "/activities/profile", params)).headers.get("etag") ?? "";
    const cached = await send("GET", "/activities/profile", params, {
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(etag);
    const changed = await send("GET", "/activities/profile", params, {
      headers: { "if-none-match": '"1234"' },
    });
    expect(changed.status).toBe(200);
  });

  it("Parameters: missing, malformed and unknown ones are 400 naming the parameter", async () => {
    const activityId = newActivity();
    const agent = newAgent();
    const state = { activityId, agent, stateId: "s" };
    const cases: [string, string, Params, string][] = [
      ["PUT", "/activities/state", { agent, stateId: "s" }, "activityId"],
      ["GET", "/activities/state", { agent }, "activityId"],
      ["PUT", "/activities/state", { ...state, activityId: "not an iri" }, "activityId"],
      ["PUT", "/activities/state", { activityId, stateId: "s" }, "agent"],
      ["DELETE", "/activities/state", { activityId }, "agent"],
      ["PUT", "/activities/state", { ...state, agent: "not JSON" }, "agent"],
      ["POST", "/activities/state", { ...state, agent: "true" }, "agent"],
      ["GET", "/activities/state", { ...state, agent: { mbox: "bob@example.com" } }, "agent.mbox"],
      ["GET", "/activities/state", { ...state, agent: { name: "no identifier" } }, "agent"],
      ["PUT", "/activities/state", { ...state, registration: "true" }, "registration"],
      ["PUT", "/activities/state", { activityId, agent }, "stateId"],
      ["POST", "/activities/state", { activityId, agent }, "stateId"],
      ["PUT", "/activities/state", { ...state, stateId: "" }, "stateId"],
      ["GET", "/activities/state", { activityId, agent, since: "yesterday" }, "since"],
      ["GET", "/activities/state", { ...state, since: "2030-01-01T00:00:00Z" }, "since"],
      ["DELETE", "/activities/state", { ...state, since: "2030-01-01T00:00:00Z" }, "since"],
      ["GET", "/activities/state", { activityId, agent, StateId: "s" }, "StateId"],
      ["PUT", "/activities/profile", { profileId: "p" }, "activityId"],
      ["PUT", "/activities/profile", { activityId }, "profileId"],
      ["DELETE", "/activities/profile", { activityId }, "profileId"],
      ["PUT", "/activities/profile", { activityId, profileId: "p", agent }, "agent"],
      ["GET", "/agents/profile", {}, "agent"],
      ["DELETE", "/agents/profile", { agent }, "profileId"],
      ["GET", "/agents/profile", { agent, activityId }, "activityId"],
      ["GET", "/agents/profile", { agent, since: "2030-13-01T00:00:00Z" }, "since"],
    ];
    for (const [method, path, params, name] of cases) {
      const sent = await send(
        method,
        path,
        params,
        method === "PUT" || method === "POST" ? { body: { a: 1 } } : {},
      );
      const label = `${method} ${path} ${JSON.stringify(params)}`;
      expect(sent.status, label).toBe(400);
      expect(errorMessage(sent), label).toContain(name);
    }
    // A bad If-Match on a multiple-document DELETE is refused rather than ignored.
    const deleteAll = await send(
      "DELETE",
      "/activities/state",
      { activityId, agent },
      {
        headers: { "if-match": '"1234"' },
      },
    );
    expect(deleteAll.status).toBe(400);
  });

  it("Access: a read-only client may GET but not write (403); no credentials is 401", async () => {
    const params = { activityId: newActivity(), profileId: "p" };
    await send("PUT", "/activities/profile", params, { body: { a: 1 } });
    expect((await send("GET", "/activities/profile", params, { auth: readOnlyAuth })).status).toBe(
      200,
    );
    const put = await send("PUT", "/activities/profile", params, {
      auth: readOnlyAuth,
      body: { a: 2 },
      headers: { "if-match": "*" },
    });
    expect(put.status).toBe(403);
    expect(
      (await send("DELETE", "/activities/profile", params, { auth: readOnlyAuth })).status,
    ).toBe(403);
    expect((await send("GET", "/activities/profile", params, { auth: null })).status).toBe(401);
    expect(
      (await send("PUT", "/activities/profile", params, { auth: null, body: "x" })).status,
    ).toBe(401);
    expect((await send("GET", "/activities/profile", params)).json).toEqual({ a: 1 });
  });
});
