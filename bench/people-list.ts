import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createCascade, openDatabase } from "../src/cascade.js";
import { loadConfig } from "../src/config.js";
import { loadDemoOrganisation } from "../src/directory/load-demo.js";
import { createUser, issueApiToken } from "../src/platform/auth/users.js";
import { JobRegistry } from "../src/platform/jobs/job.js";
import { dataDir, percentile, type Benchmark, type BenchSize, type Figure } from "./harness.js";

/** Filtered pages of `GET /api/v1/people` over real HTTP, on a directory of 500,000 people. */
export const peopleList: Benchmark = {
  name: "people-list",
  description: "GET /api/v1/people filtered page latency at 500,000 people (SQLite)",
  async run(size: BenchSize): Promise<Figure[]> {
    const people = size === "full" ? 500_000 : 2_000;
    const dir = join(dataDir, `sqlite-list-${people}`);
    const fresh = !existsSync(dir);
    mkdirSync(dir, { recursive: true });
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(dir, "cascade.db")}`,
      LOG_LEVEL: "warn",
    });
    const db = await openDatabase(config);
    if (fresh) {
      await loadDemoOrganisation({
        db: db.kysely,
        registry: new JobRegistry(),
        people,
        seed: "bench",
      });
      await createUser(db.kysely, {
        email: "bench@cascade.local",
        name: "Bench",
        password: "bench-password-1",
        role: "admin",
      });
    }
    const admin = await db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "=", "bench@cascade.local")
      .executeTakeFirstOrThrow();
    const { token } = await issueApiToken(db.kysely, { userId: admin.id, name: "bench" });
    const cascade = await createCascade({ config, db });
    const base = await cascade.app.listen({ port: 0, host: "127.0.0.1" });
    const headers = { authorization: `Bearer ${token}` };
    const facets = (await (
      await fetch(`${base}/api/v1/people/facets`, { headers })
    ).json()) as Record<string, { value: string }[]>;
    const pick = <T>(list: T[] | undefined, i: number): T | undefined =>
      list && list.length > 0 ? list[i % list.length] : undefined;
    const kinds = [
      "division + region",
      "country",
      "name search",
      "tag + region",
      "job family by hire date",
    ];
    const queries: string[] = [];
    for (let i = 0; i < 200; i++) {
      const params = new URLSearchParams({ pageSize: "50", page: String(1 + (i % 5)) });
      switch (i % 5) {
        case 0:
          params.set("division", pick(facets.division, i)?.value ?? "");
          params.set("region", pick(facets.region, i)?.value ?? "");
          break;
        case 1:
          params.set("country", pick(facets.country, i)?.value ?? "");
          break;
        case 2:
          params.set("q", ["an", "mar", "li", "sch", "jo", "ka"][i % 6] ?? "a");
          break;
        case 3:
          params.set("tag", pick(facets.tag, i)?.value ?? "");
          params.set("region", pick(facets.region, i)?.value ?? "");
          break;
        default:
          params.set("jobFamily", pick(facets.jobFamily, i)?.value ?? "");
          params.set("sort", "-hireDate");
      }
      queries.push(params.toString());
    }
    for (const q of queries.slice(0, 20)) await fetch(`${base}/api/v1/people?${q}`, { headers }); // warm up
    const latencies: number[] = [];
    const byKind = new Map<string, number[]>();
    for (const [i, q] of queries.entries()) {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/people?${q}`, { headers });
      await response.json();
      if (!response.ok) throw new Error(`GET /api/v1/people?${q} → ${response.status}`);
      const ms = performance.now() - started;
      latencies.push(ms);
      const kind = kinds[i % kinds.length] ?? "other";
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
    await cascade.close();
    const round = (n: number) => Math.round(n * 10) / 10;
    return [
      {
        name: `p50 of ${queries.length} filtered pages (${people} people)`,
        value: round(percentile(latencies, 50)),
        unit: "ms",
      },
      {
        name: `p95 of ${queries.length} filtered pages (${people} people)`,
        value: round(percentile(latencies, 95)),
        unit: "ms",
        target: size === "full" ? { max: 50 } : undefined,
      },
      { name: "max", value: round(Math.max(...latencies)), unit: "ms" },
      ...[...byKind].map(([kind, values]) => ({
        name: `p95 ${kind}`,
        value: round(percentile(values, 95)),
        unit: "ms",
      })),
    ];
  },
};
