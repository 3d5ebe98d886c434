import { z } from "zod";

/** The statuses a person can have in the directory. Leavers are never deleted. */
export const personStatuses = ["active", "leaver"] as const;
export type PersonStatus = (typeof personStatuses)[number];

/**
 * The standard attributes of a person, in the order used by CSV exports and the history.
 * The keys are the API (camelCase) names; `csvColumn` is the canonical HRIS column name.
 */
export const personFields = [
  { key: "externalId", csvColumn: "external_id", label: "External id", required: true },
  { key: "name", csvColumn: "name", label: "Name", required: true },
  { key: "email", csvColumn: "email", label: "Email", required: true },
  { key: "managerId", csvColumn: "manager_id", label: "Manager id", required: false },
  { key: "division", csvColumn: "division", label: "Division", required: false },
  { key: "department", csvColumn: "department", label: "Department", required: false },
  { key: "region", csvColumn: "region", label: "Region", required: false },
  { key: "country", csvColumn: "country", label: "Country", required: false },
  { key: "location", csvColumn: "location", label: "Location", required: false },
  { key: "timeZone", csvColumn: "time_zone", label: "Time zone", required: true },
  { key: "locale", csvColumn: "locale", label: "Locale", required: false },
  { key: "jobTitle", csvColumn: "job_title", label: "Job title", required: false },
  { key: "jobFamily", csvColumn: "job_family", label: "Job family", required: false },
  { key: "grade", csvColumn: "grade", label: "Grade", required: false },
  {
    key: "employmentType",
    csvColumn: "employment_type",
    label: "Employment type",
    required: false,
  },
  { key: "hireDate", csvColumn: "hire_date", label: "Hire date", required: false },
  { key: "status", csvColumn: "status", label: "Status", required: false },
  { key: "tags", csvColumn: "tags", label: "Tags", required: false },
] as const;

export type PersonFieldKey = (typeof personFields)[number]["key"];

/**
 * One person as the directory knows them: the validated, normalised form produced by an import
 * (or by the demo generator) and stored by the repository. Empty optional values are null.
 */
export interface PersonRecord {
  externalId: string;
  name: string;
  email: string | null;
  managerId: string | null;
  division: string | null;
  department: string | null;
  region: string | null;
  country: string | null;
  location: string | null;
  timeZone: string;
  locale: string | null;
  jobTitle: string | null;
  jobFamily: string | null;
  grade: string | null;
  employmentType: string | null;
  /** ISO date, YYYY-MM-DD. */
  hireDate: string | null;
  status: PersonStatus;
  /** Sorted, de-duplicated, lower-case tags. */
  tags: string[];
  /** Free custom attributes from extra columns, sorted by key. */
  attributes: Record<string, string>;
}

/** A stored person: the record plus what the directory adds. */
export interface Person extends PersonRecord {
  id: number;
  leftAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The fields compared when deciding whether a person moved; history records these. */
export const trackedFields = personFields
  .map((f) => f.key)
  .filter((k) => k !== "externalId")
  .concat([]);

export const personSummarySchema = z.object({
  id: z.string().describe("The person's external id (from the HRIS)."),
  name: z.string(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  division: z.string().nullable(),
  department: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  location: z.string().nullable(),
  timeZone: z.string(),
  locale: z.string().nullable(),
  managerId: z.string().nullable(),
  hireDate: z.string().nullable(),
  status: z.enum(personStatuses),
  tags: z.array(z.string()),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personDetailSchema = personSummarySchema.extend({
  jobFamily: z.string().nullable(),
  grade: z.string().nullable(),
  employmentType: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  leftAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

/** What leaves the server for a person in lists. */
export function presentPersonSummary(p: Person | PersonRecord): PersonSummary {
  return {
    id: p.externalId,
    name: p.name,
    email: p.email,
    jobTitle: p.jobTitle,
    division: p.division,
    department: p.department,
    region: p.region,
    country: p.country,
    location: p.location,
    timeZone: p.timeZone,
    locale: p.locale,
    managerId: p.managerId,
    hireDate: p.hireDate,
    status: p.status,
    tags: p.tags,
  };
}

/** What leaves the server for one person's page. */
export function presentPersonDetail(p: Person): PersonDetail {
  return {
    ...presentPersonSummary(p),
    jobFamily: p.jobFamily,
    grade: p.grade,
    employmentType: p.employmentType,
    attributes: p.attributes,
    leftAt: p.leftAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/**
 * A manager above someone the caller may see, but outside the caller's own scope: enough to show
 * the reporting line (name, title, division), nothing personal.
 */
export function presentRestrictedPerson(p: Person): PersonSummary {
  return {
    ...presentPersonSummary(p),
    email: null,
    department: null,
    location: null,
    locale: null,
    hireDate: null,
    tags: [],
  };
}
