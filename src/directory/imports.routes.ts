import { extname } from "node:path";
import { z } from "zod";
import { authorize } from "../platform/auth/roles.js";
import { AppError } from "../platform/errors.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import { importPeople } from "./import-people.js";
import { importReportSchema, importSummarySchema, presentImportSummary } from "./import-report.js";
import { findImport, listImports } from "./imports.repository.js";
import { mappingSchema, type ColumnMapping, type FileFormat } from "./people-file.js";

/** Decides the file format from an explicit field, else the file name. */
export function detectFormat(fileName: string, explicit: string | undefined): FileFormat {
  if (explicit === "csv" || explicit === "jsonl") return explicit;
  if (explicit) throw new AppError("bad_request", `format: "${explicit}" is not csv or jsonl.`);
  const ext = extname(fileName).toLowerCase();
  return [".jsonl", ".ndjson", ".json"].includes(ext) ? "jsonl" : "csv";
}

/** Reads a true/false form field; absent or empty is false. */
export function booleanField(name: string, value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new AppError("bad_request", `${name}: expected true or false, got "${value}".`);
}

/** Upload a people file (dry run or apply) and read past import reports. */
export const importsRoutes: RoutesPlugin = (app, { db, config, registry, worker }) => {
  app.post(
    "/api/v1/imports/people",
    {
      schema: {
        tags: ["imports"],
        summary:
          "Import people from an HRIS export (multipart: file, mode, dryRun, applyValidRows, mapping, format)",
        consumes: ["multipart/form-data"],
        description:
          "Send `mode` and `dryRun` (and optionally `applyValidRows`, `mapping`, `format`) as form fields before the `file` field, or in the query string.",
        querystring: z.object({
          mode: z.string().optional(),
          dryRun: z.string().optional(),
          applyValidRows: z.string().optional(),
          format: z.string().optional(),
        }),
        response: { 200: importReportSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "people.import");
      if (!request.isMultipart())
        throw new AppError(
          "bad_request",
          "Send the file as multipart/form-data in a field named file.",
        );
      // The file is streamed straight into the import, so the settings must come first: from the
      // query string or from fields sent before the file.
      const fields: Record<string, string> = { ...request.query };
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
        if (fields.mode === undefined || fields.dryRun === undefined) {
          throw new AppError(
            "bad_request",
            "Send mode (full or delta) and dryRun (true or false) before the file, as form fields or in the query string.",
          );
        }
        const mode = fields.mode;
        if (mode !== "full" && mode !== "delta")
          throw new AppError("bad_request", `mode: "${mode}" is not full or delta.`);
        let mapping: ColumnMapping = {};
        if (fields.mapping) {
          const parsed = mappingSchema.safeParse(safeJson(fields.mapping));
          if (!parsed.success)
            throw new AppError(
              "bad_request",
              "mapping: expected a JSON object from file column names to Cascade column names (or null).",
            );
          mapping = parsed.data;
        }
        report = await importPeople({
          db: db.kysely,
          registry,
          source: {
            kind: "file",
            input: part.file,
            fileName: part.filename,
            format: detectFormat(part.filename, fields.format),
            mapping,
          },
          mode,
          dryRun: booleanField("dryRun", fields.dryRun),
          applyValidRows: booleanField("applyValidRows", fields.applyValidRows),
          actor,
          // A file cut off at the upload limit must not be imported: the missing rows would leave.
          assertInputComplete: () => {
            if (part.file.truncated) {
              throw new AppError(
                "payload_too_large",
                `The file is larger than the upload limit of ${config.MAX_UPLOAD_MB} MB (MAX_UPLOAD_MB); nothing was imported.`,
              );
            }
          },
        });
      }
      if (!report)
        throw new AppError(
          "bad_request",
          "No file was sent: add a multipart field named file (after mode, dryRun and mapping).",
        );
      worker?.nudge();
      return report;
    },
  );

  app.get(
    "/api/v1/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Past imports and dry runs, newest first",
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(importSummarySchema), total: z.number() }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "people.import");
      const { page, pageSize } = request.query;
      const result = await listImports(db.kysely, {
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return { items: result.items.map(presentImportSummary), total: result.total };
    },
  );

  app.get(
    "/api/v1/imports/:id",
    {
      schema: {
        tags: ["imports"],
        summary: "One import's report",
        params: z.object({ id: z.string() }),
        response: { 200: importReportSchema },
      },
    },
    async (request) => {
      authorize(requireActor(request), "people.import");
      const report = await findImport(db.kysely, request.params.id);
      if (!report) throw new AppError("not_found", `No import with id "${request.params.id}".`);
      return report;
    },
  );
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
