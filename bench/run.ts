import { meets, report, type Benchmark, type BenchSize } from "./harness.js";
import { communicationsDispatch, communicationsPlan } from "./communications.js";
import { lrsIngest, lrsQuery } from "./lrs.js";
import { peopleImport } from "./people-import.js";
import { peopleList } from "./people-list.js";
import { audienceResolve, waveLaunch } from "./rollouts.js";

/** Every benchmark, by name. `npm run bench [-- <name>…] [--tiny]` */
export const benchmarks: Benchmark[] = [
  peopleImport,
  peopleList,
  audienceResolve,
  waveLaunch,
  lrsIngest,
  lrsQuery,
  communicationsPlan,
  communicationsDispatch,
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size: BenchSize =
    args.includes("--tiny") || process.env.BENCH_SIZE === "tiny" ? "tiny" : "full";
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !benchmarks.some((b) => b.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown benchmark(s): ${unknown.join(", ")}. Known: ${benchmarks.map((b) => b.name).join(", ")}`,
    );
  }
  let missed = 0;
  for (const bench of benchmarks.filter((b) => names.length === 0 || names.includes(b.name))) {
    const figures = await bench.run(size);
    report(bench, size, figures);
    missed += figures.filter((f) => !meets(f)).length;
  }
  if (missed > 0) process.stdout.write(`${missed} target(s) missed.\n`);
}

// Run only when invoked as a script (the test suite imports `benchmarks`).
if (process.argv[1]?.endsWith("run.ts")) await main();
