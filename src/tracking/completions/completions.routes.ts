import { z } from "zod";
import { booleanField } from "../../directory/imports.routes.js";
import { authorize } from "../../platform/auth/roles.js";
import { AppError } from "../../platform/errors.js";
import { requireActor } from "../../platform/http/authenticate.js";
import type { RoutesPlugin } from "../../platform/http/context.js";
import {
  completionImportReportSchema,
  completionImportSummarySchema,
  presentCompletionImportSummary,
} from "./completion-import-report.js";
import { findCompletionImport, listCompletionImports } from "./completions.repository.js";
import { importCompletions } from "./import-completions.js";

/** Upload a completion file from another LMS (dry run or apply) and read past reports. */
export const completionsRoutes: RoutesPlugin = (app, { db, config }) => {
  app.post(
    "/api/v1/imports/completions",
    {
      schema: {
        tags: ["imports"],
        summary:
          "Import completions exported from another LMS (multipart: dryRun, applyValidRows, sourceSystem, file)",
        consumes: ["multipart/form-data"],
        description:
          "Send `dryRun` (and optionally `applyValidRows`, `sourceSystem`) as form fields before the `file` field, or in the query string. A CSV with columns person_id or email, program, module, completed_on, score, source_system.",
        querystring: z.object({
          dryRun: z.string().optional(),
          applyValidRows: z.string().optional(),
          sourceSystem: z.string().optional(),
        }),
        response: { 200: completionImportReportSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "completions.import");
      if (!request.isMultipart())
        throw new AppError(
          "bad_request",
          "Send the file as multipart/form-data in a field named file.",
        );
      // The file is streamed into the import, so the settings come first: from the query string
      // or from fields sent before the file.
      const fields: Record<string, string | undefined> = { ...request.query };
      let report = null;
      for await (const part of request.parts()) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== "file")
          throw new AppError(
            "bad_request",
            `Unexpected file field "${part.fieldname}"; use "file".`,
          );
        report = await importCompletions({
          db: db.kysely,
          input: part.file,
          fileName: part.filename,
          sourceSystem: fields.sourceSystem ?? null,
          dryRun: booleanField("dryRun", fields.dryRun),
          applyValidRows: booleanField("applyValidRows", fields.applyValidRows),
          actor,
          assertInputComplete: () => {
            if (part.file.truncated)
              throw new AppError(
                "payload_too_large",
                `The file is larger than the upload limit of ${config.MAX_UPLOAD_MB} MB (MAX_UPLOAD_MB); nothing was imported.`,
              );
          },
        });
      }
      if (!report)
        throw new AppError(
          "bad_request",
          "No file was sent: add a multipart field named file (after dryRun and sourceSystem).",
        );
      return report;
    },
  );

  app.get(
    "/api/v1/imports/completions",
    {
      schema: {
        tags: ["imports"],
        summary: "Past completion imports and dry runs, newest first",
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({ items: z.array(completionImportSummarySchema), total: z.number() }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "completions.import");
      const { page, pageSize } = request.query;
      const result = await listCompletionImports(db.kysely, {
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return { items: result.items.map(presentCompletionImportSummary), total: result.total };
    },
  );

  app.get(
    "/api/v1/imports/completions/:id",
    {
      schema: {
        tags: ["imports"],
        summary: "One completion import's report",
        params: z.object({ id: z.string() }),
        response: { 200: completionImportReportSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "completions.import");
      const report = await findCompletionImport(db.kysely, request.params.id);
      if (!report)
        throw new AppError("not_found", `No completion import with id "${request.params.id}".`);
      return report;
    },
  );
};
