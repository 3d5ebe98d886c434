/**
 * The standard person columns, mirroring `personFields` in src/directory/person.ts:
 * `key` is the API name, `column` the canonical CSV column.
 */
export const personColumns = [
  { key: "externalId", column: "external_id", label: "External id", required: true },
  { key: "name", column: "name", label: "Name", required: true },
  { key: "email", column: "email", label: "Email", required: true },
  { key: "managerId", column: "manager_id", label: "Manager id", required: false },
  { key: "division", column: "division", label: "Division", required: false },
  { key: "department", column: "department", label: "Department", required: false },
  { key: "region", column: "region", label: "Region", required: false },
  { key: "country", column: "country", label: "Country", required: false },
  { key: "location", column: "location", label: "Location", required: false },
  { key: "timeZone", column: "time_zone", label: "Time zone", required: true },
  { key: "locale", column: "locale", label: "Locale", required: false },
  { key: "jobTitle", column: "job_title", label: "Job title", required: false },
  { key: "jobFamily", column: "job_family", label: "Job family", required: false },
  { key: "grade", column: "grade", label: "Grade", required: false },
  { key: "employmentType", column: "employment_type", label: "Employment type", required: false },
  { key: "hireDate", column: "hire_date", label: "Hire date", required: false },
  { key: "status", column: "status", label: "Status", required: false },
  { key: "tags", column: "tags", label: "Tags", required: false },
] as const;

const labelsByName = new Map<string, string>(
  personColumns.flatMap((field) => [
    [field.key, field.label],
    [field.column, field.label],
  ]),
);

/** A readable label for a field named by its API key or CSV column; custom attributes as is. */
export function fieldLabel(name: string): string {
  return labelsByName.get(name) ?? name.replace(/^attributes\./, "");
}
