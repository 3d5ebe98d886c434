import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../test/databases.js";
import { request, startCascade, type ErrorBody, type RunningCascade } from "../../test/http.js";
import { connectDatabase } from "../database/connect.js";

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, unknown>>;
}

describeEachEngine("health checks and API document over HTTP", (use, engine) => {
  let server: RunningCascade;
  beforeAll(async () => {
    server = await startCascade(use());
  });
  afterAll(async () => {
    await server.stop();
  });

  it("/healthz answers 200 ok without signing in", async () => {
    const res = await request(server.baseUrl, "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 with the database engine when the schema is current", async () => {
    const res = await request(server.baseUrl, "/readyz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ready", database: engine });
  });

  it("/api/openapi.json is an OpenAPI 3 document listing the people and import endpoints", async () => {
    const res = await request<OpenApiDocument>(server.baseUrl, "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.title).toBe("Cascade API");
    expect(Object.keys(res.body.paths["/api/v1/people"] ?? {})).toContain("get");
    expect(Object.keys(res.body.paths["/api/v1/imports/people"] ?? {})).toContain("post");
    // Health routes are hidden from the document.
    expect(res.body.paths["/healthz"]).toBeUndefined();
  });

  it("an unknown API path is a 404 JSON error naming the route", async () => {
    const res = await request<ErrorBody>(server.baseUrl, "/api/v1/nope?x=1");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.body.error).toEqual({ code: "not_found", message: "No route GET /api/v1/nope." });
  });
});

it("/readyz answers 503 naming the pending migrations when the schema is not migrated", async () => {
  const db = connectDatabase("sqlite::memory:");
  const server = await startCascade(db);
  try {
    const res = await request<{ status: string; reason: string }>(server.baseUrl, "/readyz");
    expect(res.status).toBe(503);
    expect(res.body.status).toBe("not_ready");
    expect(res.body.reason).toContain("pending migrations: 20261121T0000-foundation");
    expect((await request(server.baseUrl, "/healthz")).status).toBe(200);
  } finally {
    await server.stop();
    await db.close();
  }
});
