import { z } from "zod";
import { authorize, peopleScopeOf } from "../platform/auth/roles.js";
import { AppError } from "../platform/errors.js";
import { requireActor } from "../platform/http/authenticate.js";
import type { RoutesPlugin } from "../platform/http/context.js";
import { countDirectory } from "./count-directory.js";
import { importSummarySchema, presentImportSummary } from "./import-report.js";
import { findLastAppliedImport } from "./imports.repository.js";
import {
  findDirectReports,
  findManagerChain,
  findPerson,
  findPersonHistory,
  findVisibleIds,
  listPeople,
} from "./people.repository.js";
import {
  personDetailSchema,
  personSummarySchema,
  presentPersonDetail,
  presentPersonSummary,
  presentRestrictedPerson,
} from "./person.js";

const facetSchema = z.array(z.object({ value: z.string(), count: z.number() }));
const optionalText = z.string().trim().min(1).max(200).optional();

const listQuery = z.object({
  q: optionalText.describe("Start of a name, family name or e-mail, or an exact external id"),
  division: optionalText,
  department: optionalText,
  region: optionalText,
  country: optionalText,
  location: optionalText,
  jobFamily: optionalText,
  employmentType: optionalText,
  tag: optionalText,
  managerId: optionalText.describe("Direct reports of this external id"),
  status: z.enum(["active", "leaver", "all"]).default("active"),
  sort: z.enum(["name", "-name", "hireDate", "-hireDate", "division", "region"]).default("name"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** The people directory: list, facets, summary, one person with manager chain, reports and history. */
export const peopleRoutes: RoutesPlugin = (app, { db }) => {
  app.get(
    "/api/v1/people",
    {
      schema: {
        tags: ["people"],
        summary: "List people you may see, filtered and paged",
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(personSummarySchema),
            total: z.number().describe("Matches, counted up to 10,000"),
            totalCapped: z.boolean().describe("True when there are more matches than `total`"),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "people.read");
      const { page, pageSize, sort, ...filter } = request.query;
      const result = await listPeople(db.kysely, peopleScopeOf(actor), filter, {
        offset: (page - 1) * pageSize,
        limit: pageSize,
        sort,
      });
      return {
        items: result.items.map(presentPersonSummary),
        total: result.total,
        totalCapped: result.totalCapped,
        page,
        pageSize,
      };
    },
  );

  app.get(
    "/api/v1/people/facets",
    {
      schema: {
        tags: ["people"],
        summary: "Values of each filterable attribute with counts (active people you may see)",
        response: {
          200: z.object({
            division: facetSchema,
            department: facetSchema,
            region: facetSchema,
            country: facetSchema,
            location: facetSchema,
            jobFamily: facetSchema,
            employmentType: facetSchema,
            tag: facetSchema,
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "people.read");
      return (await countDirectory({ db: db.kysely, scope: peopleScopeOf(actor) })).facets;
    },
  );

  app.get(
    "/api/v1/directory/summary",
    {
      schema: {
        tags: ["people"],
        summary: "Headcounts of the part of the directory you may see",
        response: {
          200: z.object({
            active: z.number(),
            leavers: z.number(),
            divisions: z.number(),
            regions: z.number(),
            countries: z.number(),
            lastImport: importSummarySchema.nullable(),
            byRegion: facetSchema,
            byDivision: facetSchema,
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "people.read");
      const scope = peopleScopeOf(actor);
      const [{ active, leavers, facets }, lastImport] = await Promise.all([
        countDirectory({ db: db.kysely, scope }),
        findLastAppliedImport(db.kysely),
      ]);
      return {
        active,
        leavers,
        divisions: facets.division.length,
        regions: facets.region.length,
        countries: facets.country.length,
        lastImport: lastImport ? presentImportSummary(lastImport) : null,
        byRegion: facets.region,
        byDivision: facets.division,
      };
    },
  );

  app.get(
    "/api/v1/people/:id",
    {
      schema: {
        tags: ["people"],
        summary: "One person, their manager chain and direct reports",
        params: z.object({ id: z.string().min(1) }),
        response: {
          200: z.object({
            person: personDetailSchema,
            managerChain: z.array(personSummarySchema),
            directReports: z.array(personSummarySchema),
            directReportCount: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "people.read");
      const scope = peopleScopeOf(actor);
      const person = await findPerson(db.kysely, scope, request.params.id);
      if (!person)
        throw new AppError(
          "not_found",
          `No person with external id "${request.params.id}" that you may see.`,
        );
      const [chain, reports] = await Promise.all([
        findManagerChain(db.kysely, person.externalId),
        findDirectReports(db.kysely, scope, person.externalId, 200),
      ]);
      const visible = await findVisibleIds(
        db.kysely,
        scope,
        chain.map((m) => m.externalId),
      );
      return {
        person: presentPersonDetail(person),
        managerChain: chain.map((m) =>
          visible.has(m.externalId) ? presentPersonSummary(m) : presentRestrictedPerson(m),
        ),
        directReports: reports.items.map(presentPersonSummary),
        directReportCount: reports.total,
      };
    },
  );

  app.get(
    "/api/v1/people/:id/history",
    {
      schema: {
        tags: ["people"],
        summary: "What changed about a person and when (newest first)",
        params: z.object({ id: z.string().min(1) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                at: z.string(),
                change: z.enum(["joined", "moved", "left", "rejoined"]),
                changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
                importId: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "people.read");
      const person = await findPerson(db.kysely, peopleScopeOf(actor), request.params.id);
      if (!person)
        throw new AppError(
          "not_found",
          `No person with external id "${request.params.id}" that you may see.`,
        );
      const items = await findPersonHistory(db.kysely, person.id);
      return {
        items: items.map(({ at, change, changes, importId }) => ({
          at,
          change,
          changes,
          importId,
        })),
      };
    },
  );
};
