import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const resultsDir = join(benchDir, "results");
export const dataDir = join(benchDir, "data");

/** `full` measures the issue's targets; `tiny` only proves the benchmark still runs. */
export type BenchSize = "tiny" | "full";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, when the issue names one. */
  target?: { max?: number; min?: number };
}

export interface Benchmark {
  name: string;
  description: string;
  run(size: BenchSize): Promise<Figure[]>;
}

/** Prints a benchmark's figures and writes them to bench/results/<name>.json. */
export function report(bench: Benchmark, size: BenchSize, figures: Figure[]): void {
  mkdirSync(resultsDir, { recursive: true });
  const lines = figures.map((f) => {
    const target = f.target
      ? ` (target ${f.target.max !== undefined ? `≤ ${f.target.max}` : `≥ ${f.target.min ?? ""}`} ${f.unit})`
      : "";
    const met = f.target ? (meets(f) ? "  ok" : "  MISSED") : "";
    return `  ${f.name.padEnd(48)} ${formatNumber(f.value).padStart(12)} ${f.unit}${target}${met}`;
  });
  process.stdout.write(`${bench.name} [${size}]\n${lines.join("\n")}\n`);
  writeFileSync(
    join(resultsDir, `${bench.name}.json`),
    JSON.stringify(
      { benchmark: bench.name, size, at: new Date().toISOString(), node: process.version, figures },
      null,
      2,
    ),
  );
}

export function meets(f: Figure): boolean {
  if (!f.target) return true;
  if (f.target.max !== undefined && f.value > f.target.max) return false;
  if (f.target.min !== undefined && f.value < f.target.min) return false;
  return true;
}

function formatNumber(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString("en-US")
    : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export const seconds = (ms: number): number => Math.round(ms) / 1000;
