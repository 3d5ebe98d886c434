import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PersonDetail } from "../src/directory/person.js";
import { personRow, toCsv } from "../src/test/factories.js";
import { describeInBrowser, eventually } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser, type PeoplePage } from "./server.js";

/** The CSV row that reproduces `person` exactly, with `overrides` applied. */
function rowOf(person: PersonDetail, overrides: Record<string, string>): Record<string, string> {
  return {
    external_id: person.id,
    name: person.name,
    email: person.email ?? "",
    manager_id: person.managerId ?? "",
    division: person.division ?? "",
    department: person.department ?? "",
    region: person.region ?? "",
    country: person.country ?? "",
    location: person.location ?? "",
    time_zone: person.timeZone,
    locale: person.locale ?? "",
    job_title: person.jobTitle ?? "",
    job_family: person.jobFamily ?? "",
    grade: person.grade ?? "",
    employment_type: person.employmentType ?? "",
    hire_date: person.hireDate ?? "",
    tags: person.tags.join(";"),
    ...person.attributes,
    ...overrides,
  };
}

describeInBrowser("importing a people file", () => {
  const suite = useCascadeInBrowser();
  let folder = "";
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cascade-e2e-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("previews a file with an error, applies the valid rows, and the directory shows them", async () => {
    const { server, openAs } = suite();
    const learnerEmail = demoUser(server, "learner").email;
    const [learner] = (
      await server.api<PeoplePage>(`/api/v1/people?q=${encodeURIComponent(learnerEmail)}`)
    ).items;
    if (!learner) throw new Error("The demo learner is not in the directory");
    const mover = (
      await server.api<{ person: PersonDetail }>(`/api/v1/people/${encodeURIComponent(learner.id)}`)
    ).person;
    const newTitle = "Head of Quokka Relations";
    const managerId = mover.managerId ?? "";

    // Lines: 1 header, 2–3 joiners, 4 the mover, 5 a joiner with an impossible time zone.
    const rows = [
      personRow("E2E-JOIN-1", {
        name: "Zephyrine Quokkaberg",
        email: "zephyrine.quokkaberg@meridianbank.example",
        manager_id: managerId,
      }),
      personRow("E2E-JOIN-2", {
        name: "Ottilie Quokkaberg",
        email: "ottilie.quokkaberg@meridianbank.example",
        manager_id: managerId,
      }),
      rowOf(mover, { job_title: newTitle }),
      personRow("E2E-BAD-1", { name: "Marvin Martian", time_zone: "Mars/Olympus_Mons" }),
    ];
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const file = join(folder, "hris-changes.csv");
    writeFileSync(file, toCsv(rows, columns));

    const page = await openAs(adminEmail, "/imports");
    await page.getByTestId("import-mode").getByText("Changes only").click();
    await page.getByTestId("import-file-input").setInputFiles(file);
    await page.getByTestId("preview-import").click();

    await page.getByRole("heading", { name: "Preview" }).waitFor();
    expect(await page.getByTestId("count-joiners").textContent()).toBe("2");
    expect(await page.getByTestId("count-movers").textContent()).toBe("1");
    expect(await page.getByTestId("count-leavers").textContent()).toBe("0");
    expect(await page.getByTestId("count-errors").textContent()).toBe("1");
    const errorRows = page.getByTestId("import-error-row");
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.getByRole("cell").allTextContents();
    expect(cells[0]).toBe("5");
    expect(cells[1]).toBe("time_zone");
    expect(cells[2]).toContain("is not an IANA time zone");
    expect(cells[3]).toBe("Mars/Olympus_Mons");

    // Nothing is applied while a row has errors, until the person chooses to skip it.
    const apply = page.getByTestId("apply-import");
    expect(await apply.isDisabled()).toBe(true);
    await page.getByTestId("skip-errors").check();
    expect(await apply.isEnabled()).toBe(true);
    await apply.click();

    await page.getByTestId("import-applied").waitFor();
    await page.getByRole("heading", { name: "Import result" }).waitFor();
    expect(await page.getByTestId("count-joiners").textContent()).toBe("2");
    expect(await page.getByTestId("count-movers").textContent()).toBe("1");

    // The joiners are in the directory.
    await page.getByRole("link", { name: "Go to People" }).click();
    await page.getByTestId("people-search").fill("Quokkaberg");
    await page.getByTestId("people-search").press("Enter");
    await eventually(() => page.getByTestId("people-total").textContent()).toBe("2 people");
    await eventually(() =>
      page.getByTestId("person-row").evaluateAll((r) => r.map((row) => row.dataset.personId)),
    ).toEqual(["E2E-JOIN-2", "E2E-JOIN-1"]);

    // The mover's history shows what changed, from → to.
    await page.goto(`/people/${encodeURIComponent(mover.id)}`);
    const moved = page.locator('[data-testid="history-item"][data-change="moved"]');
    await moved.waitFor();
    expect(await moved.getByTestId("change-line").allTextContents()).toEqual([
      `Job title: ${mover.jobTitle ?? "—"} → ${newTitle}`,
    ]);
    expect(await page.getByTestId("person-title").textContent()).toContain(newTitle);
  });
});
