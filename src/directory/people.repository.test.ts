import { expect, it } from "vitest";
import { describeEachEngine } from "../test/databases.js";
import { importCsv, personRow, toCsv } from "../test/factories.js";
import { listPeople, type PeopleFilter } from "./people.repository.js";

const all = { kind: "all" } as const;

describeEachEngine("people lists", (use) => {
  it("walking the name index gives exactly the pages that sorting every match gives", async () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      personRow(`W${i}`, {
        name: `${["Anna", "Ben", "Chloé", "Dev", "Émile"][i % 5]} ${["Zhou", "Young", "Xu", "Weber", "Vogel", "Ünal"][i % 6]} ${i}`,
        region: i % 3 === 0 ? "APAC" : "EMEA",
        tags: i % 4 === 0 ? "frontline" : "regulated",
      }),
    );
    await importCsv(use(), toCsv(rows));
    const filters: PeopleFilter[] = [
      { status: "active" },
      { status: "active", region: "EMEA" },
      { status: "active", tag: "frontline", region: "APAC" },
      { status: "active", q: "an" },
    ];
    for (const filter of filters) {
      for (const [offset, sort] of [
        [0, "name"],
        [20, "name"],
        [40, "-name"],
      ] as const) {
        const page = { offset, limit: 20, sort };
        const sorted = await listPeople(use().kysely, all, filter, page, {
          walkNameIndexFrom: Infinity,
        });
        const walked = await listPeople(use().kysely, all, filter, page, { walkNameIndexFrom: 0 });
        expect(walked.items.map((p) => p.externalId)).toEqual(
          sorted.items.map((p) => p.externalId),
        );
        expect(walked.total).toBe(sorted.total);
      }
    }
    const emea = await listPeople(
      use().kysely,
      all,
      { status: "active", region: "EMEA" },
      { offset: 0, limit: 500, sort: "name" },
    );
    expect(emea.total).toBe(80);
    const names = emea.items.map((p) => p.name.toLowerCase());
    expect(names).toEqual(
      [...names].sort((a, b) => (a.normalize("NFD") < b.normalize("NFD") ? -1 : 1)),
    );
  });
});
