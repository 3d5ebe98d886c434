import {
  canonicalLocale,
  isIsoDate,
  isValidEmail,
  isValidTimeZone,
  parseTags,
} from "./normalize.js";
import type { RawRow, RowError } from "./people-file.js";
import type { PersonRecord, PersonStatus } from "./person.js";

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,63}$/;
const statusAliases: Record<string, PersonStatus> = {
  active: "active",
  leaver: "leaver",
  left: "leaver",
  inactive: "leaver",
  terminated: "leaver",
};

/**
 * Turns one raw row into a normalised person record, or returns every problem in it.
 * `columnName` gives the file's own name for a Cascade column, so errors use the user's words.
 */
export function validatePersonRow(
  row: RawRow,
  columnName: (column: string) => string,
): { record: PersonRecord | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (column: string): string => (row.fields[column] ?? "").trim();
  const fail = (column: string, message: string): void => {
    errors.push({
      line: row.line,
      column: columnName(column),
      message,
      value: row.fields[column] ?? null,
    });
  };
  const optional = (column: string): string | null => cell(column) || null;

  const externalId = cell("external_id");
  if (!externalId) fail("external_id", "The external id is required.");
  else if (!idPattern.test(externalId)) {
    fail(
      "external_id",
      "The external id must be 1–64 letters, digits or . _ : @ / - and start with a letter or digit.",
    );
  }

  const name = cell("name").replace(/\s+/g, " ");
  if (!name) fail("name", "The name is required.");
  else if (name.length > 200) fail("name", "The name is longer than 200 characters.");

  const emailCell = cell("email").toLowerCase();
  if (emailCell && !isValidEmail(emailCell))
    fail("email", `"${emailCell}" is not a valid e-mail address.`);

  const managerId = optional("manager_id");
  if (managerId && managerId === externalId)
    fail("manager_id", "A person cannot be their own manager.");

  const timeZone = cell("time_zone");
  if (!timeZone)
    fail("time_zone", "The time zone is required (an IANA name such as Europe/Berlin).");
  else if (!isValidTimeZone(timeZone))
    fail(
      "time_zone",
      `"${timeZone}" is not an IANA time zone (for example Europe/Berlin, America/New_York).`,
    );

  const localeCell = cell("locale");
  const locale = localeCell ? canonicalLocale(localeCell) : null;
  if (localeCell && !locale)
    fail("locale", `"${localeCell}" is not a BCP 47 locale (for example de-DE, pt-BR).`);

  const countryCell = cell("country").toUpperCase();
  if (countryCell && !/^[A-Z]{2}$/.test(countryCell))
    fail(
      "country",
      `"${cell("country")}" is not an ISO 3166-1 alpha-2 country code (for example DE, US).`,
    );

  const hireDate = optional("hire_date");
  if (hireDate && !isIsoDate(hireDate))
    fail("hire_date", `"${hireDate}" is not a date in the form YYYY-MM-DD.`);

  const statusCell = cell("status").toLowerCase();
  const status = statusCell ? statusAliases[statusCell] : "active";
  if (!status) fail("status", `"${cell("status")}" is not a status (use active or leaver).`);

  if (errors.length > 0 || !status) return { record: null, errors };
  const attributes: Record<string, string> = {};
  for (const key of Object.keys(row.attributes).sort()) attributes[key] = row.attributes[key] ?? "";
  return {
    record: {
      externalId,
      name,
      email: emailCell || null,
      managerId,
      division: optional("division"),
      department: optional("department"),
      region: optional("region"),
      country: countryCell || null,
      location: optional("location"),
      timeZone,
      locale,
      jobTitle: optional("job_title"),
      jobFamily: optional("job_family"),
      grade: optional("grade"),
      employmentType: optional("employment_type")?.toLowerCase() ?? null,
      hireDate,
      status,
      tags: parseTags(cell("tags")),
      attributes,
    },
    errors,
  };
}
