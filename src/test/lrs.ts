import type { Db } from "../platform/database/connect.js";
import { createLrsClient, type LrsAccess } from "../tracking/xapi/lrs-clients.js";

/** An LRS client with its Basic authorization header. */
export async function lrsClient(
  db: Db,
  access: LrsAccess = "read_write",
  name = "Test LMS",
): Promise<{ key: string; secret: string; authorization: string; id: string }> {
  const { client, secret } = await createLrsClient(db.kysely, { name, access }, null);
  return {
    id: client.id,
    key: client.key,
    secret,
    authorization: `Basic ${Buffer.from(`${client.key}:${secret}`).toString("base64")}`,
  };
}

/** A typical statement: `who` did `verb` to an activity. */
export function statementOf(
  who: string,
  verb = "completed",
  activity = "https://example.com/activity/1",
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    actor: { objectType: "Agent", name: who, mbox: `mailto:${who}` },
    verb: {
      id: `http://adlnet.gov/expapi/verbs/${verb}`,
      display: { "en-US": verb },
    },
    object: {
      objectType: "Activity",
      id: activity,
      definition: {
        name: { "en-US": "Module" },
        type: "http://adlnet.gov/expapi/activities/lesson",
      },
    },
    ...extra,
  };
}

/** Sends an xAPI request: Basic auth and the version header, JSON body when given. */
export async function xapi(
  baseUrl: string,
  path: string,
  options: {
    authorization?: string;
    method?: string;
    json?: unknown;
    body?: string | Buffer;
    version?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization) headers.authorization = options.authorization;
  if (options.version !== null) headers["x-experience-api-version"] = options.version ?? "1.0.3";
  let body: string | Blob | undefined =
    options.body === undefined || typeof options.body === "string"
      ? options.body
      : new Blob([new Uint8Array(options.body)]);
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}
