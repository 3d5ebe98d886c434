import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { clock } from "../platform/clock.js";
import type { Database } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { findRolloutRow, findWaveRow, listWaveRows } from "../rollouts/rollouts.repository.js";
import {
  cadenceInputSchema,
  defaultMandatoryCadence,
  defaultSelfDirectedCadence,
  sendPolicySchema,
  type CadenceInput,
  type CadencePolicy,
  type CadenceRule,
} from "./cadence.js";

type Db = Kysely<Database>;

/** Purposes whose message goes once to each manager about their whole team. */
export const teamPurposes = new Set(["manager_briefing", "manager_digest"]);

/** A cadence as it applies to a wave: its own, its rollout's, or the default for its mode. */
export interface Cadence {
  id: string;
  rolloutId: string;
  waveId: string | null;
  name: string;
  rules: CadenceRule[];
  policy: CadencePolicy;
  /** "wave", "rollout" or "default" (Cascade's, for the wave's enrollment mode). */
  source: "wave" | "rollout" | "default";
  updatedAt: string | null;
}

function fromRow(
  row: Database["cadences"] extends infer T ? { [K in keyof T]: T[K] } : never,
): Cadence {
  return {
    id: row.id,
    rolloutId: row.rollout_id,
    waveId: row.wave_id,
    name: row.name,
    rules: cadenceInputSchema.shape.rules.parse(JSON.parse(row.rules)),
    policy: sendPolicySchema.parse(JSON.parse(row.policy)),
    source: row.wave_id ? "wave" : "rollout",
    updatedAt: row.updated_at,
  };
}

/** The default cadence of an enrollment mode, as it applies to a rollout. */
export function defaultCadence(rolloutId: string, enrollmentMode: string): Cadence {
  const input =
    enrollmentMode === "self_directed" ? defaultSelfDirectedCadence() : defaultMandatoryCadence();
  return {
    id: enrollmentMode === "self_directed" ? "default-self-directed" : "default-mandatory",
    rolloutId,
    waveId: null,
    name: input.name,
    rules: input.rules,
    policy: input.policy,
    source: "default",
    updatedAt: null,
  };
}

/** The cadences saved for a rollout: its own (waveId null) and its waves'. */
export async function listCadences(db: Db, rolloutId: string): Promise<Cadence[]> {
  const rows = await db
    .selectFrom("cadences")
    .selectAll()
    .where("rollout_id", "=", rolloutId)
    .orderBy("created_at")
    .execute();
  return rows.map(fromRow);
}

/** The cadence that plans a wave's messages. */
export async function cadenceForWave(db: Db, waveId: string): Promise<Cadence> {
  const wave = await findWaveRow(db, waveId);
  if (!wave) throw new AppError("not_found", `No wave has the id ${waveId}.`);
  const rows = await db
    .selectFrom("cadences")
    .selectAll()
    .where("rollout_id", "=", wave.rollout_id)
    .where((eb) => eb.or([eb("wave_id", "=", waveId), eb("wave_id", "is", null)]))
    .execute();
  const own = rows.find((r) => r.wave_id === waveId) ?? rows.find((r) => r.wave_id === null);
  return own ? fromRow(own) : defaultCadence(wave.rollout_id, wave.enrollment_mode);
}

/** Checks that every rule's template exists and is written for the rule's purpose. */
async function checkTemplates(db: Db, rules: CadenceRule[]): Promise<void> {
  const ids = [...new Set(rules.map((r) => r.templateId))];
  if (ids.length === 0) return;
  const found = new Map(
    (
      await db
        .selectFrom("message_templates")
        .select(["id", "purpose", "name"])
        .where("id", "in", ids)
        .execute()
    ).map((t) => [t.id, t]),
  );
  const problems: { path: (string | number)[]; message: string }[] = [];
  rules.forEach((rule, i) => {
    const template = found.get(rule.templateId);
    if (!template)
      problems.push({
        path: ["rules", i, "templateId"],
        message: `rule "${rule.id}": no template has the id ${rule.templateId}`,
      });
    else if (template.purpose !== rule.purpose)
      problems.push({
        path: ["rules", i, "templateId"],
        message: `rule "${rule.id}": template "${template.name}" is a ${template.purpose} message, not ${rule.purpose}`,
      });
    if (teamPurposes.has(rule.purpose) && rule.to !== "manager" && rule.to !== "manager_of_manager")
      problems.push({
        path: ["rules", i, "to"],
        message: `rule "${rule.id}": a ${rule.purpose} message goes to managers`,
      });
    if (rule.anchor === "launch" && rule.days < 0)
      problems.push({
        path: ["rules", i, "days"],
        message: `rule "${rule.id}": messages counted from the launch go on the day of the launch or later`,
      });
  });
  const first = problems[0];
  if (first)
    throw new AppError("validation_failed", `The cadence is not valid: ${first.message}.`, {
      problems,
    });
}

/**
 * Saves the cadence of a rollout (waveId null) or of one wave, replacing the one there was.
 * Messages already planned from rules that changed or went are cancelled at the next planning;
 * rules left as they were keep theirs.
 */
export async function saveCadence(
  db: Db,
  options: { rolloutId: string; waveId: string | null; input: CadenceInput; actor: string | null },
): Promise<Cadence> {
  const rollout = await findRolloutRow(db, options.rolloutId);
  if (!rollout) throw new AppError("not_found", `No rollout has the id ${options.rolloutId}.`);
  if (options.waveId) {
    const wave = await findWaveRow(db, options.waveId);
    if (!wave || wave.rollout_id !== options.rolloutId)
      throw new AppError("not_found", `Rollout ${rollout.name} has no wave ${options.waveId}.`);
  }
  await checkTemplates(db, options.input.rules);
  const at = clock.nowIso();
  const existing = await db
    .selectFrom("cadences")
    .select("id")
    .where("rollout_id", "=", options.rolloutId)
    .where((eb) =>
      options.waveId ? eb("wave_id", "=", options.waveId) : eb("wave_id", "is", null),
    )
    .executeTakeFirst();
  const values = {
    name: options.input.name,
    rules: JSON.stringify(options.input.rules),
    policy: JSON.stringify(options.input.policy),
    updated_at: at,
  };
  let id = existing?.id;
  if (id) await db.updateTable("cadences").set(values).where("id", "=", id).execute();
  else {
    id = randomUUID().slice(0, 8);
    await db
      .insertInto("cadences")
      .values({
        id,
        rollout_id: options.rolloutId,
        wave_id: options.waveId,
        created_by: options.actor,
        created_at: at,
        ...values,
      })
      .execute();
  }
  const row = await db
    .selectFrom("cadences")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

/** Removes a wave's own cadence (it follows the rollout's again) or the rollout's (the default). */
export async function deleteCadence(
  db: Db,
  options: { rolloutId: string; waveId: string | null },
): Promise<boolean> {
  const result = await db
    .deleteFrom("cadences")
    .where("rollout_id", "=", options.rolloutId)
    .where((eb) =>
      options.waveId ? eb("wave_id", "=", options.waveId) : eb("wave_id", "is", null),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * A rollout's cadences as its page shows them: the one in effect for the rollout (its own, or
 * Cascade's default for the mode most of its waves use) or for one wave, and those saved.
 */
export async function cadencesOfRollout(
  db: Db,
  rolloutId: string,
  waveId: string | undefined,
): Promise<{ effective: Cadence; saved: Cadence[] }> {
  const rollout = await findRolloutRow(db, rolloutId);
  if (!rollout) throw new AppError("not_found", `No rollout has the id ${rolloutId}.`);
  const saved = await listCadences(db, rollout.id);
  const waves = await listWaveRows(db, rollout.id);
  if (waveId && !waves.some((w) => w.id === waveId))
    throw new AppError("not_found", `Rollout ${rollout.name} has no wave ${waveId}.`);
  const mode =
    waves.filter((w) => w.enrollment_mode === "self_directed").length > waves.length / 2
      ? "self_directed"
      : "mandatory";
  const effective = waveId
    ? await cadenceForWave(db, waveId)
    : (saved.find((c) => c.waveId === null) ?? defaultCadence(rollout.id, mode));
  return { effective, saved };
}
