import type { Selectable } from "kysely";
import { z } from "zod";
import type { AudiencesTable } from "../platform/database/schema.js";

export const audienceInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(""),
  rule: z.string().min(1).max(10_000),
});

/** A change to an audience: only what is given changes (no defaults). */
export const audienceChangeSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).optional(),
  rule: z.string().min(1).max(10_000).optional(),
});

export const countSchema = z.array(z.object({ value: z.string(), count: z.number() }));

export const audienceSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rule: z.string(),
  memberCount: z.number(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Audience = z.infer<typeof audienceSchema>;

export const audiencePreviewSchema = z.object({
  count: z.number().describe("Active people the rule selects (within what you may see)"),
  conditions: z.number().describe("Conditions in the rule"),
  byDivision: countSchema,
  byRegion: countSchema,
  sample: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      division: z.string().nullable(),
      region: z.string().nullable(),
      country: z.string().nullable(),
      jobTitle: z.string().nullable(),
    }),
  ),
});
export type AudiencePreview = z.infer<typeof audiencePreviewSchema>;

export function presentAudience(row: Selectable<AudiencesTable>): Audience {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rule: row.rule,
    memberCount: Number(row.member_count),
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
