import { Option, type Command } from "commander";
import { createJobRegistry, openDatabase } from "../cascade.js";
import { previewAudience, listAudiences } from "../audiences/manage-audiences.js";
import { loadConfig } from "../config.js";
import { systemActor } from "../platform/auth/roles.js";
import { isAppError } from "../platform/errors.js";
import { launchWave, previewWaveLaunch, type LaunchPreview } from "../rollouts/launch-wave.js";
import { listRollouts } from "../rollouts/manage-rollouts.js";
import { feasibilityChoices, type FeasibilityChoice } from "../rollouts/rollout.js";

export type Print = (json: boolean, value: unknown, text: string) => void;

const cliActor = { ...systemActor, name: "cascade CLI" };

/** Runs a command on the configured database; a refused action exits 2 with its message. */
export async function withDatabase(
  json: boolean,
  print: Print,
  body: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>,
): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await body(db);
  } catch (error) {
    if (!isAppError(error) || error.code === "internal") throw error;
    print(
      json,
      { error: { code: error.code, message: error.message, details: error.details } },
      `cascade: ${error.message}`,
    );
    process.exitCode = 2;
  } finally {
    await db.close();
  }
}

function describeCounts(counts: { value: string; count: number }[]): string {
  return counts.map((c) => `${c.value} ${c.count.toLocaleString("en-US")}`).join(", ") || "none";
}

function describePreview(p: LaunchPreview): string {
  const lines = [
    `  members ${p.totals.members}, to assign ${p.totals.toAssign}, flagged ${p.totals.flagged}, deferred by blackout ${p.totals.deferred}`,
    `  due from ${p.earliestDue ?? "-"} to ${p.latestDue ?? "-"}`,
    `  gate: ${p.gate.required ? (p.gate.open ? "open" : `closed (latest decision: ${p.gate.latestDecision ?? "none"})`) : "none (first phase)"}`,
  ];
  for (const d of p.deferred)
    lines.push(`  ${d.division}: ${d.count} deferred until after ${d.until}`);
  return lines.join("\n");
}

/** `cascade audiences …` and `cascade rollouts …`. */
export function registerRolloutCommands(program: Command, print: Print): void {
  const audiences = program.command("audiences").description("Audiences: rules over people");
  audiences
    .command("preview <rule>")
    .description("Count the active people a rule selects, by division and region")
    .addOption(new Option("--sample <n>", "how many members to list").default(10).argParser(Number))
    .option("--json", "print JSON", false)
    .action(async (rule: string, opts: { sample: number; json: boolean }) => {
      await withDatabase(opts.json, print, async (db) => {
        const preview = await previewAudience(db.kysely, {
          rule,
          scope: { kind: "all" },
          sampleSize: Math.max(0, Math.min(100, opts.sample)),
        });
        print(
          opts.json,
          preview,
          [
            `${preview.count.toLocaleString("en-US")} people match (${preview.conditions} conditions)`,
            `  by division: ${describeCounts(preview.byDivision)}`,
            `  by region: ${describeCounts(preview.byRegion)}`,
            ...preview.sample.map(
              (p) => `  ${p.id.padEnd(12)} ${p.name} (${p.division ?? "-"}, ${p.region ?? "-"})`,
            ),
          ].join("\n"),
        );
      });
    });
  audiences
    .command("list")
    .description("List audiences with their member counts")
    .option("--json", "print JSON", false)
    .action(async (opts: { json: boolean }) => {
      await withDatabase(opts.json, print, async (db) => {
        const items = await listAudiences(db.kysely);
        print(
          opts.json,
          items,
          items.map((a) => `${a.id}  ${a.name} (${a.memberCount} members): ${a.rule}`).join("\n") ||
            "No audiences.",
        );
      });
    });

  const rollouts = program.command("rollouts").description("Rollouts, waves and their launch");
  rollouts
    .command("list")
    .description("List rollouts with their phases and waves (ids, status, launch dates)")
    .option("--json", "print JSON", false)
    .action(async (opts: { json: boolean }) => {
      await withDatabase(opts.json, print, async (db) => {
        const items = await listRollouts(db.kysely);
        const lines: string[] = [];
        for (const r of items) {
          lines.push(`${r.name} — ${r.programName} v${r.versionNumber} (${r.id})`);
          for (const p of r.phases)
            for (const w of p.waves)
              lines.push(`  ${p.name} / ${w.name}: ${w.status}, launch ${w.launchDate} (${w.id})`);
        }
        print(opts.json, items, lines.join("\n") || "No rollouts.");
      });
    });
  rollouts
    .command("launch-wave <waveId>")
    .description("Launch a wave: one assignment per member (launching again changes nothing)")
    .option("--dry-run", "show what launching would do without doing it", false)
    .addOption(
      new Option("--feasibility <choice>", "for due dates that leave too little time").choices(
        feasibilityChoices,
      ),
    )
    .option("--override-reason <reason>", "launch past a gate that has not said go (recorded)")
    .option("--json", "print JSON", false)
    .action(
      async (
        waveId: string,
        opts: {
          dryRun: boolean;
          feasibility?: FeasibilityChoice;
          overrideReason?: string;
          json: boolean;
        },
      ) => {
        await withDatabase(opts.json, print, async (db) => {
          if (opts.dryRun) {
            const preview = await previewWaveLaunch(db.kysely, waveId);
            print(
              opts.json,
              preview,
              `Launching wave ${waveId} would:\n${describePreview(preview)}`,
            );
            return;
          }
          const result = await db.kysely.transaction().execute((trx) =>
            launchWave(trx, {
              waveId,
              actor: cliActor,
              registry: createJobRegistry(),
              feasibility: opts.feasibility,
              override: opts.overrideReason ? { reason: opts.overrideReason } : undefined,
            }),
          );
          print(
            opts.json,
            result,
            result.alreadyLaunched
              ? `Wave ${waveId} was already launched; nothing changed.`
              : `Launched wave ${waveId}: ${result.created.toLocaleString("en-US")} assignments.\n${describePreview(result)}`,
          );
        });
      },
    );
}
