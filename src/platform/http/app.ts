import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyError } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError, isAppError } from "../errors.js";
import { authenticate } from "./authenticate.js";
import type { App, AppDeps, RoutesPlugin } from "./context.js";
import { healthRoutes } from "./health.routes.js";

export interface BuildAppOptions extends AppDeps {
  routes: RoutesPlugin[];
  /** Folder of the built web app (index.html and assets); served when it exists. */
  webRoot?: string;
}

/** Builds the HTTP application: API, OpenAPI document and docs, health checks and the web app. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config } = options;
  // Typed as Fastify's logger so the instance and the route plugins agree on one logger type.
  const loggerInstance: FastifyBaseLogger = options.log;
  const app = Fastify({
    loggerInstance,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 20 },
  });
  // Off by default; routes opt in through `config.rateLimit` (sign-in does).
  await app.register(fastifyRateLimit, {
    global: false,
    // After body parsing, so sign-in can count attempts per e-mail address.
    hook: "preHandler",
    errorResponseBuilder: (_request, context) =>
      new AppError("rate_limited", `Too many attempts; try again in ${context.after}.`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Cascade API",
        description:
          "Run corporate training rollouts from pilot to enterprise. Authenticate with `Authorization: Bearer <token>` (create one with `cascade tokens create`) or the web session cookie plus the `x-csrf-token` header.",
        version: "1",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/api/v1/"))
      await authenticate(options.db, request, config.SESSION_TTL_HOURS);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (isAppError(error)) {
      return reply
        .status(error.httpStatus)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? "request"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "is invalid",
      }));
      const message = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
      return reply.status(400).send({ error: { code: "bad_request", message, details: issues } });
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === "FST_REQ_FILE_TOO_LARGE") {
      return reply.status(413).send({
        error: {
          code: "payload_too_large",
          message: `The upload is larger than ${config.MAX_UPLOAD_MB} MB (MAX_UPLOAD_MB).`,
        },
      });
    }
    if (status < 500) {
      return reply.status(status).send({
        error: { code: status === 404 ? "not_found" : "bad_request", message: error.message },
      });
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({
      error: {
        code: "internal",
        message: "Something went wrong on our side; it has been logged.",
      },
    });
  });

  await app.register((instance, _opts, done) => {
    const typed = instance.withTypeProvider<ZodTypeProvider>();
    healthRoutes(typed, options);
    for (const routes of options.routes) routes(typed, options);
    done();
  });

  const webRoot = options.webRoot;
  const hasWeb = webRoot !== undefined && existsSync(join(webRoot, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith("/api/") || request.url.startsWith("/xapi/");
    if (!isApi && hasWeb && request.method === "GET")
      return reply.type("text/html").sendFile("index.html");
    return reply.status(404).send({
      error: {
        code: "not_found",
        message: `No route ${request.method} ${request.url.split("?")[0] ?? ""}.`,
      },
    });
  });
  return app;
}
