import { z } from "zod";
import { importSummarySchema, rowErrorSchema } from "../../directory/import-report.js";

export const completionCountsSchema = z.object({
  recorded: z.number().describe("Valid rows stored as new completion records"),
  duplicates: z.number().describe("Valid rows skipped: repeated in the file, or imported before"),
  completed: z.number().describe("Assignments moved to completed"),
  started: z.number().describe("Assignments moved to started (some modules still open)"),
  keptWithoutAssignment: z
    .number()
    .describe("Records kept as evidence though the person has no assignment they apply to"),
});

/** A completion import or dry run, as listed in the history. */
export const completionImportSummarySchema = importSummarySchema
  .pick({
    id: true,
    status: true,
    dryRun: true,
    fileName: true,
    rowCount: true,
    validRowCount: true,
    errorCount: true,
    createdAt: true,
    appliedAt: true,
    createdBy: true,
  })
  .extend({
    sourceSystem: z
      .string()
      .nullable()
      .describe("The source system named for the whole file, if any"),
    summary: completionCountsSchema,
  });

/** The result of a completion import or a dry run: counts and the first errors by line and column. */
export const completionImportReportSchema = completionImportSummarySchema.extend({
  errors: z.array(rowErrorSchema),
});

export type CompletionCounts = z.infer<typeof completionCountsSchema>;
export type CompletionImportSummary = z.infer<typeof completionImportSummarySchema>;
export type CompletionImportReport = z.infer<typeof completionImportReportSchema>;

export function presentCompletionImportSummary(
  report: CompletionImportReport,
): CompletionImportSummary {
  const { errors: _errors, ...summary } = report;
  return summary;
}
