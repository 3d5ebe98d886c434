import { describe, it, expect } from "vitest";
import { DateTime, IANAZone } from "luxon";
import {
  canonicalLocale,
  isIsoDate,
  isValidEmail,
  isValidTimeZone,
  parseTags,
} from "./normalize.js";
import type { PersonRecord } from "./person.js";
import {
  demoCountries,
  demoDivisions,
  demoEmailDomain,
  demoRegions,
  demoTags,
  generateDemoOrg,
  iterateDemoOrg,
  newJoinerDays,
} from "./demo-org.js";

const TODAY = "2026-11-01";

/** Row index of each person, from the E000001-style id (checked to match the position). */
function indexOf(org: PersonRecord[]): Map<string, number> {
  return new Map(org.map((p, i) => [p.externalId, i]));
}

interface Shape {
  /** Direct reports per person. */
  reports: Int32Array;
  /** Levels below the CEO per person (CEO = 0). */
  depth: Int32Array;
  /** Index of the manager per person (-1 for the root). */
  parent: Int32Array;
}

function shape(org: PersonRecord[]): Shape {
  const idx = indexOf(org);
  const n = org.length;
  const reports = new Int32Array(n);
  const depth = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  org.forEach((p, i) => {
    if (p.managerId === null) return;
    const m = idx.get(p.managerId);
    if (m === undefined) throw new Error(`${p.externalId}: unknown manager ${p.managerId}`);
    if (m >= i) throw new Error(`${p.externalId}: manager ${p.managerId} comes later`);
    parent[i] = m;
    reports[m]!++;
    depth[i] = depth[m]! + 1;
  });
  return { reports, depth, parent };
}

const maxOf = (a: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]!);
  return m;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

const org5k = generateDemoOrg({ people: 5000, seed: "tests" });
const shape5k = shape(org5k);

describe("generateDemoOrg: determinism and sizes", () => {
  it("gives the same organisation for the same seed, size and day", () => {
    const a = generateDemoOrg({ people: 2000, seed: "acme" });
    const b = generateDemoOrg({ people: 2000, seed: "acme" });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // A number seed is the same as its string form.
    expect(generateDemoOrg({ people: 300, seed: 42 })).toEqual(
      generateDemoOrg({ people: 300, seed: "42" }),
    );
  });

  it("gives a different organisation for a different seed", () => {
    const a = generateDemoOrg({ people: 2000, seed: "acme" });
    const b = generateDemoOrg({ people: 2000, seed: "globex" });
    expect(b.map((p) => p.name)).not.toEqual(a.map((p) => p.name));
    expect(b.map((p) => p.managerId)).not.toEqual(a.map((p) => p.managerId));
  });

  it("iterateDemoOrg yields the same people as generateDemoOrg", () => {
    const streamed = [...iterateDemoOrg({ people: 777, seed: "x" })];
    expect(streamed).toEqual(generateDemoOrg({ people: 777, seed: "x" }));
  });

  it("generates a single person: the CEO", () => {
    const org = generateDemoOrg({ people: 1, seed: 1 });
    expect(org).toHaveLength(1);
    const [ceo] = org;
    expect(ceo).toMatchObject({
      externalId: "E000001",
      managerId: null,
      jobTitle: "Chief Executive Officer",
      status: "active",
    });
    expect(ceo!.tags).not.toContain("people-manager");
  });

  it.each([1, 2, 7, 11, 12, 13, 50, 157, 1000, 5000])("generates exactly %i people", (n) => {
    const org = n === 5000 ? org5k : generateDemoOrg({ people: n, seed: `size-${n}` });
    expect(org).toHaveLength(n);
    expect(org.filter((p) => p.managerId === null)).toHaveLength(1);
    expect(org[0]!.managerId).toBeNull();
    const { reports } = shape(org);
    expect(maxOf(reports)).toBeLessThanOrEqual(12);
  });

  it("pads external ids to six digits and numbers them in order", () => {
    const org = generateDemoOrg({ people: 50, seed: "ids" });
    org.forEach((p, i) => expect(p.externalId).toBe(`E${String(i + 1).padStart(6, "0")}`));
  });

  it("rejects bad options", () => {
    expect(() => generateDemoOrg({ people: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: -5, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 2.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 2_000_000, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 10, seed: 1, today: "2026-13-01" })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 10, seed: 1, today: "01/11/2026" })).toThrow(RangeError);
    expect(() => iterateDemoOrg({ people: 0, seed: 1 })).toThrow(RangeError);
  });
});

describe("generateDemoOrg: a 5,000 person organisation", () => {
  it("has 6-10 divisions, 5-6 regions and at least 25 countries", () => {
    const divisions = new Set(org5k.map((p) => p.division).filter((d) => d !== null));
    expect(divisions.size).toBeGreaterThanOrEqual(6);
    expect(divisions.size).toBeLessThanOrEqual(10);
    const regions = new Set(org5k.map((p) => p.region));
    expect(regions.size).toBeGreaterThanOrEqual(5);
    expect(regions.size).toBeLessThanOrEqual(6);
    expect(new Set(org5k.map((p) => p.country)).size).toBeGreaterThanOrEqual(25);
    for (const d of divisions) expect(demoDivisions.map((x) => x.name)).toContain(d);
    for (const r of regions) expect(demoRegions).toContain(r);
  });

  it("puts departments inside their division", () => {
    const departmentsOf = new Map(demoDivisions.map((d) => [d.name, d.departments]));
    for (const p of org5k) {
      if (p.department === null) continue;
      expect(departmentsOf.get(p.division!)).toContain(p.department);
    }
    expect(new Set(org5k.map((p) => p.department)).size).toBeGreaterThanOrEqual(25);
  });

  it("uses only valid IANA time zones and BCP 47 locales", () => {
    const zones = new Set(org5k.map((p) => p.timeZone));
    for (const c of demoCountries) for (const z of c.timeZones) zones.add(z);
    expect(zones.size).toBeGreaterThanOrEqual(25);
    for (const timeZone of zones) {
      expect(IANAZone.isValidZone(timeZone), timeZone).toBe(true);
      expect(() => new Intl.DateTimeFormat(undefined, { timeZone })).not.toThrow();
    }
    const locales = new Set(org5k.map((p) => p.locale!));
    for (const c of demoCountries) for (const l of c.locales) locales.add(l);
    for (const locale of locales) {
      expect(Intl.getCanonicalLocales(locale)).toEqual([locale]);
      // language-REGION, e.g. "de-DE", "fil-PH".
      expect(locale).toMatch(/^[a-z]{2,3}-[A-Z]{2}$/);
    }
  });

  it("is already in the importer's normalised form", () => {
    for (const p of org5k) {
      expect(isValidTimeZone(p.timeZone)).toBe(true);
      expect(canonicalLocale(p.locale!)).toBe(p.locale);
      if (p.email !== null) expect(isValidEmail(p.email)).toBe(true);
      expect(isIsoDate(p.hireDate!)).toBe(true);
      expect(parseTags(p.tags.join("|"))).toEqual(p.tags);
      expect(p.name).toBe(p.name.trim().replace(/\s+/g, " "));
    }
  });

  it("places people in a real city of their country, in that city's time zone", () => {
    const byCode = new Map(demoCountries.map((c) => [c.code, c]));
    for (const p of org5k) {
      const country = byCode.get(p.country!);
      expect(country, p.country!).toBeDefined();
      expect(p.region).toBe(country!.region);
      const city = country!.cities.find((c) => c.name === p.location);
      expect(city, `${p.location} in ${p.country}`).toBeDefined();
      expect(p.timeZone).toBe(city!.timeZone);
      expect(country!.locales).toContain(p.locale);
    }
  });

  it("has unique external ids and unique, lower-case ASCII e-mails on the company domain", () => {
    expect(new Set(org5k.map((p) => p.externalId)).size).toBe(org5k.length);
    const emails = org5k.map((p) => p.email).filter((e): e is string => e !== null);
    expect(new Set(emails).size).toBe(emails.length);
    const domain = demoEmailDomain.replace(/\./g, "\\.");
    const pattern = new RegExp(`^[a-z]+\\.[a-z]+\\d*@${domain}$`);
    for (const e of emails) expect(e).toMatch(pattern);
    // Most people have an address; a few frontline staff do not.
    expect(emails.length / org5k.length).toBeGreaterThan(0.95);
  });

  it("derives e-mails from names without diacritics", () => {
    const strip = (s: string) =>
      s
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/ł/g, "l")
        .replace(/ß/g, "ss")
        .replace(/[^a-z ]/g, "");
    for (const p of org5k) {
      if (p.email === null) continue;
      const local = p.email.split("@")[0]!.replace(/\d+$/, "");
      const [given, family] = local.split(".");
      expect(strip(p.name).replace(/ /g, "")).toBe(`${given}${family}`);
    }
  });

  it("is a single tree in top-down order with realistic spans of control", () => {
    expect(org5k.filter((p) => p.managerId === null)).toHaveLength(1);
    const spans = [...shape5k.reports].filter((r) => r > 0);
    for (const s of spans) {
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(12);
    }
    const m = median(spans);
    expect(m).toBeGreaterThanOrEqual(5);
    expect(m).toBeLessThanOrEqual(12);
    // Below the executive committee, managers have at least 5 direct reports.
    org5k.forEach((_, i) => {
      if (shape5k.depth[i]! >= 2 && shape5k.reports[i]! > 0) {
        expect(shape5k.reports[i]).toBeGreaterThanOrEqual(5);
      }
    });
  });

  it("is 4-6 levels deep", () => {
    const levels = maxOf(shape5k.depth) + 1;
    expect(levels).toBeGreaterThanOrEqual(4);
    expect(levels).toBeLessThanOrEqual(6);
  });

  it("has a CEO, one head per division, and managers who share their reports' division", () => {
    const ceo = org5k[0]!;
    expect(ceo.jobTitle).toBe("Chief Executive Officer");
    expect(ceo.grade).toBe("G12");
    const heads = org5k.filter((p) => p.managerId === ceo.externalId);
    expect(new Set(heads.map((h) => h.division)).size).toBe(heads.length);
    expect(heads.length).toBeGreaterThanOrEqual(6);
    for (const h of heads) expect(h.grade).toBe("G11");
    let sameRegion = 0;
    let below = 0;
    org5k.forEach((p, i) => {
      const m = shape5k.parent[i]!;
      if (m <= 0) return; // the CEO and the executive committee
      below++;
      expect(p.division).toBe(org5k[m]!.division);
      if (p.region === org5k[m]!.region) sameRegion++;
    });
    expect(sameRegion / below).toBeGreaterThan(0.7);
  });

  it("gives titles and grades that reflect the level", () => {
    const gradeNumber = (g: string | null) => (g === null ? null : Number(g.slice(1)));
    const managerTitles =
      /^(Chief |Head of |General Counsel|Managing Director|Director|Senior Manager|Manager|Team Lead|Branch (Manager|Supervisor)|Contact Centre (Manager|Team Leader)|Engineering Manager)/;
    org5k.forEach((p, i) => {
      const isManager = shape5k.reports[i]! > 0;
      if (isManager) expect(p.jobTitle).toMatch(managerTitles);
      else expect(p.jobTitle).not.toMatch(managerTitles);
      expect(p.jobFamily).toBeTruthy();
      const m = shape5k.parent[i]!;
      const g = gradeNumber(p.grade);
      const mg = m >= 0 ? gradeNumber(org5k[m]!.grade) : null;
      if (g !== null) {
        expect(g).toBeGreaterThanOrEqual(1);
        expect(g).toBeLessThanOrEqual(12);
      }
      if (g !== null && mg !== null) expect(mg).toBeGreaterThanOrEqual(g);
    });
    const families = new Set(org5k.map((p) => p.jobFamily));
    for (const f of ["Engineering", "Sales", "Operations", "Risk & Compliance", "Management"]) {
      expect(families).toContain(f);
    }
  });

  it("has about 8% contractors and 2% interns, all active", () => {
    const share = (t: string) => org5k.filter((p) => p.employmentType === t).length / org5k.length;
    expect(share("contractor")).toBeGreaterThan(0.05);
    expect(share("contractor")).toBeLessThan(0.11);
    expect(share("intern")).toBeGreaterThan(0.005);
    expect(share("intern")).toBeLessThan(0.04);
    expect(share("employee") + share("contractor") + share("intern")).toBeCloseTo(1, 10);
    for (const p of org5k) expect(p.status).toBe("active");
  });

  it("has hire dates between 1995 and today, mostly recent, executives earlier", () => {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    for (const p of org5k) {
      expect(p.hireDate).toMatch(iso);
      expect(DateTime.fromISO(p.hireDate!, { zone: "utc" }).toISODate()).toBe(p.hireDate);
      expect(p.hireDate! >= "1995-01-01").toBe(true);
      expect(p.hireDate! <= TODAY).toBe(true);
    }
    const years = (p: PersonRecord) => daysBetween(p.hireDate!, TODAY) / 365.25;
    const ics = org5k.filter((_, i) => shape5k.reports[i] === 0);
    const execs = org5k.filter((_, i) => shape5k.depth[i]! <= 1);
    const meanIc = ics.reduce((s, p) => s + years(p), 0) / ics.length;
    const meanExec = execs.reduce((s, p) => s + years(p), 0) / execs.length;
    expect(median(ics.map(years))).toBeLessThan(8);
    expect(meanExec).toBeGreaterThan(meanIc);
  });

  it("follows the tag rules", () => {
    const allowed = new Set<string>(demoTags);
    org5k.forEach((p, i) => {
      expect(p.tags).toEqual([...new Set(p.tags)].sort());
      for (const t of p.tags) {
        expect(t).toBe(t.toLowerCase());
        expect(allowed).toContain(t);
      }
      expect(p.tags.includes("contractor")).toBe(p.employmentType === "contractor");
      expect(p.tags.includes("no-email")).toBe(p.email === null);
      expect(p.tags.includes("people-manager")).toBe(shape5k.reports[i]! > 0);
      const daysAgo = daysBetween(p.hireDate!, TODAY);
      expect(p.tags.includes("new-joiner")).toBe(daysAgo <= newJoinerDays);
      if (p.tags.includes("no-email")) expect(p.tags).toContain("frontline");
    });
    const count = (t: string) => org5k.filter((p) => p.tags.includes(t)).length;
    const frontline = count("frontline");
    expect(frontline).toBeGreaterThan(0);
    expect(count("no-email")).toBeGreaterThan(0);
    expect(count("no-email") / frontline).toBeLessThan(0.1);
    expect(count("new-joiner")).toBeGreaterThan(0);
    // Regulated: most of Risk and Legal & Compliance, few in Technology or Marketing.
    const regulatedShare = (division: string) => {
      const people = org5k.filter((p) => p.division === division);
      return people.filter((p) => p.tags.includes("regulated")).length / people.length;
    };
    expect(regulatedShare("Risk")).toBeGreaterThan(0.75);
    expect(regulatedShare("Legal & Compliance")).toBeGreaterThan(0.75);
    expect(regulatedShare("Technology")).toBeLessThan(0.3);
  });

  it("has small, sorted custom attributes", () => {
    for (const p of org5k) {
      const keys = Object.keys(p.attributes);
      expect(keys).toEqual([...keys].sort());
      expect(p.attributes.cost_center).toMatch(/^CC-\d{4}$/);
      if (p.attributes.works_council !== undefined) {
        expect(p.attributes.works_council).toBe("yes");
        expect(["DE", "FR", "NL"]).toContain(p.country);
      }
      if (p.attributes.agency !== undefined) expect(p.employmentType).toBe("contractor");
    }
    expect(org5k.some((p) => p.attributes.works_council === "yes")).toBe(true);
  });
});

describe("demoCountries and demoRegions", () => {
  it("lists 25+ countries with ISO codes, stable regions and real zones for known cities", () => {
    expect(demoRegions.length).toBeGreaterThanOrEqual(5);
    expect(demoRegions.length).toBeLessThanOrEqual(6);
    expect(demoCountries.length).toBeGreaterThanOrEqual(25);
    expect(new Set(demoCountries.map((c) => c.code)).size).toBe(demoCountries.length);
    for (const c of demoCountries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(demoRegions).toContain(c.region);
      expect(c.cities.length).toBeGreaterThan(0);
      expect(c.locales.length).toBeGreaterThan(0);
      expect(c.timeZones).toEqual([...new Set(c.cities.map((city) => city.timeZone))]);
      for (const l of c.locales) expect(l.endsWith(`-${c.code}`)).toBe(true);
    }
    const zoneOf = (city: string) =>
      demoCountries.flatMap((c) => c.cities).find((c) => c.name === city)?.timeZone;
    expect(zoneOf("Sydney")).toBe("Australia/Sydney");
    expect(zoneOf("Mumbai")).toBe("Asia/Kolkata");
    expect(zoneOf("São Paulo")).toBe("America/Sao_Paulo");
    expect(zoneOf("New York")).toBe("America/New_York");
    expect(zoneOf("Chicago")).toBe("America/Chicago");
    expect(zoneOf("Los Angeles")).toBe("America/Los_Angeles");
    expect(zoneOf("Tokyo")).toBe("Asia/Tokyo");
    expect(zoneOf("Singapore")).toBe("Asia/Singapore");
  });

  it("covers both hemispheres and zones with and without daylight saving time", () => {
    const zones = [...new Set(demoCountries.flatMap((c) => c.timeZones))];
    const offset = (zone: string, iso: string) => DateTime.fromISO(iso, { zone }).offset;
    const january = (z: string) => offset(z, "2026-01-15T12:00:00");
    const july = (z: string) => offset(z, "2026-07-15T12:00:00");
    const northernDst = zones.filter((z) => july(z) > january(z));
    const southernDst = zones.filter((z) => january(z) > july(z));
    const noDst = zones.filter((z) => january(z) === july(z));
    expect(northernDst).toContain("Europe/London");
    expect(southernDst).toContain("Australia/Sydney");
    expect(noDst).toEqual(expect.arrayContaining(["Asia/Kolkata", "Asia/Tokyo", "Asia/Singapore"]));
  });
});

describe("generateDemoOrg: options", () => {
  it("dates hires relative to `today`", () => {
    const org = generateDemoOrg({ people: 500, seed: "t", today: "2020-06-30" });
    for (const p of org) expect(p.hireDate! <= "2020-06-30").toBe(true);
    const joiners = org.filter((p) => p.tags.includes("new-joiner"));
    for (const p of joiners) expect(daysBetween(p.hireDate!, "2020-06-30")).toBeLessThanOrEqual(90);
  });
});

describe("generateDemoOrg: 500,000 people", () => {
  it("scales to half a million people, 6-9 levels deep", { timeout: 60_000 }, () => {
    const n = 500_000;
    const org = generateDemoOrg({ people: n, seed: "big" });
    expect(org).toHaveLength(n);
    // External ids are E + the 1-based position, so parents can be looked up by number.
    const depth = new Int32Array(n);
    const reports = new Int32Array(n);
    const emails = new Set<string>();
    for (let i = 0; i < n; i++) {
      const p = org[i]!;
      if (Number(p.externalId.slice(1)) !== i + 1) throw new Error(`bad id at ${i}`);
      if (p.email !== null) emails.add(p.email);
      if (i === 0) {
        expect(p.managerId).toBeNull();
        continue;
      }
      const m = Number(p.managerId!.slice(1)) - 1;
      if (!(m >= 0 && m < i)) throw new Error(`${p.externalId}: bad manager ${p.managerId}`);
      depth[i] = depth[m]! + 1;
      reports[m]!++;
    }
    expect(emails.size).toBe(org.filter((p) => p.email !== null).length);
    const levels = maxOf(depth) + 1;
    expect(levels).toBeGreaterThanOrEqual(6);
    expect(levels).toBeLessThanOrEqual(9);
    expect(maxOf(reports)).toBeLessThanOrEqual(12);
    expect(new Set(org.map((p) => p.country)).size).toBe(demoCountries.length);
  });
});
