import { z } from "zod";
import { personSummarySchema } from "./person.js";

const changeSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

export const rowErrorSchema = z.object({
  line: z.number().describe("1-based line in the file; 0 for problems with the request itself"),
  column: z.string().nullable(),
  message: z.string(),
  value: z.string().nullable(),
});

export const importSummarySchema = z.object({
  id: z.string(),
  status: z.enum(["previewed", "applied", "rejected"]),
  dryRun: z.boolean(),
  mode: z.enum(["full", "delta"]),
  format: z.enum(["csv", "jsonl"]),
  fileName: z.string(),
  rowCount: z.number(),
  validRowCount: z.number(),
  errorCount: z.number(),
  summary: z.object({
    joiners: z.number(),
    movers: z.number(),
    leavers: z.number(),
    rejoiners: z.number(),
    unchanged: z.number(),
  }),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});

/** The result of an import or a dry run: counts, the first errors by line and column, samples. */
export const importReportSchema = importSummarySchema.extend({
  errors: z.array(rowErrorSchema),
  samples: z.object({
    joiners: z.array(personSummarySchema),
    movers: z.array(z.object({ id: z.string(), name: z.string(), changes: changeSchema })),
    leavers: z.array(personSummarySchema),
  }),
});
export type ImportReport = z.infer<typeof importReportSchema>;
export type ImportSummary = z.infer<typeof importSummarySchema>;

export function presentImportSummary(report: ImportReport): ImportSummary {
  const { errors: _errors, samples: _samples, ...summary } = report;
  return summary;
}

/** Errors kept in a report; the count covers them all. */
export const maxReportedErrors = 1000;
/** Samples kept per kind of change. */
export const maxSamples = 20;
