import { describe, expect, it } from "vitest";
import {
  checkTemplateField,
  chooseVariant,
  renderMessage,
  type TemplateVariant,
} from "./message-template.js";

const launch: TemplateVariant[] = [
  {
    locale: "en",
    subject: "{programName}: please complete it by {dueDate, date, long}",
    body: "Hello {firstName},\n\nYou have {daysLeft, plural, one {# day} other {# days}} left.\n\nStart here: {launchLink}",
  },
  {
    locale: "de",
    subject: "{programName}: bitte bis {dueDate, date, long} abschließen",
    body: "Hallo {firstName},\n\nNoch {daysLeft, plural, one {# Tag} other {# Tage}}.\n\nLos geht's: {launchLink}",
  },
];
const values = {
  firstName: "Eva",
  programName: "Code of Conduct 2027",
  // 23:30 UTC on 31 January is already 1 February in Berlin and still 31 January in New York.
  dueDate: new Date("2027-01-31T23:30:00Z"),
  daysLeft: 1,
  launchLink: "https://cascade.example/learn/42",
};

describe("message templates", () => {
  it("renders in the recipient's language and time zone, with plurals", () => {
    const berlin = renderMessage(launch, { locale: "de-DE", timeZone: "Europe/Berlin" }, values);
    expect(berlin.locale).toBe("de");
    expect(berlin.subject).toBe("Code of Conduct 2027: bitte bis 1. Februar 2027 abschließen");
    expect(berlin.text).toContain("Noch 1 Tag.");
    const newYork = renderMessage(
      launch,
      { locale: "en-US", timeZone: "America/New_York" },
      { ...values, daysLeft: 3 },
    );
    expect(newYork.subject).toBe("Code of Conduct 2027: please complete it by January 31, 2027");
    expect(newYork.text).toContain("You have 3 days left.");
  });

  it("falls back from a regional locale to its language, then to the fallback locale", () => {
    expect(chooseVariant(launch, "de-CH", "en").locale).toBe("de");
    expect(chooseVariant(launch, "fr-CA", "en").locale).toBe("en");
    expect(renderMessage(launch, { locale: "ja-JP", timeZone: "Asia/Tokyo" }, values).locale).toBe(
      "en",
    );
  });

  it("builds an HTML alternative in which no value can inject markup", () => {
    const message = renderMessage(
      launch,
      { locale: "en", timeZone: "UTC" },
      { ...values, firstName: "<script>x</script>" },
    );
    expect(message.text).toContain("Hello <script>x</script>,");
    expect(message.html).toContain("<p>Hello &lt;script&gt;x&lt;/script&gt;,</p>");
    expect(message.html).toContain(
      '<a href="https://cascade.example/learn/42">https://cascade.example/learn/42</a>',
    );
    expect(message.html).not.toContain("<script>");
  });

  it("accepts every template of the examples", () => {
    for (const variant of launch) {
      expect(checkTemplateField("subject", variant.subject, "launch")).toEqual([]);
      expect(checkTemplateField("body", variant.body, "launch")).toEqual([]);
    }
  });

  it("rejects a syntax error with its line and column", () => {
    expect(
      checkTemplateField(
        "body",
        "Hello {firstName},\nyou have {daysLeft, plural, one {# day} other {# days}",
        "reminder",
      ),
    ).toEqual([{ field: "body", line: 2, column: 10, message: "a { is not closed with }" }]);
    expect(
      checkTemplateField("subject", "{daysLeft, plural, one {# day}}", "reminder")[0],
    ).toMatchObject({
      message: "plural and select need an other {…} case",
    });
  });

  it("rejects unknown variables with a suggestion, and variables formatted against their kind", () => {
    expect(checkTemplateField("body", "Hi {firstname}", "launch")).toEqual([
      {
        field: "body",
        line: 1,
        column: 4,
        message: 'unknown variable "firstname". Did you mean "firstName"?',
      },
    ]);
    const problems = checkTemplateField(
      "body",
      "{overdueCount} {dueDate} {firstName, number} {daysLeft, date, short}",
      "launch",
    );
    expect(problems.map((p) => [p.column, p.message])).toEqual([
      [1, expect.stringContaining('unknown variable "overdueCount"')],
      [16, "format the date for the reader, like {dueDate, date, long} or {dueDate, time, short}"],
      [26, '"firstName" is not a number'],
      [46, '"daysLeft" is not a date'],
    ]);
    // Digests speak of a team, not of one learner's link.
    expect(
      checkTemplateField(
        "body",
        "{overdueCount, plural, one {# report is} other {# reports are}} overdue",
        "manager_digest",
      ),
    ).toEqual([]);
  });
});
