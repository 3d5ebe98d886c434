import type { Kysely } from "kysely";
import { countUsers } from "../platform/auth/auth.repository.js";
import { systemActor } from "../platform/auth/roles.js";
import { createUser } from "../platform/auth/users.js";
import type { Database } from "../platform/database/schema.js";
import type { JobRegistry } from "../platform/jobs/job.js";
import { generateDemoOrg } from "./demo-org.js";
import { importPeople } from "./import-people.js";
import type { ImportReport } from "./import-report.js";
import { countPeopleByStatus } from "./people.repository.js";
import type { PersonRecord } from "./person.js";

export interface DemoUser {
  email: string;
  role: string;
  description: string;
}

/**
 * Loads a generated demo organisation into the directory (through the same import as a real
 * HRIS file) and, when `password` is given, one demo user per role, linked to real demo people.
 */
export async function loadDemoOrganisation(options: {
  db: Kysely<Database>;
  registry: JobRegistry;
  people: number;
  seed: string | number;
  password?: string;
  onProgress?: (phase: string, done?: number) => void;
}): Promise<{ report: ImportReport; users: DemoUser[] }> {
  options.onProgress?.("generating");
  const records = generateDemoOrg({ people: options.people, seed: options.seed });
  const report = await importPeople({
    db: options.db,
    registry: options.registry,
    source: {
      kind: "records",
      records,
      name: `demo organisation (${options.people} people, seed ${options.seed})`,
    },
    mode: "full",
    dryRun: false,
    applyValidRows: false,
    actor: systemActor,
    onProgress: options.onProgress,
  });
  const users = options.password
    ? await createDemoUsers(options.db, records, options.password)
    : [];
  return { report, users };
}

/** True when the directory has nobody yet (the demo is loaded only then). */
export async function directoryIsEmpty(db: Kysely<Database>): Promise<boolean> {
  const counts = await countPeopleByStatus(db, { kind: "all" });
  return counts.active + counts.leavers === 0;
}

async function createDemoUsers(
  db: Kysely<Database>,
  records: PersonRecord[],
  password: string,
): Promise<DemoUser[]> {
  if ((await countUsers(db)) > 1) return [];
  const byRegion = new Map<string, number>();
  for (const r of records) if (r.region) byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + 1);
  const region = [...byRegion].sort((a, b) => b[1] - a[1])[0]?.[0];
  const reports = new Map<string, number>();
  for (const r of records)
    if (r.managerId) reports.set(r.managerId, (reports.get(r.managerId) ?? 0) + 1);
  // A first-line manager whose team has individual contributors, and one of them as the learner.
  const isContributor = (r: PersonRecord) => Boolean(r.email) && !reports.has(r.externalId);
  const contributorsOf = new Map<string, PersonRecord[]>();
  for (const r of records) {
    if (r.managerId && isContributor(r))
      contributorsOf.set(r.managerId, [...(contributorsOf.get(r.managerId) ?? []), r]);
  }
  const manager = records.find(
    (r) => r.email && (contributorsOf.get(r.externalId)?.length ?? 0) >= 3,
  );
  const learner = manager ? contributorsOf.get(manager.externalId)?.[0] : undefined;
  const domain = "cascade.local";
  const users: DemoUser[] = [];
  const add = async (user: Parameters<typeof createUser>[1], description: string) => {
    await createUser(db, user);
    users.push({ email: user.email, role: user.role, description });
  };
  await add(
    { email: `owner@${domain}`, name: "Olivia Owner", password, role: "program_owner" },
    "plans rollouts; sees everyone",
  );
  if (region) {
    await add(
      {
        email: `lead@${domain}`,
        name: "Lars Lead",
        password,
        role: "regional_lead",
        regions: [region],
      },
      `sees ${region} only`,
    );
  }
  await add(
    { email: `auditor@${domain}`, name: "Ada Auditor", password, role: "auditor" },
    "reads everything, changes nothing",
  );
  if (manager?.email) {
    await add(
      {
        email: manager.email,
        name: manager.name,
        password,
        role: "manager",
        personId: manager.externalId,
      },
      `${manager.jobTitle ?? "manager"}; sees their ${reports.get(manager.externalId)} direct reports and everyone below`,
    );
  }
  if (learner?.email) {
    await add(
      {
        email: learner.email,
        name: learner.name,
        password,
        role: "learner",
        personId: learner.externalId,
      },
      "sees only themselves",
    );
  }
  return users;
}
