/**
 * Statement validation for the LRS: every MUST of the xAPI Data specification (xAPI 1.0.3 Part
 * Two, and IEEE 9274.1.1 / xAPI 2.0) that an LRS enforces on a statement it receives.
 *
 * It runs on every stored statement, so it is hand-written: one pass over each object's own keys
 * (which checks unknown keys, nulls and each value at once), precompiled regular expressions, no
 * exceptions and no allocation until a problem is found. It stops at the first problem and says
 * where it is (`statement.context.contextActivities.parent[0].id`) and what is wrong.
 */

export type XapiVersion = "1.0.3" | "2.0.0";

/** One problem in a statement: where (`statement.actor.mbox`) and what, in plain words. */
export interface ValidationIssue {
  path: string;
  message: string;
}

type JsonObject = Record<string, unknown>;

/** Where an Agent or Group appears: each place allows a different subset (Data 2.4.2, 2.4.6). */
type AgentRole =
  | "actor"
  | "object"
  | "member"
  | "instructor"
  | "team"
  | "authority"
  | "contextAgent"
  | "contextGroup"
  | "parameter";

/** The reserved verb whose statements void another (Data 2.3.2). */
const VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided";

const IFI_NAMES = "mbox, mbox_sha1sum, openid, account";

/**
 * Absolute IRI: a scheme, a colon, then at least one character, none of them a space, a control
 * character or one RFC 3987 excludes. Full RFC 3987 parsing is not required (Data 2.2.s4.b6 allows
 * best effort); what matters is rejecting relative references and obvious garbage.
 */
const IRI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\p{Cc}]+$/u;
/** A "%" not followed by two hex digits: an invalid percent-encoding. */
const BAD_PERCENT_RE = /%(?![0-9A-Fa-f]{2})/;

/** Standard string form (8-4-4-4-12 hex digits); any version or variant (Data 4.4). */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * RFC 5646 `Language-Tag`: langtag (language, extlangs, script, region, variants, extensions,
 * private use), a private-use tag, or one of the grandfathered tags. Case-insensitive.
 */
const LANGUAGE_TAG_RE = new RegExp(
  "^(?:" +
    "(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})" +
    "(?:-[a-z]{4})?" +
    "(?:-(?:[a-z]{2}|[0-9]{3}))?" +
    "(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*" +
    "(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*" +
    "(?:-x(?:-[a-z0-9]{1,8})+)?" +
    "|x(?:-[a-z0-9]{1,8})+" +
    "|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)" +
    "|sgn-(?:be-fr|be-nl|ch-de)|art-lojban|cel-gaulish|no-bok|no-nyn" +
    "|zh-(?:guoyu|hakka|min|min-nan|xiang)" +
    ")$",
  "i",
);

/**
 * The loose shape the 1.0.3 conformance suite accepts for `context.language` (it expects a
 * 50-letter "language" to be stored): alphanumeric subtags separated by hyphens.
 */
const LOOSE_LANGUAGE_RE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/**
 * ISO 8601 date-time, extended (`2024-05-01T10:00:00.123+02:00`, also with a space as RFC 3339
 * allows) or basic (`20240501T100000Z`) format; seconds and zone optional. Groups: year, month,
 * day, hour, minute, second, zone.
 */
const TIMESTAMP_EXTENDED_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const TIMESTAMP_BASIC_RE =
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?:\d{2})?)?$/;

/**
 * ISO 8601:2004 4.4.3.2 duration: `PnW`, or `PnYnMnDTnHnMnS` with at least one component and a
 * component after any `T`. `P16559.14S` (seconds without `T`) is accepted because the xAPI
 * specification gives it as a valid example (Data 4.6).
 */
const DURATION_NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const DURATION_RE = new RegExp(
  `^P(?:${DURATION_NUMBER}W` +
    `|(?=\\d|T\\d)(?:${DURATION_NUMBER}Y)?(?:${DURATION_NUMBER}M)?(?:${DURATION_NUMBER}D)?` +
    `(?:T(?=\\d)(?:${DURATION_NUMBER}H)?(?:${DURATION_NUMBER}M)?(?:${DURATION_NUMBER}S)?)?` +
    `|${DURATION_NUMBER}S)$`,
);

/** `mailto:` followed by an e-mail address (local part, "@", domain; no spaces). */
const MBOX_RE = /^mailto:[^\s@]+@[^\s@]+$/;
const SHA1_HEX_RE = /^[0-9a-f]{40}$/i;
/** Hex digest of one of the SHA-2 functions: 224, 256, 384 or 512 bits. */
const SHA2_HEX_RE = /^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
/** Internet media type `type/subtype`, optionally with parameters (RFC 2046). */
const MEDIA_TYPE_RE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?:\s*;.*)?$/s;
const VERSION_1_0_RE = /^1\.0\.\d+$/;

const INTERACTION_TYPES =
  '"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"';

/** Whether `value` is an absolute IRI with a scheme (RFC 3987, pragmatic). */
export function isIri(value: string): boolean {
  if (!IRI_RE.test(value)) return false;
  return !value.includes("%") || !BAD_PERCENT_RE.test(value);
}

/** Whether `value` is a UUID in standard string form (case-insensitive). */
export function isUuid(value: string): boolean {
  return value.length === 36 && UUID_RE.test(value);
}

/** Whether `value` is an RFC 5646 language tag (syntax, no duplicate singletons or variants). */
export function isLanguageTag(value: string): boolean {
  if (value.length > 255 || !LANGUAGE_TAG_RE.test(value)) return false;
  return value.length < 10 || !hasRepeatedSubtag(value);
}

/**
 * RFC 5646 2.2.5/2.2.6: a variant or an extension singleton appears at most once. Subtags after
 * the private-use "x" are free-form.
 */
function hasRepeatedSubtag(tag: string): boolean {
  const parts = tag.toLowerCase().split("-");
  const seen = new Set<string>();
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === "x") return false;
    const isSingleton = part.length === 1;
    const isVariant = part.length >= 5 || (part.length === 4 && part.charCodeAt(0) <= 57);
    if (!isSingleton && !isVariant) continue;
    if (seen.has(part)) return true;
    seen.add(part);
    // An extension's own subtags are not variants.
    if (isSingleton) {
      while (i + 1 < parts.length && (parts[i + 1] as string).length > 1) i++;
    }
  }
  return false;
}

const TS_INVALID = 0;
const TS_NEGATIVE_ZERO = 1;
const TS_NO_ZONE = 2;
const TS_OK = 3;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Classifies a timestamp: invalid, the forbidden `-00:00` offset, valid without zone, valid. */
function timestampKind(value: string): number {
  const m = TIMESTAMP_EXTENDED_RE.exec(value) ?? TIMESTAMP_BASIC_RE.exec(value);
  if (m === null) return TS_INVALID;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return TS_INVALID;
  if (Number(m[4]) > 23 || Number(m[5]) > 59) return TS_INVALID;
  if (m[6] !== undefined && Number(m[6]) > 60) return TS_INVALID;
  const zone = m[7];
  if (zone === undefined) return TS_NO_ZONE;
  if (zone.length === 1) return TS_OK;
  const hours = Number(zone.slice(1, 3));
  const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
  if (hours > 23 || minutes > 59) return TS_INVALID;
  // RFC 3339 4.3: "-00:00" means "offset unknown"; the conformance suites require rejecting it.
  if (zone.charCodeAt(0) === 45 && hours === 0 && minutes === 0) return TS_NEGATIVE_ZERO;
  return TS_OK;
}

/**
 * Whether `value` is an ISO 8601 date-time as xAPI allows: a full date and a time, with or without
 * a zone (xAPI 2.0 statements additionally need one), never the `-00:00` offset.
 */
export function isIsoTimestamp(value: string): boolean {
  const kind = timestampKind(value);
  return kind === TS_OK || kind === TS_NO_ZONE;
}

/** Whether `value` is an ISO 8601 duration in the format xAPI allows (Data 4.6). */
export function isIsoDuration(value: string): boolean {
  return DURATION_RE.test(value);
}

/**
 * The first problem in a statement, or null when it is valid. `version` is the
 * X-Experience-API-Version of the request: it decides the accepted `version` values, whether a
 * timestamp needs a zone and whether the 2.0 context properties are allowed.
 */
export function validateStatement(
  value: unknown,
  version: XapiVersion,
  root = "statement",
): ValidationIssue | null {
  return checkStatement(value, root, version === "2.0.0", false);
}

/** For the `agent` query/document parameter (already JSON-parsed): an Agent or identified Group. */
export function validateAgent(value: unknown, root: string): ValidationIssue | null {
  return checkAgentOrGroup(value, root, "parameter");
}

function issue(path: string, message: string): ValidationIssue {
  return { path, message };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  if (type === "object") return "an object";
  if (type === "number" || type === "string" || type === "boolean") return `a ${type}`;
  return type;
}

function notObject(value: unknown, path: string): ValidationIssue {
  return issue(path, `must be an object (found ${describe(value)})`);
}

function unknownProperty(path: string, key: string): ValidationIssue {
  return issue(`${path}.${key}`, `unknown property "${key}"`);
}

function nullValue(path: string, key: string): ValidationIssue {
  return issue(`${path}.${key}`, "must not be null");
}

function checkString(value: unknown, path: string): ValidationIssue | null {
  return typeof value === "string"
    ? null
    : issue(path, `must be a string (found ${describe(value)})`);
}

function checkBoolean(value: unknown, path: string): ValidationIssue | null {
  return typeof value === "boolean"
    ? null
    : issue(path, `must be a boolean (found ${describe(value)})`);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function checkNumber(value: unknown, path: string): ValidationIssue | null {
  return isNumber(value) ? null : issue(path, `must be a number (found ${describe(value)})`);
}

function checkIri(value: unknown, path: string): ValidationIssue | null {
  if (typeof value !== "string")
    return issue(path, `must be an IRI string (found ${describe(value)})`);
  return isIri(value) ? null : issue(path, "must be an absolute IRI with a scheme");
}

function checkUuid(value: unknown, path: string): ValidationIssue | null {
  if (typeof value !== "string")
    return issue(path, `must be a UUID string (found ${describe(value)})`);
  return isUuid(value) ? null : issue(path, "must be a UUID (8-4-4-4-12 hexadecimal digits)");
}

function checkTimestamp(value: unknown, path: string, v2: boolean): ValidationIssue | null {
  if (typeof value !== "string") {
    return issue(path, `must be an ISO 8601 timestamp string (found ${describe(value)})`);
  }
  switch (timestampKind(value)) {
    case TS_OK:
      return null;
    case TS_NO_ZONE:
      return v2
        ? issue(path, 'must include a time zone ("Z" or an offset such as "+01:00")')
        : null;
    case TS_NEGATIVE_ZERO:
      return issue(path, 'must not use the "-00:00" offset (use "Z" or "+00:00")');
    default:
      return issue(path, "must be an ISO 8601 date and time (e.g. 2024-05-01T10:00:00.000Z)");
  }
}

/** Data 4.2: an object with at least one entry, RFC 5646 keys and string values. */
function checkLanguageMap(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value))
    return issue(path, `must be a language map object (found ${describe(value)})`);
  let empty = true;
  for (const key in value) {
    empty = false;
    if (!isLanguageTag(key)) return issue(path, `key "${key}" is not an RFC 5646 language tag`);
    const text = value[key];
    if (typeof text !== "string")
      return issue(`${path}.${key}`, `must be a string (found ${describe(text)})`);
  }
  return empty ? issue(path, "must have at least one language entry") : null;
}

/** Data 4.1: keys are IRIs; values are any JSON, null included, and never rejected. */
function checkExtensions(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return issue(path, `must be an object (found ${describe(value)})`);
  for (const key in value) {
    if (!isIri(key)) return issue(path, `key "${key}" must be an absolute IRI`);
  }
  return null;
}

function found(agent: JsonObject): string {
  const names: string[] = [];
  if (agent.mbox !== undefined) names.push("mbox");
  if (agent.mbox_sha1sum !== undefined) names.push("mbox_sha1sum");
  if (agent.openid !== undefined) names.push("openid");
  if (agent.account !== undefined) names.push("account");
  return names.length === 0 ? "found none" : `found ${names.length}: ${names.join(", ")}`;
}

function checkMbox(value: unknown, path: string): ValidationIssue | null {
  if (typeof value !== "string")
    return issue(path, `must be a "mailto:" IRI string (found ${describe(value)})`);
  if (!value.startsWith("mailto:")) return issue(path, 'must be a "mailto:" IRI');
  return MBOX_RE.test(value) ? null : issue(path, 'must be a "mailto:" IRI with an e-mail address');
}

/** Data 2.4.2.4: both properties required, nothing else. */
function checkAccount(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null;
    switch (key) {
      case "homePage":
        problem = checkIri(v, `${path}.homePage`);
        break;
      case "name":
        problem = checkString(v, `${path}.name`);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  if (value.homePage === undefined) return issue(`${path}.homePage`, "is required");
  if (value.name === undefined) return issue(`${path}.name`, "is required");
  return null;
}

/**
 * Agent (exactly one inverse functional identifier) or Group (identified by one, or anonymous
 * with members), restricted by where it appears (Data 2.4.2, 2.4.4.2, 2.4.6, 2.4.9).
 */
function checkAgentOrGroup(value: unknown, path: string, role: AgentRole): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  const objectType = value.objectType;
  let isGroup = false;
  if (objectType === "Group") isGroup = true;
  else if (objectType !== undefined && objectType !== "Agent") {
    if (objectType === null) return nullValue(path, "objectType");
    return typeof objectType === "string"
      ? issue(`${path}.objectType`, 'must be "Agent" or "Group" (case-sensitive)')
      : checkString(objectType, `${path}.objectType`);
  }
  if (isGroup && (role === "member" || role === "contextAgent")) {
    return issue(
      `${path}.objectType`,
      role === "member" ? 'must be "Agent": a Group cannot contain Groups' : 'must be "Agent"',
    );
  }
  if (!isGroup && (role === "team" || role === "contextGroup")) {
    return objectType === undefined
      ? issue(`${path}.objectType`, 'is required: must be "Group"')
      : issue(`${path}.objectType`, 'must be "Group"');
  }
  let ifis = 0;
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null = null;
    switch (key) {
      case "objectType":
        break;
      case "name":
        problem = checkString(v, `${path}.name`);
        break;
      case "mbox":
        ifis++;
        problem = checkMbox(v, `${path}.mbox`);
        break;
      case "mbox_sha1sum":
        ifis++;
        if (typeof v !== "string" || !SHA1_HEX_RE.test(v)) {
          problem = issue(`${path}.mbox_sha1sum`, "must be a SHA-1 hash as 40 hexadecimal digits");
        }
        break;
      case "openid":
        ifis++;
        problem = checkIri(v, `${path}.openid`);
        break;
      case "account":
        ifis++;
        problem = checkAccount(v, `${path}.account`);
        break;
      case "member":
        if (!isGroup)
          return issue(`${path}.member`, 'is only allowed in a Group (objectType "Group")');
        problem = checkMembers(v, `${path}.member`);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  if (!isGroup) {
    if (ifis !== 1) {
      return issue(
        path,
        `must identify the agent with exactly one of ${IFI_NAMES} (${found(value)})`,
      );
    }
    return null;
  }
  if (ifis > 1) {
    return issue(
      path,
      `must identify the group with at most one of ${IFI_NAMES} (${found(value)})`,
    );
  }
  const members = value.member as unknown[] | undefined;
  if (ifis === 0) {
    if (role === "parameter") {
      return issue(path, `must be an Agent or an identified Group (one of ${IFI_NAMES})`);
    }
    if (members === undefined) return issue(`${path}.member`, "is required in an anonymous Group");
    if (members.length === 0)
      return issue(`${path}.member`, "must not be empty in an anonymous Group");
  }
  if (role === "authority" && (members === undefined || members.length !== 2)) {
    return issue(
      `${path}.member`,
      "must list exactly two Agents (OAuth consumer and user) when the authority is a Group",
    );
  }
  return null;
}

function checkMembers(value: unknown, path: string): ValidationIssue | null {
  if (!Array.isArray(value))
    return issue(path, `must be an array of Agents (found ${describe(value)})`);
  for (let i = 0; i < value.length; i++) {
    const problem = checkAgentOrGroup(value[i], `${path}[${i}]`, "member");
    if (problem !== null) return problem;
  }
  return null;
}

/** Data 2.4.3: an IRI and an optional display language map. */
function checkVerb(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null;
    switch (key) {
      case "id":
        problem = checkIri(v, `${path}.id`);
        break;
      case "display":
        problem = checkLanguageMap(v, `${path}.display`);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  return value.id === undefined ? issue(`${path}.id`, "is required") : null;
}

/** Data 2.4.4: what the statement is about, chosen by objectType (Activity when absent). */
function checkObject(
  value: unknown,
  path: string,
  v2: boolean,
  inSub: boolean,
): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  const objectType = value.objectType;
  if (objectType === undefined || objectType === "Activity")
    return checkActivity(value, path, true);
  if (objectType === "Agent" || objectType === "Group") {
    return checkAgentOrGroup(value, path, "object");
  }
  if (objectType === "StatementRef") return checkStatementRef(value, path);
  if (objectType === "SubStatement") {
    if (inSub) {
      return issue(
        `${path}.objectType`,
        '"SubStatement" is not allowed in a SubStatement (SubStatements cannot be nested)',
      );
    }
    return checkStatement(value, path, v2, true);
  }
  if (objectType === null) return nullValue(path, "objectType");
  if (typeof objectType !== "string") return checkString(objectType, `${path}.objectType`);
  return issue(
    `${path}.objectType`,
    'must be one of "Activity", "Agent", "Group", "StatementRef", "SubStatement" (case-sensitive)',
  );
}

/** An objectType that must be exactly `expected` (the spec's values are case-sensitive). */
function checkExactType(v: unknown, path: string, expected: string): ValidationIssue | null {
  if (v === expected) return null;
  return typeof v === "string"
    ? issue(`${path}.objectType`, `must be "${expected}" (case-sensitive)`)
    : checkString(v, `${path}.objectType`);
}

/**
 * Data 2.4.4.1: an IRI id and an optional definition. `asObject` is true for a statement's object,
 * where an agent-looking object without objectType deserves a better message than "unknown".
 */
function checkActivity(value: JsonObject, path: string, asObject: boolean): ValidationIssue | null {
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null;
    switch (key) {
      case "objectType":
        problem = checkExactType(v, path, "Activity");
        break;
      case "id":
        problem = checkIri(v, `${path}.id`);
        break;
      case "definition":
        problem = checkDefinition(v, `${path}.definition`);
        break;
      case "mbox":
      case "mbox_sha1sum":
      case "openid":
      case "account":
      case "member":
        if (asObject && value.objectType === undefined) {
          return issue(
            `${path}.objectType`,
            'is required ("Agent" or "Group") when the object is an agent',
          );
        }
        return unknownProperty(path, key);
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  return value.id === undefined ? issue(`${path}.id`, "is required") : null;
}

/** The interaction component lists an interactionType supports (Data 2.4.4.1.s15). */
function allowsComponentList(interactionType: string, list: string): boolean {
  switch (interactionType) {
    case "choice":
    case "sequencing":
      return list === "choices";
    case "likert":
      return list === "scale";
    case "matching":
      return list === "source" || list === "target";
    case "performance":
      return list === "steps";
    default:
      return false;
  }
}

function isInteractionType(value: string): boolean {
  switch (value) {
    case "true-false":
    case "choice":
    case "fill-in":
    case "long-fill-in":
    case "matching":
    case "performance":
    case "sequencing":
    case "likert":
    case "numeric":
    case "other":
      return true;
    default:
      return false;
  }
}

/** Data 2.4.4.1 Activity Definition, including the interaction properties. */
function checkDefinition(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  const interactionType = value.interactionType;
  if (interactionType !== undefined && interactionType !== null) {
    if (typeof interactionType !== "string") {
      return checkString(interactionType, `${path}.interactionType`);
    }
    if (!isInteractionType(interactionType)) {
      return issue(
        `${path}.interactionType`,
        `must be one of ${INTERACTION_TYPES} (case-sensitive)`,
      );
    }
  }
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null = null;
    switch (key) {
      case "name":
      case "description":
        problem = checkLanguageMap(v, `${path}.${key}`);
        break;
      case "type":
      case "moreInfo":
        problem = checkIri(v, `${path}.${key}`);
        break;
      case "extensions":
        problem = checkExtensions(v, `${path}.extensions`);
        break;
      case "interactionType":
        break;
      case "correctResponsesPattern":
        if (interactionType === undefined) {
          return issue(`${path}.correctResponsesPattern`, "requires interactionType");
        }
        problem = checkStringArray(v, `${path}.correctResponsesPattern`);
        break;
      case "choices":
      case "scale":
      case "source":
      case "target":
      case "steps":
        if (typeof interactionType !== "string") {
          return issue(`${path}.${key}`, "requires interactionType");
        }
        if (!allowsComponentList(interactionType, key)) {
          return issue(`${path}.${key}`, `is not allowed for interactionType "${interactionType}"`);
        }
        problem = checkComponents(v, `${path}.${key}`);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  return null;
}

function checkStringArray(value: unknown, path: string): ValidationIssue | null {
  if (!Array.isArray(value))
    return issue(path, `must be an array of strings (found ${describe(value)})`);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== "string")
      return issue(`${path}[${i}]`, `must be a string (found ${describe(item)})`);
  }
  return null;
}

/** Interaction components: `{id, description?}` with ids distinct within the list. */
function checkComponents(value: unknown, path: string): ValidationIssue | null {
  if (!Array.isArray(value)) {
    return issue(path, `must be an array of interaction components (found ${describe(value)})`);
  }
  const ids = new Map<string, number>();
  for (let i = 0; i < value.length; i++) {
    const component: unknown = value[i];
    const at = `${path}[${i}]`;
    if (!isObject(component)) return notObject(component, at);
    for (const key in component) {
      const v = component[key];
      if (v === null) return nullValue(at, key);
      let problem: ValidationIssue | null;
      switch (key) {
        case "id":
          problem = checkString(v, `${at}.id`);
          break;
        case "description":
          problem = checkLanguageMap(v, `${at}.description`);
          break;
        default:
          return unknownProperty(at, key);
      }
      if (problem !== null) return problem;
    }
    const id = component.id;
    if (typeof id !== "string") return issue(`${at}.id`, "is required");
    const previous = ids.get(id);
    if (previous !== undefined) {
      return issue(`${at}.id`, `duplicate id "${id}" (already used at index ${previous})`);
    }
    ids.set(id, i);
  }
  return null;
}

/** Data 2.4.4.3: objectType "StatementRef" and the UUID of a statement. */
function checkStatementRef(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null;
    switch (key) {
      case "objectType":
        problem = checkExactType(v, path, "StatementRef");
        break;
      case "id":
        problem = checkUuid(v, `${path}.id`);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  if (value.objectType === undefined)
    return issue(`${path}.objectType`, 'is required: must be "StatementRef"');
  return value.id === undefined ? issue(`${path}.id`, "is required") : null;
}

/** Data 2.4.5 Result. */
function checkResult(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null;
    switch (key) {
      case "score":
        problem = checkScore(v, `${path}.score`);
        break;
      case "success":
      case "completion":
        problem = checkBoolean(v, `${path}.${key}`);
        break;
      case "response":
        problem = checkString(v, `${path}.response`);
        break;
      case "duration":
        problem =
          typeof v !== "string"
            ? issue(
                `${path}.duration`,
                `must be an ISO 8601 duration string (found ${describe(v)})`,
              )
            : isIsoDuration(v)
              ? null
              : issue(`${path}.duration`, "must be an ISO 8601 duration (e.g. PT1H30M5.25S)");
        break;
      case "extensions":
        problem = checkExtensions(v, `${path}.extensions`);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  return null;
}

/** Data 2.4.5.1 Score: scaled in [-1, 1], min < max, min <= raw <= max. */
function checkScore(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    switch (key) {
      case "scaled":
        if (!isNumber(v)) return checkNumber(v, `${path}.scaled`);
        if (v < -1 || v > 1) return issue(`${path}.scaled`, "must be between -1 and 1");
        break;
      case "raw":
      case "min":
      case "max":
        if (!isNumber(v)) return checkNumber(v, `${path}.${key}`);
        break;
      default:
        return unknownProperty(path, key);
    }
  }
  const raw = value.raw as number | undefined;
  const min = value.min as number | undefined;
  const max = value.max as number | undefined;
  if (min !== undefined && max !== undefined && !(min < max)) {
    return issue(`${path}.min`, `must be less than max (${max})`);
  }
  if (raw !== undefined) {
    if (min !== undefined && raw < min)
      return issue(`${path}.raw`, `must be at least min (${min})`);
    if (max !== undefined && raw > max) return issue(`${path}.raw`, `must be at most max (${max})`);
  }
  return null;
}

/**
 * Data 2.4.6 Context. `objectIsActivity` gates revision and platform (2.4.6.s4.b1-b2); `v2` gates
 * the xAPI 2.0 contextAgents and contextGroups and the strict language check.
 */
function checkContext(
  value: unknown,
  path: string,
  v2: boolean,
  objectIsActivity: boolean,
): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null;
    switch (key) {
      case "registration":
        problem = checkUuid(v, `${path}.registration`);
        break;
      case "instructor":
        problem = checkAgentOrGroup(v, `${path}.instructor`, "instructor");
        break;
      case "team":
        problem = checkAgentOrGroup(v, `${path}.team`, "team");
        break;
      case "contextActivities":
        problem = checkContextActivities(v, `${path}.contextActivities`);
        break;
      case "revision":
      case "platform":
        if (!objectIsActivity) {
          return issue(
            `${path}.${key}`,
            "is only allowed when the statement's object is an Activity",
          );
        }
        problem = checkString(v, `${path}.${key}`);
        break;
      case "language":
        problem = checkContextLanguage(v, `${path}.language`, v2);
        break;
      case "statement":
        problem = checkStatementRef(v, `${path}.statement`);
        break;
      case "extensions":
        problem = checkExtensions(v, `${path}.extensions`);
        break;
      case "contextAgents":
      case "contextGroups":
        if (!v2)
          return issue(`${path}.${key}`, `unknown property "${key}" (it was added in xAPI 2.0)`);
        problem = checkContextAgents(v, `${path}.${key}`, key === "contextGroups");
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * RFC 5646 for xAPI 2.0 (its conformance suite rejects "something"); only the loose shape for
 * 1.0.3, whose conformance suite expects a 50-letter language to be accepted.
 */
function checkContextLanguage(value: unknown, path: string, v2: boolean): ValidationIssue | null {
  if (typeof value !== "string") return checkString(value, path);
  const valid = v2 ? isLanguageTag(value) : LOOSE_LANGUAGE_RE.test(value);
  return valid ? null : issue(path, "must be an RFC 5646 language tag");
}

/** Data 2.4.6.2: parent, grouping, category, other; each an Activity or an array of them. */
function checkContextActivities(value: unknown, path: string): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    switch (key) {
      case "parent":
      case "grouping":
      case "category":
      case "other":
        break;
      default:
        return issue(
          `${path}.${key}`,
          `unknown property "${key}" (must be one of parent, grouping, category, other)`,
        );
    }
    const at = `${path}.${key}`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const activity: unknown = v[i];
        if (!isObject(activity)) return notObject(activity, `${at}[${i}]`);
        const problem = checkActivity(activity, `${at}[${i}]`, false);
        if (problem !== null) return problem;
      }
    } else if (isObject(v)) {
      const problem = checkActivity(v, at, false);
      if (problem !== null) return problem;
    } else {
      return issue(at, `must be an Activity or an array of Activities (found ${describe(v)})`);
    }
  }
  return null;
}

/**
 * xAPI 2.0 contextAgents / contextGroups: arrays of `{objectType: "contextAgent", agent}` or
 * `{objectType: "contextGroup", group}`, each with optional non-empty relevantTypes IRIs.
 */
function checkContextAgents(value: unknown, path: string, groups: boolean): ValidationIssue | null {
  if (!Array.isArray(value)) return issue(path, `must be an array (found ${describe(value)})`);
  const objectType = groups ? "contextGroup" : "contextAgent";
  const memberKey = groups ? "group" : "agent";
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    const at = `${path}[${i}]`;
    if (!isObject(entry)) return notObject(entry, at);
    for (const key in entry) {
      const v = entry[key];
      if (v === null) return nullValue(at, key);
      let problem: ValidationIssue | null = null;
      switch (key) {
        case "objectType":
          if (v !== objectType) problem = issue(`${at}.objectType`, `must be "${objectType}"`);
          break;
        case "agent":
        case "group":
          if (key !== memberKey) return unknownProperty(at, key);
          problem = checkAgentOrGroup(v, `${at}.${key}`, groups ? "contextGroup" : "contextAgent");
          break;
        case "relevantTypes":
          problem = checkRelevantTypes(v, `${at}.relevantTypes`);
          break;
        default:
          return unknownProperty(at, key);
      }
      if (problem !== null) return problem;
    }
    if (entry.objectType === undefined) {
      return issue(`${at}.objectType`, `is required: must be "${objectType}"`);
    }
    if (entry[memberKey] === undefined) return issue(`${at}.${memberKey}`, "is required");
  }
  return null;
}

function checkRelevantTypes(value: unknown, path: string): ValidationIssue | null {
  if (!Array.isArray(value))
    return issue(path, `must be an array of IRIs (found ${describe(value)})`);
  if (value.length === 0) return issue(path, "must not be empty");
  for (let i = 0; i < value.length; i++) {
    const problem = checkIri(value[i], `${path}[${i}]`);
    if (problem !== null) return problem;
  }
  return null;
}

/** Data 2.4.11 Attachment headers. */
function checkAttachments(value: unknown, path: string): ValidationIssue | null {
  if (!Array.isArray(value))
    return issue(path, `must be an array of attachments (found ${describe(value)})`);
  for (let i = 0; i < value.length; i++) {
    const attachment: unknown = value[i];
    const at = `${path}[${i}]`;
    if (!isObject(attachment)) return notObject(attachment, at);
    for (const key in attachment) {
      const v = attachment[key];
      if (v === null) return nullValue(at, key);
      let problem: ValidationIssue | null = null;
      switch (key) {
        case "usageType":
        case "fileUrl":
          problem = checkIri(v, `${at}.${key}`);
          break;
        case "display":
        case "description":
          problem = checkLanguageMap(v, `${at}.${key}`);
          break;
        case "contentType":
          if (typeof v !== "string" || !MEDIA_TYPE_RE.test(v)) {
            problem = issue(
              `${at}.contentType`,
              'must be an Internet media type (e.g. "text/plain")',
            );
          }
          break;
        case "length":
          if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
            problem = issue(
              `${at}.length`,
              `must be a non-negative integer (found ${describe(v)})`,
            );
          }
          break;
        case "sha2":
          if (typeof v !== "string" || !SHA2_HEX_RE.test(v)) {
            problem = issue(
              `${at}.sha2`,
              "must be a SHA-2 hash in hexadecimal (56, 64, 96 or 128 digits)",
            );
          }
          break;
        default:
          return unknownProperty(at, key);
      }
      if (problem !== null) return problem;
    }
    if (attachment.usageType === undefined) return issue(`${at}.usageType`, "is required");
    if (attachment.display === undefined) return issue(`${at}.display`, "is required");
    if (attachment.contentType === undefined) return issue(`${at}.contentType`, "is required");
    if (attachment.length === undefined) return issue(`${at}.length`, "is required");
    if (attachment.sha2 === undefined) return issue(`${at}.sha2`, "is required");
  }
  return null;
}

/** Data 2.4.10: 1.0.x always; "2.0.0" too when the request is xAPI 2.0. */
function checkVersion(value: unknown, path: string, v2: boolean): ValidationIssue | null {
  if (typeof value !== "string") return checkString(value, path);
  if (VERSION_1_0_RE.test(value) || (v2 && value === "2.0.0")) return null;
  return issue(path, v2 ? 'must be "2.0.0" or "1.0.x"' : 'must be "1.0.x" (start with "1.0.")');
}

/**
 * False only for an object known not to be an Activity: a missing or malformed object is
 * reported as such, not as a misplaced revision or platform.
 */
function objectIsActivity(object: unknown): boolean {
  if (!isObject(object)) return true;
  return object.objectType === undefined || object.objectType === "Activity";
}

/**
 * Data 2.4 Statement, or a SubStatement (2.4.4.3: validated as a statement, without id, stored,
 * version and authority).
 */
function checkStatement(
  value: unknown,
  path: string,
  v2: boolean,
  sub: boolean,
): ValidationIssue | null {
  if (!isObject(value)) return notObject(value, path);
  for (const key in value) {
    const v = value[key];
    if (v === null) return nullValue(path, key);
    let problem: ValidationIssue | null = null;
    switch (key) {
      case "id":
        if (sub) return issue(`${path}.id`, "is not allowed in a SubStatement");
        problem = checkUuid(v, `${path}.id`);
        break;
      case "actor":
        problem = checkAgentOrGroup(v, `${path}.actor`, "actor");
        break;
      case "verb":
        problem = checkVerb(v, `${path}.verb`);
        break;
      case "object":
        problem = checkObject(v, `${path}.object`, v2, sub);
        break;
      case "result":
        problem = checkResult(v, `${path}.result`);
        break;
      case "context":
        problem = checkContext(v, `${path}.context`, v2, objectIsActivity(value.object));
        break;
      case "timestamp":
        problem = checkTimestamp(v, `${path}.timestamp`, v2);
        break;
      case "stored":
        if (sub) return issue(`${path}.stored`, "is not allowed in a SubStatement");
        problem = checkTimestamp(v, `${path}.stored`, v2);
        break;
      case "authority":
        if (sub) return issue(`${path}.authority`, "is not allowed in a SubStatement");
        problem = checkAgentOrGroup(v, `${path}.authority`, "authority");
        break;
      case "version":
        if (sub) return issue(`${path}.version`, "is not allowed in a SubStatement");
        problem = checkVersion(v, `${path}.version`, v2);
        break;
      case "attachments":
        problem = checkAttachments(v, `${path}.attachments`);
        break;
      case "objectType":
        // Only a SubStatement has one, and checkObject already matched it.
        if (!sub) return unknownProperty(path, key);
        break;
      default:
        return unknownProperty(path, key);
    }
    if (problem !== null) return problem;
  }
  if (value.actor === undefined) return issue(`${path}.actor`, "is required");
  if (value.verb === undefined) return issue(`${path}.verb`, "is required");
  if (value.object === undefined) return issue(`${path}.object`, "is required");
  if ((value.verb as JsonObject).id === VOIDED_VERB) {
    const object = value.object as JsonObject;
    if (object.objectType !== "StatementRef") {
      return issue(
        `${path}.object.objectType`,
        `must be "StatementRef" in a voiding statement (verb ${VOIDED_VERB})`,
      );
    }
  }
  return null;
}
