import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import { clock } from "../platform/clock.js";
import type { Database, MessageTemplatesTable } from "../platform/database/schema.js";
import { AppError } from "../platform/errors.js";
import { defaultTemplates } from "./default-templates.js";
import {
  checkTemplateField,
  messagePurposes,
  type MessagePurpose,
  type TemplateVariant,
} from "./message-template.js";

type Db = Kysely<Database>;

const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 locale such as en or fr-CA");

export const templateInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  purpose: z.enum(messagePurposes),
  description: z.string().max(2000).default(""),
  fallbackLocale: localeSchema.default("en"),
  variants: z
    .array(
      z.object({
        locale: localeSchema,
        subject: z.string().max(500),
        body: z.string().max(20_000),
      }),
    )
    .min(1, "a template needs at least one language"),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.enum(messagePurposes),
  description: z.string(),
  fallbackLocale: z.string(),
  builtIn: z.boolean(),
  variants: z.array(z.object({ locale: z.string(), subject: z.string(), body: z.string() })),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof templateSchema>;

/** A template problem as the API reports it: which language, which field, where, what. */
export interface TemplateInputProblem {
  locale: string;
  field: "subject" | "body" | "locale";
  line: number;
  column: number;
  message: string;
}

/** Every problem in a template: syntax and variables of each field, repeated or missing locales. */
export function checkTemplate(input: TemplateInput): TemplateInputProblem[] {
  const problems: TemplateInputProblem[] = [];
  const seen = new Set<string>();
  for (const variant of input.variants) {
    const key = variant.locale.toLowerCase();
    if (seen.has(key))
      problems.push({
        locale: variant.locale,
        field: "locale",
        line: 1,
        column: 1,
        message: `${variant.locale} appears twice`,
      });
    seen.add(key);
    if (!variant.subject.trim())
      problems.push({
        locale: variant.locale,
        field: "subject",
        line: 1,
        column: 1,
        message: "the subject is empty",
      });
    if (!variant.body.trim())
      problems.push({
        locale: variant.locale,
        field: "body",
        line: 1,
        column: 1,
        message: "the body is empty",
      });
    for (const field of ["subject", "body"] as const)
      for (const p of checkTemplateField(field, variant[field], input.purpose))
        problems.push({ locale: variant.locale, ...p });
  }
  const fallback = input.fallbackLocale.toLowerCase();
  if (
    ![...seen].some((l) => l === fallback || l.split("-")[0] === fallback.split("-")[0]) &&
    input.variants.length > 0
  )
    problems.push({
      locale: input.fallbackLocale,
      field: "locale",
      line: 1,
      column: 1,
      message: `the fallback language ${input.fallbackLocale} has no text; add it or choose another fallback`,
    });
  return problems;
}

function invalid(problems: TemplateInputProblem[]): AppError {
  const first = problems[0];
  const where = first
    ? ` ${first.locale} ${first.field}, line ${first.line}, column ${first.column}: ${first.message}`
    : "";
  return new AppError(
    "validation_failed",
    `The template has ${problems.length} problem${problems.length === 1 ? "" : "s"}:${where}${problems.length > 1 ? " (and more)" : ""}.`,
    { problems },
  );
}

const builtInIds = new Set(defaultTemplates.map((t) => t.id));

async function readVariants(db: Db, ids: string[]): Promise<Map<string, TemplateVariant[]>> {
  const byTemplate = new Map<string, TemplateVariant[]>();
  if (ids.length === 0) return byTemplate;
  const rows = await db
    .selectFrom("message_template_variants")
    .select(["template_id", "locale", "subject", "body"])
    .where("template_id", "in", ids)
    .orderBy("template_id")
    .orderBy("locale")
    .execute();
  for (const row of rows) {
    const list = byTemplate.get(row.template_id) ?? [];
    list.push({ locale: row.locale, subject: row.subject, body: row.body });
    byTemplate.set(row.template_id, list);
  }
  return byTemplate;
}

function toTemplate(
  row: Selectable<MessageTemplatesTable>,
  variants: Map<string, TemplateVariant[]>,
): Template {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose as MessagePurpose,
    description: row.description,
    fallbackLocale: row.fallback_locale,
    builtIn: builtInIds.has(row.id),
    variants: variants.get(row.id) ?? [],
    updatedAt: row.updated_at,
  };
}

/** Every template (or those for one purpose), with its variants. */
export async function listTemplates(db: Db, purpose?: MessagePurpose): Promise<Template[]> {
  let query = db.selectFrom("message_templates").selectAll().orderBy("purpose").orderBy("name");
  if (purpose) query = query.where("purpose", "=", purpose);
  const rows = await query.execute();
  const variants = await readVariants(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toTemplate(row, variants));
}

export async function getTemplate(db: Db, id: string): Promise<Template> {
  const row = await db
    .selectFrom("message_templates")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No message template with id ${id}.`);
  return toTemplate(row, await readVariants(db, [id]));
}

async function writeVariants(db: Db, id: string, variants: TemplateVariant[], at: string) {
  await db.deleteFrom("message_template_variants").where("template_id", "=", id).execute();
  await db
    .insertInto("message_template_variants")
    .values(
      variants.map((v) => ({
        template_id: id,
        locale: v.locale,
        subject: v.subject,
        body: v.body,
        updated_at: at,
      })),
    )
    .execute();
}

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const clash = await db
    .selectFrom("message_templates")
    .select("id")
    .where("name", "=", name)
    .$if(exceptId !== undefined, (q) => q.where("id", "<>", exceptId ?? ""))
    .executeTakeFirst();
  if (clash) throw new AppError("conflict", `A template named "${name}" exists already.`);
}

/** Creates a template after checking every field; a problem rejects it with its position. */
export async function createTemplate(
  db: Db,
  input: TemplateInput,
  createdBy: string | null,
): Promise<Template> {
  const problems = checkTemplate(input);
  if (problems.length > 0) throw invalid(problems);
  await assertNameFree(db, input.name);
  const id = randomUUID();
  const at = clock.nowIso();
  await db
    .insertInto("message_templates")
    .values({
      id,
      name: input.name,
      purpose: input.purpose,
      description: input.description,
      fallback_locale: input.fallbackLocale,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await writeVariants(db, id, input.variants, at);
  return getTemplate(db, id);
}

/**
 * Replaces a template's text. Its purpose cannot change (cadences rely on its variables); the
 * messages not yet sent use the new text, as they are rendered when they go out.
 */
export async function updateTemplate(db: Db, id: string, input: TemplateInput): Promise<Template> {
  const current = await getTemplate(db, id);
  if (current.purpose !== input.purpose)
    throw new AppError(
      "validation_failed",
      `A template's purpose cannot change (it is ${current.purpose}); create a new template instead.`,
    );
  const problems = checkTemplate(input);
  if (problems.length > 0) throw invalid(problems);
  await assertNameFree(db, input.name, id);
  const at = clock.nowIso();
  await db
    .updateTable("message_templates")
    .set({
      name: input.name,
      description: input.description,
      fallback_locale: input.fallbackLocale,
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
  await writeVariants(db, id, input.variants, at);
  return getTemplate(db, id);
}

/** Adds the built-in templates that are missing (never overwrites an edited one). */
export async function ensureDefaultTemplates(db: Db): Promise<void> {
  const existing = new Set(
    (await db.selectFrom("message_templates").select("id").execute()).map((r) => r.id),
  );
  const missing = defaultTemplates.filter((t) => !existing.has(t.id));
  if (missing.length === 0) return;
  const at = clock.nowIso();
  await db.transaction().execute(async (trx) => {
    for (const t of missing) {
      await trx
        .insertInto("message_templates")
        .values({
          id: t.id,
          name: t.name,
          purpose: t.purpose,
          description: t.description,
          fallback_locale: "en",
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const written = await trx
        .selectFrom("message_template_variants")
        .select("locale")
        .where("template_id", "=", t.id)
        .executeTakeFirst();
      if (!written) await writeVariants(trx, t.id, t.variants, at);
    }
  });
}
