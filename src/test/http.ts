import type { AddressInfo } from "node:net";
import { createCascade, type Cascade } from "../cascade.js";
import { loadConfig } from "../config.js";
import { issueApiToken, createUser, type NewUser } from "../platform/auth/users.js";
import type { Db } from "../platform/database/connect.js";

/** A Cascade app listening on a random local port, on the test's database. */
export interface RunningCascade {
  cascade: Cascade;
  baseUrl: string;
  /** Stops the HTTP server; the database stays open (the suite drops it). */
  stop(): Promise<void>;
}

/** Starts the whole app over real HTTP on `db`; `env` adds configuration variables. */
export async function startCascade(
  db: Db,
  env: Record<string, string> = {},
): Promise<RunningCascade> {
  const config = loadConfig({
    DATABASE_URL: "sqlite::memory:",
    LOG_LEVEL: "silent",
    ...env,
  });
  const cascade = await createCascade({ config, db, withWorker: false });
  await cascade.app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = cascade.app.server.address() as AddressInfo;
  return {
    cascade,
    baseUrl: `http://127.0.0.1:${port}`,
    // Not cascade.close(): that would also close the database the suite owns.
    stop: () => cascade.app.close(),
  };
}

/** How a test request authenticates: an API token, or a session cookie with its CSRF token. */
export type Credentials =
  { token: string } | { cookie: string; csrfToken?: string | undefined } | undefined;

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** The JSON error body every failing API call returns. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Sends one request and parses the JSON answer (null for an empty body). */
export async function request<T = unknown>(
  baseUrl: string,
  path: string,
  options: {
    method?: string;
    as?: Credentials;
    json?: unknown;
    form?: FormData;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const as = options.as;
  if (as && "token" in as) headers.authorization = `Bearer ${as.token}`;
  if (as && "cookie" in as) {
    headers.cookie = as.cookie;
    if (as.csrfToken !== undefined) headers["x-csrf-token"] = as.csrfToken;
  }
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === "" ? null : JSON.parse(text)) as T,
    headers: response.headers,
  };
}

/**
 * Creates a user without a password (no scrypt cost) and an API token for them, for tests that
 * need many roles quickly.
 */
export async function userWithToken(
  db: Db,
  user: Omit<NewUser, "password">,
): Promise<{ id: string; email: string; token: string }> {
  const created = await createUser(db.kysely, { ...user, password: null });
  const { token } = await issueApiToken(db.kysely, { userId: created.id, name: "test" });
  return { id: created.id, email: created.email, token };
}
