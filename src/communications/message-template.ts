import {
  parse,
  TYPE,
  type MessageFormatElement,
  type Location,
} from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat, type Formats } from "intl-messageformat";
import { suggest } from "../platform/suggest.js";

/** What a message is for; each purpose has its own template and variables. */
export const messagePurposes = [
  "announcement",
  "launch",
  "session_invitation",
  "reminder",
  "deadline_approaching",
  "overdue",
  "manager_briefing",
  "manager_digest",
  "escalation",
  "completion",
] as const;
export type MessagePurpose = (typeof messagePurposes)[number];

/** The kinds of value a template can use, which decide how it may be formatted. */
type VariableKind = "text" | "number" | "date" | "link";

const learner = {
  firstName: "text",
  name: "text",
  managerName: "text",
  programName: "text",
  waveName: "text",
  dueDate: "date",
  daysLeft: "number",
  launchLink: "link",
} as const satisfies Record<string, VariableKind>;
const team = {
  firstName: "text",
  name: "text",
  programName: "text",
  waveName: "text",
  dueDate: "date",
  teamSize: "number",
  notStartedCount: "number",
  overdueCount: "number",
  completedCount: "number",
  teamLink: "link",
} as const satisfies Record<string, VariableKind>;

/**
 * The variables each purpose's templates may use: safe values Cascade fills in for the recipient
 * (never arbitrary expressions or HTML).
 */
export const purposeVariables: Record<MessagePurpose, Record<string, VariableKind>> = {
  announcement: learner,
  launch: learner,
  session_invitation: { ...learner, sessionStart: "date", sessionLocation: "text" },
  reminder: learner,
  deadline_approaching: learner,
  overdue: learner,
  manager_briefing: team,
  manager_digest: team,
  escalation: { ...team, reportName: "text" },
  completion: { ...learner, score: "number" },
};

/** A problem in a template, at a line and column of the field it is in. */
export interface TemplateProblem {
  field: "subject" | "body";
  line: number;
  column: number;
  message: string;
}

function problemAt(
  field: TemplateProblem["field"],
  location: Location | undefined,
  message: string,
) {
  return {
    field,
    line: location?.start.line ?? 1,
    column: location?.start.column ?? 1,
    message,
  };
}

const syntaxMessages: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: "a { is not closed with }",
  EMPTY_ARGUMENT: "{} needs a variable name",
  MALFORMED_ARGUMENT: "a variable name may only contain letters and digits",
  EXPECT_ARGUMENT_TYPE: "expected a format after the comma: number, date, time, plural or select",
  INVALID_ARGUMENT_TYPE: "unknown format; use number, date, time, plural or select",
  MISSING_OTHER_CLAUSE: "plural and select need an other {…} case",
  UNCLOSED_QUOTE_IN_ARGUMENT_STYLE: "a quote is not closed",
  EXPECT_PLURAL_ARGUMENT_SELECTOR: "expected a plural case such as one, other or =0",
  EXPECT_SELECT_ARGUMENT_SELECTOR: "expected a select case",
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: "a plural case appears twice",
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: "a select case appears twice",
  INVALID_PLURAL_ARGUMENT_SELECTOR:
    "unknown plural case; use zero, one, two, few, many, other or =N",
};

/**
 * Checks one field of a template (ICU MessageFormat): its syntax, and that every variable exists
 * for the purpose and is formatted as its kind allows (a date with `{dueDate, date, long}`, a
 * count with `number` or `plural`). Returns every problem with its line and column.
 */
export function checkTemplateField(
  field: TemplateProblem["field"],
  source: string,
  purpose: MessagePurpose,
): TemplateProblem[] {
  let ast: MessageFormatElement[];
  try {
    ast = parse(source, { captureLocation: true, ignoreTag: true, requiresOtherClause: true });
  } catch (error) {
    const e = error as { message?: string; location?: Location };
    const code = e.message ?? "SYNTAX_ERROR";
    return [problemAt(field, e.location, syntaxMessages[code] ?? `syntax error (${code})`)];
  }
  const variables = purposeVariables[purpose];
  const problems: TemplateProblem[] = [];
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      if (element.type === TYPE.tag) {
        visit(element.children);
        continue;
      }
      const name = element.value;
      const kind = variables[name];
      if (kind === undefined) {
        problems.push(
          problemAt(
            field,
            element.location,
            `unknown variable "${name}".${suggest(name, Object.keys(variables), ` This message can use: ${Object.keys(variables).join(", ")}.`)}`,
          ),
        );
      } else if ((element.type === TYPE.date || element.type === TYPE.time) && kind !== "date") {
        problems.push(problemAt(field, element.location, `"${name}" is not a date`));
      } else if (
        (element.type === TYPE.number || element.type === TYPE.plural) &&
        kind !== "number"
      ) {
        problems.push(problemAt(field, element.location, `"${name}" is not a number`));
      } else if (element.type === TYPE.argument && kind === "date") {
        problems.push(
          problemAt(
            field,
            element.location,
            `format the date for the reader, like {${name}, date, long} or {${name}, time, short}`,
          ),
        );
      }
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) visit(option.value);
    }
  };
  visit(ast);
  return problems;
}

/** A template's text in one locale. */
export interface TemplateVariant {
  locale: string;
  subject: string;
  body: string;
}

/** The variant for a recipient: their locale, then its language, then the fallback, then any. */
export function chooseVariant(
  variants: readonly TemplateVariant[],
  locale: string,
  fallbackLocale: string,
): TemplateVariant {
  const lower = (l: string) => l.toLowerCase();
  const chain = [
    locale,
    locale.split("-")[0] ?? locale,
    fallbackLocale,
    fallbackLocale.split("-")[0] ?? "",
  ];
  for (const wanted of chain) {
    const found =
      variants.find((v) => lower(v.locale) === lower(wanted)) ??
      variants.find(
        (v) => lower(v.locale.split("-")[0] ?? "") === lower(wanted) && !wanted.includes("-"),
      );
    if (found) return found;
  }
  const first = variants[0];
  if (!first) throw new Error("A template needs at least one variant.");
  return first;
}

/** IntlMessageFormat's date and time styles, shown in the recipient's time zone. */
function formatsIn(timeZone: string): Partial<Formats> {
  const zoned = (styles: Record<string, Intl.DateTimeFormatOptions>) =>
    Object.fromEntries(Object.entries(styles).map(([k, v]) => [k, { ...v, timeZone }]));
  return {
    date: zoned(IntlMessageFormat.formats.date),
    time: zoned(IntlMessageFormat.formats.time),
  };
}

export type TemplateValues = Record<string, string | number | Date>;

/**
 * Compiled messages by source, locale and zone. Parsing a message and resolving its locale cost
 * far more than formatting it, and a batch sends the same few templates to thousands of people.
 */
const formatters = new Map<string, IntlMessageFormat>();
const maxFormatters = 2000;

function compiled(source: string, locale: string, timeZone: string): IntlMessageFormat {
  const key = `${locale}\u0000${timeZone}\u0000${source}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= maxFormatters) formatters.clear();
    formatter = new IntlMessageFormat(source, locale, formatsIn(timeZone), { ignoreTag: true });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A message ready to send: subject, HTML body and its plain-text alternative. */
export interface RenderedMessage {
  locale: string;
  subject: string;
  text: string;
  html: string;
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/**
 * Renders a template for one recipient, in their locale (with the fallback chain) and time zone.
 * The body is written as plain text; the HTML alternative is that text escaped, with paragraphs
 * and links, so no value can inject markup.
 */
export function renderMessage(
  variants: readonly TemplateVariant[],
  recipient: { locale: string; timeZone: string },
  values: TemplateValues,
  fallbackLocale = "en",
): RenderedMessage {
  const variant = chooseVariant(variants, recipient.locale, fallbackLocale);
  // Dates and numbers follow the recipient's locale when the text is in their language (en-GB
  // dates in English text for a British reader), else the language of the text they get.
  const language = (l: string) => l.split("-")[0]?.toLowerCase();
  const formatLocale =
    language(variant.locale) === language(recipient.locale) ? recipient.locale : variant.locale;
  const format = (source: string) =>
    String(compiled(source, formatLocale, recipient.timeZone).format(values));
  const subject = format(variant.subject).replace(/\s+/g, " ").trim();
  const text = format(variant.body).trim();
  const html = text
    .split(/\n{2,}/)
    .map(
      (paragraph) =>
        `<p>${escapeHtml(paragraph)
          .replace(/\n/g, "<br>")
          .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)}</p>`,
    )
    .join("\n");
  return { locale: variant.locale, subject, text, html };
}
