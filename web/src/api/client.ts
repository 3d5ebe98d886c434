import type { ApiErrorBody, ApiErrorCode } from "./types.js";

/** An error answered by the API (or a failure to reach it), carrying the message to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | "network_error";
  readonly details: unknown;

  constructor(options: {
    status: number;
    code: ApiErrorCode | "network_error";
    message: string;
    details?: unknown;
  }) {
    super(options.message);
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The message to show a person for any error thrown by a request. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the token sent back by login or `me`; every mutating request carries it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 after sign-in, e.g. when the session expired. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Record<string, QueryValue>;
  /** A plain object is sent as JSON; FormData as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 to the unauthenticated handler (sign-in and `me`). */
  allowUnauthenticated?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = value.error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends one request to the API and returns its JSON body, or throws an ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers = new Headers({ accept: "application/json" });
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  if (method !== "GET" && csrfToken) headers.set("x-csrf-token", csrfToken);

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      status: 0,
      code: "network_error",
      message: "Cascade cannot be reached. Check your connection and try again.",
    });
  }

  const json = await readJson(response);
  if (response.ok) return json as T;

  if (response.status === 401 && !options.allowUnauthenticated) onUnauthenticated?.();
  if (isErrorBody(json)) {
    throw new ApiError({
      status: response.status,
      code: json.error.code,
      message: json.error.message,
      details: json.error.details,
    });
  }
  throw new ApiError({
    status: response.status,
    code: response.status >= 500 ? "internal" : "bad_request",
    message: `The server answered ${response.status} ${response.statusText}.`.trim(),
  });
}
