import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { clock } from "../../platform/clock.js";
import { AppError } from "../../platform/errors.js";
import type { AppDeps, RoutesPlugin } from "../../platform/http/context.js";
import { agentKey, type XapiAgent } from "./agents.js";
import { authenticateLrsClient } from "./lrs-clients.js";
import {
  boundaryOf,
  buildMultipartMixed,
  parseMultipartMixed,
  type MixedPart,
} from "./multipart-mixed.js";
import {
  acceptedLanguages,
  findStatement,
  formatStatement,
  parseStatementRequest,
  queryStatements,
  type StatementRow,
} from "./query-statements.js";
import { storeStatements, type AttachmentPart } from "./store-statements.js";
import { isIri, isUuid, validateAgent } from "./validate-statement.js";
import {
  jsonParam,
  mediaType,
  negotiateVersion,
  noContent,
  onlyParams,
  queryParams,
  rawBody,
  supportedVersions,
} from "./xapi-request.js";
import { documentRoutes } from "./documents.routes.js";

const versionHeader = "x-experience-api-version";
const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers":
    "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language",
  "access-control-expose-headers":
    "ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through, Content-Type",
};

/**
 * The Learning Record Store at /xapi: xAPI 1.0.3 and 2.0 (IEEE 9274.1.1), negotiated by the
 * X-Experience-API-Version header; HTTP Basic credentials per LRS client.
 */
export const xapiRoutes: RoutesPlugin = (app, deps) => {
  void app.register(
    (lrs, _options, done) => {
      lrs.decorateRequest("xapiVersion", "1.0.3");
      lrs.decorateRequest("lrsCaller", null);
      // The LRS reads every body itself: statements (JSON or multipart/mixed) and documents of
      // any type, which are stored byte for byte.
      lrs.removeAllContentTypeParsers();
      lrs.addContentTypeParser(
        "*",
        { parseAs: "buffer", bodyLimit: deps.config.MAX_UPLOAD_MB * 1024 * 1024 },
        (_request, body, next) => next(null, body),
      );
      // The xAPI resources are specified by xAPI itself (docs/lrs.md), not by Cascade's OpenAPI
      // document, whose bearer-token security they do not use.
      lrs.addHook("onRoute", (route) => {
        route.schema = { ...route.schema, hide: true };
      });
      lrs.addHook("onRequest", async (request, reply) => {
        void reply.headers(corsHeaders);
        if (request.method === "OPTIONS") return;
        const path = request.url.split("?")[0] ?? "";
        if (path === "/xapi/about" || path === "/xapi/about/") {
          void reply.header(versionHeader, "2.0.0");
          return;
        }
        void reply.header(versionHeader, "2.0.0");
        // The alternate request syntax carries its headers in the body: handled once it is read.
        if (isAlternate(request)) return;
        request.xapiVersion = negotiateVersion(request.headers[versionHeader]);
        void reply.header(versionHeader, request.xapiVersion);
        const needs = request.method === "GET" || request.method === "HEAD" ? "read" : "write";
        request.lrsCaller = await authenticateLrsClient(
          deps.db.kysely,
          request.headers.authorization,
          needs,
        );
      });
      lrs.options("/*", (_request, reply) => noContent(reply));
      lrs.addHook("preHandler", async (request, reply) => {
        if (!isAlternate(request)) return;
        const forwarded = await alternateRequest(lrs, request);
        void reply.status(forwarded.statusCode);
        for (const [name, value] of Object.entries(forwarded.headers))
          if (value !== undefined && name !== "content-length" && name !== "connection")
            void reply.header(name, value);
        return reply.send(forwarded.rawPayload);
      });
      // Resources that are only read still take the alternate syntax's POST.
      for (const path of ["/activities", "/agents"])
        lrs.post(path, () => {
          throw new AppError("bad_request", `${path} is read with GET.`);
        });

      lrs.get("/about", (_request, reply) =>
        reply.send({
          version: [...supportedVersions],
          extensions: { "https://cascade.invalid/xapi/extensions/product": "Cascade" },
        }),
      );
      statementRoutes(lrs, deps);
      activityAndAgentRoutes(lrs, deps);
      documentRoutes(lrs, deps);
      done();
    },
    { prefix: "/xapi" },
  );
};

/** Whether a request uses xAPI 1.0.3's alternate request syntax (`POST …?method=PUT`). */
function isAlternate(request: FastifyRequest): boolean {
  return request.method === "POST" && /[?&]method=/.test(request.url);
}

/** Header names the alternate request syntax may carry as form fields. */
const formHeaders = new Set([
  "authorization",
  "x-experience-api-version",
  "content-type",
  "content-length",
  "if-match",
  "if-none-match",
  "accept-language",
]);

/**
 * Serves an alternate-syntax request (xAPI 1.0.3 Communication 1.3, for browsers that cannot send
 * custom headers across origins): the real method is in `?method=`, the headers and the content
 * are form fields, the other fields are the parameters. It is re-dispatched as the request it
 * stands for, so it gets exactly the same checks and answers.
 */
async function alternateRequest(lrs: FastifyInstance, request: FastifyRequest) {
  const url = new URL(request.url, "http://lrs.local");
  const method = url.searchParams.get("method") ?? "";
  if (![...url.searchParams.keys()].every((k) => k === "method"))
    throw new AppError(
      "bad_request",
      "With the alternate request syntax, every parameter but method goes in the form body.",
    );
  if (!["GET", "HEAD", "PUT", "POST", "DELETE"].includes(method))
    throw new AppError("bad_request", `method: "${method}" is not GET, HEAD, PUT, POST or DELETE.`);
  if (mediaType(request) !== "application/x-www-form-urlencoded")
    throw new AppError(
      "bad_request",
      "The alternate request syntax must be sent as application/x-www-form-urlencoded.",
    );
  const form = new URLSearchParams(rawBody(request).toString("utf8"));
  const headers: Record<string, string> = {};
  const params = new URLSearchParams();
  let content: string | undefined;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (lower === "content") content = value;
    else if (formHeaders.has(lower)) headers[lower] = value;
    else params.append(name, value);
  }
  delete headers["content-length"];
  if (content !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = "application/json";
  const query = params.toString();
  return lrs.inject({
    method: method as "GET" | "HEAD" | "PUT" | "POST" | "DELETE",
    url: `${url.pathname}${query ? `?${query}` : ""}`,
    headers,
    ...(content !== undefined ? { payload: content } : {}),
  });
}

function caller(request: FastifyRequest) {
  if (!request.lrsCaller) throw new AppError("unauthenticated", "Send LRS client credentials.");
  return request.lrsCaller;
}

/** The request's statements body and attachment parts (JSON or multipart/mixed). */
function readStatementsBody(request: FastifyRequest): { body: unknown; parts: AttachmentPart[] } {
  const type = mediaType(request);
  const raw = rawBody(request);
  if (type === "application/json") return { body: parseJson(raw, "statements"), parts: [] };
  if (type === "multipart/mixed") {
    const parts = parseMultipartMixed(raw, boundaryOf(request.headers["content-type"] ?? ""));
    const [first, ...rest] = parts;
    if (!first || !(first.headers["content-type"] ?? "").startsWith("application/json"))
      throw new AppError(
        "bad_request",
        "The first part of a multipart/mixed statements request must be application/json.",
      );
    return {
      body: parseJson(first.body, "statements"),
      parts: rest.map((part, i) => {
        const sha2 = part.headers["x-experience-api-hash"];
        if (!sha2)
          throw new AppError(
            "bad_request",
            `Attachment part ${i + 1} has no X-Experience-API-Hash header.`,
          );
        if (part.headers["content-transfer-encoding"]?.toLowerCase() !== "binary")
          throw new AppError(
            "bad_request",
            `Attachment part ${i + 1} must have Content-Transfer-Encoding: binary.`,
          );
        return {
          sha2,
          contentType: part.headers["content-type"] ?? "application/octet-stream",
          content: part.body,
        };
      }),
    };
  }
  throw new AppError(
    "bad_request",
    `Statements must be sent as application/json or multipart/mixed, not "${type || "no Content-Type"}".`,
  );
}

function parseJson(raw: Buffer, what: string): unknown {
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch (error) {
    throw new AppError(
      "bad_request",
      `${what}: the body is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`,
    );
  }
}

function statementRoutes(lrs: FastifyInstance, deps: AppDeps): void {
  const db = deps.db.kysely;
  const homePages = deps.config.XAPI_ACCOUNT_HOME_PAGES;

  lrs.put("/statements", async (request, reply) => {
    const params = queryParams(request);
    onlyParams(params, ["statementId"]);
    const id = params.statementId;
    if (id === undefined)
      throw new AppError("bad_request", "statementId: a PUT needs the statementId parameter.");
    if (!isUuid(id)) throw new AppError("bad_request", `statementId: "${id}" is not a UUID.`);
    const { body, parts } = readStatementsBody(request);
    if (Array.isArray(body))
      throw new AppError("bad_request", "statement: a PUT stores one statement, not an array.");
    await storeStatements(db, caller(request), {
      body,
      parts,
      putId: id,
      version: request.xapiVersion,
      accountHomePages: homePages,
    });
    return noContent(reply);
  });

  lrs.post("/statements", async (request, reply) => {
    const params = queryParams(request);
    onlyParams(params, []);
    const { body, parts } = readStatementsBody(request);
    const ids = await storeStatements(db, caller(request), {
      body,
      parts,
      version: request.xapiVersion,
      accountHomePages: homePages,
    });
    return reply.send(ids);
  });

  lrs.get("/statements", async (request, reply) => {
    const parsed = parseStatementRequest(queryParams(request));
    const languages = acceptedLanguages(request.headers["accept-language"]);
    void reply.header("x-experience-api-consistent-through", clock.nowIso());
    if (parsed.kind === "one") {
      const row = await findStatement(db, parsed.id);
      const found = row && (parsed.voided ? row.voided === 1 : row.voided === 0);
      if (!row || !found)
        throw new AppError(
          "not_found",
          parsed.voided
            ? `There is no voided statement ${parsed.id}.`
            : `There is no statement ${parsed.id}${row ? " (it was voided; ask with voidedStatementId)" : ""}.`,
        );
      void reply.header("last-modified", new Date(row.stored).toUTCString());
      const json = formatStatement(row.statement, parsed.format, languages);
      return sendStatements(reply, db, json, [row], parsed.attachments);
    }
    const { rows, more } = await queryStatements(db, parsed.query);
    const newest = rows.reduce((max, r) => (r.stored > max ? r.stored : max), "");
    void reply.header("last-modified", new Date(newest || clock.nowIso()).toUTCString());
    const json = `{"statements":[${rows
      .map((r) => formatStatement(r.statement, parsed.query.format, languages))
      .join(",")}],"more":${JSON.stringify(more)}}`;
    return sendStatements(reply, db, json, rows, parsed.query.attachments);
  });
}

/** Sends statements as JSON, or as multipart/mixed with their attachments when asked. */
async function sendStatements(
  reply: FastifyReply,
  db: AppDeps["db"]["kysely"],
  json: string,
  rows: StatementRow[],
  withAttachments: boolean,
): Promise<FastifyReply> {
  if (!withAttachments) return reply.type("application/json").send(json);
  const hashes = new Set<string>();
  for (const row of rows) {
    const statement = JSON.parse(row.statement) as {
      attachments?: { sha2: string; fileUrl?: string }[];
    };
    for (const attachment of statement.attachments ?? []) hashes.add(attachment.sha2);
  }
  const stored =
    hashes.size === 0
      ? []
      : await db
          .selectFrom("xapi_attachments")
          .select(["sha2", "content_type", "content"])
          .where("sha2", "in", [...hashes])
          .execute();
  const parts: MixedPart[] = [
    { headers: { "Content-Type": "application/json" }, body: Buffer.from(json) },
    ...stored.map((a) => ({
      headers: {
        "Content-Type": a.content_type,
        "Content-Transfer-Encoding": "binary",
        "X-Experience-API-Hash": a.sha2,
      },
      body: Buffer.from(a.content),
    })),
  ];
  const { contentType, body } = buildMultipartMixed(parts);
  return reply.type(contentType).send(body);
}

function activityAndAgentRoutes(lrs: FastifyInstance, deps: AppDeps): void {
  const db = deps.db.kysely;
  lrs.get("/activities", async (request, reply) => {
    const params = queryParams(request);
    onlyParams(params, ["activityId"]);
    const id = params.activityId;
    if (id === undefined) throw new AppError("bad_request", "activityId: is required.");
    if (!isIri(id)) throw new AppError("bad_request", `activityId: "${id}" is not an IRI.`);
    const row = await db
      .selectFrom("xapi_activities")
      .select("definition")
      .where("id", "=", id)
      .executeTakeFirst();
    const definition = row ? (JSON.parse(row.definition) as Record<string, unknown>) : {};
    return reply.send({
      objectType: "Activity",
      id,
      ...(Object.keys(definition).length > 0 ? { definition } : {}),
    });
  });

  lrs.get("/agents", async (request, reply) => {
    const params = queryParams(request);
    onlyParams(params, ["agent"]);
    const agent = jsonParam(params, "agent");
    if (agent === undefined) throw new AppError("bad_request", "agent: is required.");
    const issue = validateAgent(agent, "agent");
    if (issue) throw new AppError("bad_request", `${issue.path}: ${issue.message}`);
    const given = agent as XapiAgent;
    const person: Record<string, unknown[]> = {};
    const push = (key: string, value: unknown) => {
      if (value === undefined) return;
      const list = (person[key] ??= []);
      if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
    };
    const known = await db
      .selectFrom("xapi_actors")
      .leftJoin("people", "people.id", "xapi_actors.person_id")
      .select(["xapi_actors.agent", "people.name", "people.email"])
      .where("xapi_actors.actor_key", "=", agentKey(given))
      .executeTakeFirst();
    const seen = known ? (JSON.parse(known.agent) as XapiAgent) : undefined;
    for (const a of [given, seen]) {
      if (!a) continue;
      push("name", a.name);
      push("mbox", a.mbox);
      push("mbox_sha1sum", a.mbox_sha1sum);
      push("openid", a.openid);
      push("account", a.account);
    }
    if (known?.name) push("name", known.name);
    if (known?.email) push("mbox", `mailto:${known.email}`);
    return reply.send({ objectType: "Person", ...person });
  });
}
