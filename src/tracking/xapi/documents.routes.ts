import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.js";
import type { AppDeps } from "../../platform/http/context.js";
import { agentKey, type XapiAgent } from "./agents.js";
import {
  deleteDocuments,
  findDocument,
  listDocumentIds,
  withDocument,
  type DocumentKind,
  type DocumentScope,
  type StoredDocument,
} from "./documents.repository.js";
import { isIri, isUuid, validateAgent } from "./validate-statement.js";
import {
  instantParam,
  jsonParam,
  mediaType,
  noContent,
  onlyParams,
  queryParams,
  rawBody,
} from "./xapi-request.js";

/**
 * The three Document Resources (xAPI 1.0.3 Communication 2.2, 2.3, 2.6, 2.7; IEEE 9274.1.1
 * 4.1.6.2, 4.1.6.5, 4.1.6.6): arbitrary documents stored byte for byte with their Content-Type,
 * JSON objects merged by POST, and ETag concurrency control (Communication 3.1).
 */
interface DocumentResource {
  kind: DocumentKind;
  path: string;
  /** What the documents are called in messages. */
  noun: string;
  /** The document id parameter: stateId or profileId. */
  idParam: "stateId" | "profileId";
  /** Context parameters, in the order they are checked. */
  context: readonly ("activityId" | "agent" | "registration")[];
  /**
   * Whether a PUT over an existing document needs If-Match or If-None-Match (409 otherwise). The
   * State Resource is exempt: "The State Resource will permit PUT, POST and DELETE requests
   * without concurrency headers, since state conflicts are unlikely" (Communication 3.1.s3).
   */
  putNeedsPrecondition: boolean;
  /** Whether DELETE without the id deletes every document of the context (State only). */
  deleteAll: boolean;
}

const resources: readonly DocumentResource[] = [
  {
    kind: "state",
    path: "/activities/state",
    noun: "state document",
    idParam: "stateId",
    context: ["activityId", "agent", "registration"],
    putNeedsPrecondition: false,
    deleteAll: true,
  },
  {
    kind: "activity_profile",
    path: "/activities/profile",
    noun: "activity profile",
    idParam: "profileId",
    context: ["activityId"],
    putNeedsPrecondition: true,
    deleteAll: false,
  },
  {
    kind: "agent_profile",
    path: "/agents/profile",
    noun: "agent profile",
    idParam: "profileId",
    context: ["agent"],
    putNeedsPrecondition: true,
    deleteAll: false,
  },
];

const jsonType = "application/json";
/** The type a document sent without a Content-Type is stored (and served) as. */
const defaultType = "application/octet-stream";

export function documentRoutes(lrs: FastifyInstance, deps: AppDeps): void {
  const db = deps.db.kysely;
  for (const resource of resources) {
    const { path, idParam } = resource;
    const contextParams: string[] = [...resource.context];

    lrs.get(path, async (request, reply) => {
      const params = queryParams(request);
      onlyParams(params, [...contextParams, idParam, "since"]);
      const scope = readScope(params, resource);
      const id = documentId(params, idParam, false);
      if (id === undefined) {
        const since = params.since === undefined ? undefined : instantParam("since", params.since);
        const { ids, lastModified } = await listDocumentIds(db, scope, since);
        if (lastModified) void reply.header("last-modified", httpDate(lastModified));
        return reply.type(jsonType).send(JSON.stringify(ids));
      }
      if (params.since !== undefined)
        throw new AppError(
          "bad_request",
          `since: only filters the list of ids; it is not allowed together with ${idParam}.`,
        );
      const doc = await findDocument(db, { ...scope, documentId: id });
      if (!doc)
        throw new AppError("not_found", `There is no ${resource.noun} "${id}" ${where(resource)}.`);
      void reply.header("etag", `"${doc.etag}"`);
      void reply.header("last-modified", httpDate(doc.updatedAt));
      const ifNoneMatch = headerValue(request, "if-none-match");
      if (ifNoneMatch !== undefined && etagListMatches(ifNoneMatch, doc.etag, true))
        return reply.status(304).send();
      return reply.type(doc.contentType).send(doc.content);
    });

    lrs.put(path, async (request, reply) => {
      const params = queryParams(request);
      onlyParams(params, [...contextParams, idParam]);
      const key = { ...readScope(params, resource), documentId: requiredId(params, idParam) };
      const { contentType, content } = readDocumentBody(request);
      await withDocument(db, key, async (current, writer) => {
        const sent = checkPreconditions(request, current);
        if (!sent && current && resource.putNeedsPrecondition)
          throw new AppError(
            "conflict",
            `The ${resource.noun} "${key.documentId}" already exists. Check its current state (GET it) and send If-Match with its current ETag to replace it, or If-None-Match: * to create it only when it does not exist.`,
          );
        await writer.put(contentType, content);
      });
      return noContent(reply);
    });

    lrs.post(path, async (request, reply) => {
      const params = queryParams(request);
      onlyParams(params, [...contextParams, idParam]);
      const key = { ...readScope(params, resource), documentId: requiredId(params, idParam) };
      const { contentType, content, json } = readDocumentBody(request);
      await withDocument(db, key, async (current, writer) => {
        checkPreconditions(request, current);
        if (!current) return writer.put(contentType, content);
        const merged = mergeDocuments(current, contentType, json);
        return writer.put(current.contentType, Buffer.from(JSON.stringify(merged)));
      });
      return noContent(reply);
    });

    lrs.delete(path, async (request, reply) => {
      const params = queryParams(request);
      onlyParams(params, [...contextParams, idParam]);
      const scope = readScope(params, resource);
      const id = documentId(params, idParam, !resource.deleteAll);
      if (id === undefined) {
        if (
          headerValue(request, "if-match") !== undefined ||
          headerValue(request, "if-none-match") !== undefined
        )
          throw new AppError(
            "bad_request",
            `If-Match and If-None-Match apply to one document; give ${idParam} or leave them out to delete every ${resource.noun} ${where(resource)}.`,
          );
        await deleteDocuments(db, scope);
        return noContent(reply);
      }
      await withDocument(db, { ...scope, documentId: id }, async (current, writer) => {
        checkPreconditions(request, current);
        if (current) await writer.remove();
      });
      return noContent(reply);
    });
  }
}

function where(resource: DocumentResource): string {
  if (resource.kind === "state") return "for this activity, agent and registration";
  return resource.kind === "activity_profile" ? "for this activity" : "for this agent";
}

/**
 * The context parameters of a request, checked, as the repository keys documents. A State
 * request without `registration` addresses the documents stored without one ("no registration"
 * is a scope of its own, as adlnet/xAPI-Spec#1086 reads Communication 2.3), so a multiple-document
 * GET or DELETE never reaches into registrations it did not name.
 */
function readScope(params: Record<string, string>, resource: DocumentResource): DocumentScope {
  const scope: DocumentScope = {
    kind: resource.kind,
    activityId: "",
    agentKey: "",
    registration: "",
  };
  for (const name of resource.context) {
    const value = params[name];
    if (name === "registration") {
      if (value === undefined) continue;
      if (!isUuid(value))
        throw new AppError("bad_request", `registration: "${value}" is not a UUID.`);
      scope.registration = value.toLowerCase();
      continue;
    }
    if (value === undefined) throw new AppError("bad_request", `${name}: is required.`);
    if (name === "activityId") {
      if (!isIri(value)) throw new AppError("bad_request", `activityId: "${value}" is not an IRI.`);
      scope.activityId = value;
      continue;
    }
    const agent = jsonParam(params, "agent");
    const issue = validateAgent(agent, "agent");
    if (issue) throw new AppError("bad_request", `${issue.path}: ${issue.message}`);
    scope.agentKey = agentKey(agent as XapiAgent);
  }
  return scope;
}

/** The stateId/profileId parameter; undefined when absent and not `required`. */
function documentId(
  params: Record<string, string>,
  name: string,
  required: boolean,
): string | undefined {
  const value = params[name];
  if (value === undefined) {
    if (required) throw new AppError("bad_request", `${name}: is required.`);
    return undefined;
  }
  if (value === "") throw new AppError("bad_request", `${name}: must not be empty.`);
  return value;
}

function requiredId(params: Record<string, string>, name: string): string {
  return documentId(params, name, true) as string;
}

function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** A request header as one trimmed string; undefined when absent or blank. */
function headerValue(request: FastifyRequest, name: string): string | undefined {
  const raw = request.headers[name];
  const value = Array.isArray(raw) ? raw.join(", ") : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Whether an If-Match / If-None-Match value matches a document's ETag: `*`, or one of a
 * comma-separated list of entity tags (quoted as RFC 7232 has them, or bare, which some clients
 * send). If-Match compares strongly, so weak tags (`W/"…"`) never match it; If-None-Match
 * compares weakly.
 */
function etagListMatches(header: string, etag: string, weak: boolean): boolean {
  for (const entry of header.split(",")) {
    let tag = entry.trim();
    if (tag === "*") return true;
    if (tag.startsWith("W/")) {
      if (!weak) continue;
      tag = tag.slice(2);
    }
    if (tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"')) tag = tag.slice(1, -1);
    if (tag.toLowerCase() === etag) return true;
  }
  return false;
}

/**
 * Applies If-Match and If-None-Match to a write (Communication 3.1.s4.b5–b12; IEEE 9274.1.1
 * 4.1.4): 412 Precondition Failed when If-Match does not match the current document (or there
 * is none), or when If-None-Match matches it (`*`: any document exists). Returns whether either
 * header was sent.
 */
function checkPreconditions(request: FastifyRequest, current: StoredDocument | undefined): boolean {
  const ifMatch = headerValue(request, "if-match");
  const ifNoneMatch = headerValue(request, "if-none-match");
  if (ifMatch !== undefined) {
    if (!current)
      throw new AppError(
        "precondition_failed",
        "If-Match: there is no such document, so nothing matches; leave If-Match out (or send If-None-Match: *) to create it.",
      );
    if (!etagListMatches(ifMatch, current.etag, false))
      throw new AppError(
        "precondition_failed",
        `If-Match: the document has changed; its current ETag is "${current.etag}".`,
      );
  }
  if (ifNoneMatch !== undefined && current && etagListMatches(ifNoneMatch, current.etag, true))
    throw new AppError(
      "precondition_failed",
      ifNoneMatch === "*"
        ? "If-None-Match: * but the document already exists."
        : "If-None-Match: the document's current ETag matches.",
    );
  return ifMatch !== undefined || ifNoneMatch !== undefined;
}

interface DocumentBody {
  contentType: string;
  content: Buffer;
  /** The parsed body when it is sent as application/json. */
  json?: unknown;
}

/**
 * The document a PUT or POST sends, byte for byte with its Content-Type. A body sent as
 * application/json must be JSON (Communication 3.2.s3.b6: the LRS rejects a request whose content
 * does not match its Content-Type).
 */
function readDocumentBody(request: FastifyRequest): DocumentBody {
  const content = rawBody(request);
  const header = request.headers["content-type"]?.trim();
  const contentType = header ? header : defaultType;
  if (mediaType(request) !== jsonType) return { contentType, content };
  try {
    return { contentType, content, json: JSON.parse(content.toString("utf8")) as unknown };
  } catch (error) {
    throw new AppError(
      "bad_request",
      `document: the body is sent as application/json but is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`,
    );
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isJsonType(contentType: string): boolean {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase() === jsonType;
}

/**
 * The JSON merge of a POST over an existing document (Communication 2.2.s7/s8): both must be
 * application/json JSON Objects (400 otherwise, the stored document unchanged); the posted
 * top-level properties replace the stored ones.
 */
function mergeDocuments(
  current: StoredDocument,
  postedType: string,
  posted: unknown,
): Record<string, unknown> {
  const refuse = (why: string) =>
    new AppError(
      "bad_request",
      `document: a POST merges JSON objects into the stored document, but ${why}. Use PUT to replace it.`,
    );
  if (!isJsonType(postedType))
    throw refuse(`the posted document is ${postedType}, not application/json`);
  if (!isJsonType(current.contentType))
    throw refuse(`the stored document is ${current.contentType}, not application/json`);
  if (!isJsonObject(posted)) throw refuse("the posted document is not a JSON object");
  let stored: unknown;
  try {
    stored = JSON.parse(current.content.toString("utf8"));
  } catch {
    throw refuse("the stored document is not valid JSON");
  }
  if (!isJsonObject(stored)) throw refuse("the stored document is not a JSON object");
  return { ...stored, ...posted };
}
