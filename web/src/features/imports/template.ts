import { personColumns } from "../directory/personFields.js";

const manager: Record<string, string> = {
  external_id: "E10000",
  name: "Rui Costa",
  email: "rui.costa@example.com",
  manager_id: "",
  division: "Risk",
  department: "Credit Risk",
  region: "EMEA",
  country: "PT",
  location: "Lisbon",
  time_zone: "Europe/Lisbon",
  locale: "pt-PT",
  job_title: "Head of Credit Risk",
  job_family: "Risk",
  grade: "G10",
  employment_type: "employee",
  hire_date: "2015-09-01",
  status: "active",
  tags: "regulated",
};

const report: Record<string, string> = {
  external_id: "E10001",
  name: "Ana Souza",
  email: "ana.souza@example.com",
  manager_id: "E10000",
  division: "Risk",
  department: "Credit Risk",
  region: "EMEA",
  country: "PT",
  location: "Lisbon",
  time_zone: "Europe/Lisbon",
  locale: "pt-PT",
  job_title: "Risk Analyst",
  job_family: "Risk",
  grade: "G7",
  employment_type: "employee",
  hire_date: "2021-03-15",
  status: "active",
  tags: "regulated;frontline",
};

function csvCell(value: string): string {
  return /[",\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV with every Cascade column and two example rows (a manager and a report) that import as they are. */
export function templateCsv(): string {
  const header = personColumns.map((field) => field.column);
  const rows = [manager, report].map((example) =>
    header.map((column) => csvCell(example[column] ?? "")).join(","),
  );
  return `${header.join(",")}\n${rows.join("\n")}\n`;
}

export function downloadTemplate(): void {
  const blob = new Blob([templateCsv()], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = "cascade-people-template.csv";
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
