import { describe, expect, it } from "vitest";
import { benchmarks } from "./run.js";

// Every benchmark runs once at a tiny size with the test suite, so none of them rots.
// The figures that matter come from `npm run bench` at full size.
describe("benchmarks at a tiny size", () => {
  for (const bench of benchmarks) {
    it(`${bench.name} runs and reports its figures`, async () => {
      const figures = await bench.run("tiny");
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures) expect(Number.isFinite(figure.value)).toBe(true);
    }, 180_000);
  }
});
