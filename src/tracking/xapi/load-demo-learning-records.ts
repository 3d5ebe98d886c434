import type { Kysely } from "kysely";
import { clock } from "../../platform/clock.js";
import type { Database } from "../../platform/database/schema.js";
import { callerOf, createLrsClient } from "./lrs-clients.js";
import { storeStatements } from "./store-statements.js";

const course = "https://learning.example.com/conduct-2027/course";
const assessment = "https://learning.example.com/conduct-2027/assessment";
const verb = (name: string) => ({
  id: `http://adlnet.gov/expapi/verbs/${name}`,
  display: { "en-US": name },
});

/**
 * Learning records for the demo: an LMS client that reported on the Code of Conduct pilot (people
 * launched and finished the course, most of them passed the knowledge check, a few failed it or
 * have not taken it yet), and records from agency contractors who are not in the directory
 * (unmatched).
 * Stored through the LRS, so they move assignments exactly as a real LMS's would.
 */
export async function loadDemoLearningRecords(db: Kysely<Database>): Promise<void> {
  const { client } = await createLrsClient(
    db,
    { name: "Moodle EMEA (demo)", access: "write" },
    "Cascade demo",
  );
  const open = await db
    .selectFrom("assignments as a")
    .innerJoin("program_modules as m", "m.version_id", "a.program_version_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select(["a.id", "p.name", "p.email"])
    .distinct()
    .where("m.activity_iri", "=", course)
    .where("a.status", "in", ["assigned", "notified", "started", "overdue", "completed"])
    .where("p.email", "is not", null)
    .orderBy("a.id")
    .limit(60)
    .execute();
  const now = clock.now().getTime();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
  const statements: Record<string, unknown>[] = [];
  const activity = (id: string, name: string, type: string) => ({
    objectType: "Activity",
    id,
    definition: { name: { "en-US": name }, type },
  });
  for (const [i, person] of open.entries()) {
    const actor = { objectType: "Agent", name: person.name, mbox: `mailto:${person.email ?? ""}` };
    const lesson = activity(
      course,
      "Our code in practice",
      "http://adlnet.gov/expapi/activities/course",
    );
    const quiz = activity(
      assessment,
      "Knowledge check",
      "http://adlnet.gov/expapi/activities/assessment",
    );
    statements.push({ actor, verb: verb("launched"), object: lesson, timestamp: at(120 - i) });
    if (i % 5 === 4) continue;
    statements.push({
      actor,
      verb: verb("completed"),
      object: lesson,
      result: { completion: true, duration: `PT${30 + (i % 20)}M` },
      timestamp: at(100 - i),
    });
    if (i % 5 === 3) continue;
    const scaled = i % 7 === 0 ? 0.55 : 0.7 + (i % 6) * 0.05;
    statements.push({
      actor,
      verb: verb(scaled >= 0.6 ? "passed" : "failed"),
      object: quiz,
      result: {
        score: { scaled, raw: Math.round(scaled * 20), min: 0, max: 20 },
        success: scaled >= 0.6,
      },
      timestamp: at(90 - i),
    });
  }
  for (const [i, name] of [
    "Alex Moreau",
    "Bea Lindqvist",
    "Chidi Okafor",
    "Dana Kowalski",
  ].entries()) {
    const email = `${name.toLowerCase().replace(" ", ".")}@agency.example`;
    statements.push({
      actor: { objectType: "Agent", name, mbox: `mailto:${email}` },
      verb: verb("completed"),
      object: activity(
        course,
        "Our code in practice",
        "http://adlnet.gov/expapi/activities/course",
      ),
      timestamp: at(48 - i * 5),
    });
  }
  for (let i = 0; i < statements.length; i += 50)
    await storeStatements(db, callerOf(client), {
      body: statements.slice(i, i + 50),
      version: "1.0.3",
      accountHomePages: [],
    });
}
