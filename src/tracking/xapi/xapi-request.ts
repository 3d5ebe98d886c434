import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.js";
import type { LrsCaller } from "./lrs-clients.js";
import { isIsoTimestamp, type XapiVersion } from "./validate-statement.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The xAPI version the request asked for (`X-Experience-API-Version`). */
    xapiVersion: XapiVersion;
    /** The LRS client behind an xAPI request, once authenticated. */
    lrsCaller: LrsCaller | null;
  }
}

/** Versions the LRS speaks, newest last, as the About resource lists them. */
export const supportedVersions = ["1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"] as const;

/**
 * The version a request asked for: any 1.0.x is served as 1.0.3, 2.0 and 2.0.0 as 2.0.0. The header
 * is required on every request but About's.
 */
export function negotiateVersion(header: string | string[] | undefined): XapiVersion {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "")
    throw new AppError(
      "bad_request",
      "The X-Experience-API-Version header is required (1.0.3 or 2.0.0).",
    );
  const v = value.trim();
  if (/^1\.0(\.\d+)?$/.test(v)) return "1.0.3";
  if (/^2\.0(\.0)?$/.test(v)) return "2.0.0";
  throw new AppError(
    "bad_request",
    `X-Experience-API-Version "${v}" is not supported; this LRS speaks 1.0.3 and 2.0.0.`,
  );
}

/** The request's query parameters as single strings; a repeated parameter is an error. */
export function queryParams(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (Array.isArray(value))
      throw new AppError("bad_request", `The parameter ${key} is given more than once.`);
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

/** Refuses parameters a resource does not define (the spec requires a 400 for them). */
export function onlyParams(params: Record<string, string>, allowed: readonly string[]): void {
  for (const key of Object.keys(params))
    if (!allowed.includes(key))
      throw new AppError(
        "bad_request",
        `Unknown parameter "${key}"; this resource accepts ${allowed.join(", ")}.`,
      );
}

/** Parses a JSON-valued parameter such as `agent`, naming it when it is not JSON. */
export function jsonParam(params: Record<string, string>, name: string): unknown {
  const raw = params[name];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError("bad_request", `${name}: is not valid JSON.`);
  }
}

/** A boolean parameter ("true"/"false"), `fallback` when absent. */
export function booleanParam(
  params: Record<string, string>,
  name: string,
  fallback: boolean,
): boolean {
  const raw = params[name];
  if (raw === undefined) return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new AppError("bad_request", `${name}: must be true or false, got "${raw}".`);
}

/** The request body as bytes (the LRS parses every content type itself). */
export function rawBody(request: FastifyRequest): Buffer {
  const body = request.body;
  if (Buffer.isBuffer(body)) return body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  return Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
}

/** The media type of the request without parameters, lower-case. */
export function mediaType(request: FastifyRequest): string {
  return (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Replies 204 No Content. */
export function noContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}

/**
 * A `since` parameter as the ISO-8601 UTC instant (`Date.toISOString()`) that stored
 * `updated_at` values compare with. ISO 8601 basic and extended formats; a timestamp without a
 * zone is taken as UTC. Fractions beyond milliseconds are dropped, which keeps the exclusive
 * comparison exact since stored instants have millisecond precision.
 */
export function instantParam(name: string, value: string): string {
  const instant = isIsoTimestamp(value) ? isoInstant(value) : null;
  if (instant === null)
    throw new AppError("bad_request", `${name}: "${value}" is not an ISO 8601 timestamp.`);
  return instant;
}

/**
 * An ISO 8601 timestamp (basic or extended format, with or without a zone) as the UTC instant
 * `Date.toISOString()` gives; null when it is not one. Without a zone it is taken as UTC.
 */
export function isoInstant(value: string): string | null {
  const m =
    /^(\d{4})-?(\d{2})-?(\d{2})[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      value,
    );
  if (!m) return null;
  const [, year, month, day, hour, minute] = m;
  let second = m[6] ?? "00";
  let millis = `${m[7] ?? ""}000`.slice(0, 3);
  // A leap second is the last instant of its minute here.
  if (second === "60") [second, millis] = ["59", "999"];
  const zone = m[8];
  let offset = "Z";
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || "00"}`;
  }
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
