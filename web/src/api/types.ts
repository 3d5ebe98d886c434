/**
 * The JSON shapes of the Cascade HTTP API, as the web app sees them.
 * People mirror `personSummarySchema` / `personDetailSchema` in src/directory/person.ts.
 */

export type ApiErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "internal";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

export type Role = "admin" | "program_owner" | "regional_lead" | "manager" | "auditor" | "learner";

export type Permission = "people.read" | "people.import" | "users.manage" | (string & {});

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  scope: { regions: string[]; divisions: string[]; personId: string | null };
  permissions: Permission[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

export type PersonStatus = "active" | "leaver";

export interface PersonSummary {
  /** The person's external id (from the HRIS). */
  id: string;
  name: string;
  email: string | null;
  jobTitle: string | null;
  division: string | null;
  department: string | null;
  region: string | null;
  country: string | null;
  location: string | null;
  timeZone: string;
  locale: string | null;
  managerId: string | null;
  hireDate: string | null;
  status: PersonStatus;
  tags: string[];
}

export interface PersonDetail extends PersonSummary {
  jobFamily: string | null;
  grade: string | null;
  employmentType: string | null;
  attributes: Record<string, string>;
  leftAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** People lists count up to 10,000 matches; true when there are more. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface Facet {
  value: string;
  count: number;
}

export const facetKeys = [
  "division",
  "department",
  "region",
  "country",
  "location",
  "jobFamily",
  "employmentType",
  "tag",
] as const;
export type FacetKey = (typeof facetKeys)[number];
export type PeopleFacets = Record<FacetKey, Facet[]>;

export type PeopleSort = "name" | "-name" | "hireDate" | "-hireDate" | "division" | "region";
export type PeopleStatusFilter = "active" | "leaver" | "all";

export interface PersonPage {
  person: PersonDetail;
  /** Direct manager first, up to the top. */
  managerChain: PersonSummary[];
  /** Up to 200, sorted by name. */
  directReports: PersonSummary[];
  directReportCount: number;
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export type PersonChangeKind = "joined" | "moved" | "left" | "rejoined";

export interface PersonHistoryEntry {
  /** ISO instant. */
  at: string;
  change: PersonChangeKind;
  changes: Record<string, FieldChange>;
  importId: string | null;
}

export interface DirectorySummary {
  active: number;
  leavers: number;
  divisions: number;
  regions: number;
  countries: number;
  lastImport: ImportSummary | null;
  byRegion: Facet[];
  byDivision: Facet[];
}

export type ImportMode = "full" | "delta";
export type ImportStatus = "previewed" | "applied" | "rejected";

export interface ImportRowError {
  line: number;
  column: string | null;
  message: string;
  value: string | null;
}

export interface ImportCounts {
  joiners: number;
  movers: number;
  leavers: number;
  rejoiners: number;
  unchanged: number;
}

export interface MoverSample {
  id: string;
  name: string;
  changes: Record<string, FieldChange>;
}

export interface ImportSummary {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  mode: ImportMode;
  format: "csv" | "jsonl";
  fileName: string;
  rowCount: number;
  validRowCount: number;
  errorCount: number;
  summary: ImportCounts;
  createdAt: string;
  appliedAt: string | null;
  createdBy: string | null;
}

export interface ImportReport extends ImportSummary {
  /** The first 1,000 errors. */
  errors: ImportRowError[];
  /** Up to 20 of each. */
  samples: { joiners: PersonSummary[]; movers: MoverSample[]; leavers: PersonSummary[] };
}
