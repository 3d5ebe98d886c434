import { createReadStream, existsSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { openDatabase } from "../cascade.js";
import { loadConfig } from "../config.js";
import { systemActor } from "../platform/auth/roles.js";
import { isAppError } from "../platform/errors.js";
import type { CompletionImportReport } from "../tracking/completions/completion-import-report.js";
import { importCompletions } from "../tracking/completions/import-completions.js";

type Print = (json: boolean, value: unknown, text: string) => void;

const cliActor = { ...systemActor, name: "cascade CLI" };

function describeCompletionReport(report: CompletionImportReport): string {
  const s = report.summary;
  const lines = [
    `${report.dryRun ? "Dry run" : "Import"} of ${report.fileName}${report.sourceSystem ? ` (${report.sourceSystem})` : ""}: ${report.status}`,
    `  rows ${report.rowCount}, valid ${report.validRowCount}, errors ${report.errorCount}, duplicates ${s.duplicates}`,
    `  recorded ${s.recorded}, assignments completed ${s.completed}, started ${s.started}, kept without assignment ${s.keptWithoutAssignment}`,
  ];
  for (const e of report.errors.slice(0, 20))
    lines.push(
      `  line ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.message}${e.value ? ` (${e.value})` : ""}`,
    );
  if (report.errorCount > 20)
    lines.push(`  … and ${report.errorCount - 20} more (use --json for the first 1,000)`);
  return lines.join("\n");
}

/** `cascade completions import <file>`: completions exported from another LMS. */
export function registerCompletionCommands(program: Command, print: Print): void {
  const completions = program
    .command("completions")
    .description("Completions recorded in other learning systems");
  completions
    .command("import <file>")
    .description(
      "Import a completion CSV exported from another LMS (see docs/completion-imports.md)",
    )
    .option("--source-system <name>", "the LMS the file comes from, for rows that name none")
    .option("--dry-run", "show what would happen without changing anything", false)
    .option("--apply-valid-rows", "apply the valid rows even if some rows have errors", false)
    .option("--json", "print the report as JSON", false)
    .action(
      async (
        file: string,
        opts: { sourceSystem?: string; dryRun: boolean; applyValidRows: boolean; json: boolean },
      ) => {
        if (!existsSync(file)) throw new Error(`No such file: ${file}`);
        const db = await openDatabase(loadConfig());
        try {
          const report = await importCompletions({
            db: db.kysely,
            input: createReadStream(file),
            fileName: basename(file),
            sourceSystem: opts.sourceSystem ?? null,
            dryRun: opts.dryRun,
            applyValidRows: opts.applyValidRows,
            actor: cliActor,
          });
          print(opts.json, report, describeCompletionReport(report));
          // A dry run that finds errors fails too, so scripts can check a file before applying it.
          if (report.errorCount > 0 && report.status !== "applied") process.exitCode = 2;
        } catch (error) {
          if (!isAppError(error) || error.code !== "validation_failed") throw error;
          const report = error.details as CompletionImportReport;
          print(opts.json, report, describeCompletionReport(report));
          process.exitCode = 2;
        } finally {
          await db.close();
        }
      },
    );
}
