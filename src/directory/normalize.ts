import { hash } from "node:crypto";
import type { PersonRecord } from "./person.js";

/** Lower-case, accent-free form of a name, used to sort and to search by prefix. */
export function searchKey(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
}

/** The family name's search key: the last word of the name. */
export function familyKey(name: string): string {
  const key = searchKey(name);
  const space = key.lastIndexOf(" ");
  return space === -1 ? key : key.slice(space + 1);
}

/**
 * A hash of every tracked attribute of a record, so a re-import can tell changed people from
 * unchanged ones without comparing columns.
 */
export function recordHash(r: PersonRecord): string {
  const canonical = [
    r.name,
    r.email,
    r.managerId,
    r.division,
    r.department,
    r.region,
    r.country,
    r.location,
    r.timeZone,
    r.locale,
    r.jobTitle,
    r.jobFamily,
    r.grade,
    r.employmentType,
    r.hireDate,
    r.status,
    r.tags.join("|"),
    JSON.stringify(r.attributes),
  ];
  return hash("sha1", JSON.stringify(canonical), "base64url");
}

const zoneCache = new Map<string, boolean>();
/** True when the value is an IANA time zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      // Offsets like "+02:00" are accepted by Intl but are not IANA zones.
      ok =
        /^[A-Za-z]/.test(zone) &&
        Boolean(new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone);
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}

const localeCache = new Map<string, string | null>();
/** The canonical BCP 47 form of a locale tag, or null when it is not one. */
export function canonicalLocale(tag: string): string | null {
  let canonical = localeCache.get(tag);
  if (canonical === undefined) {
    try {
      canonical = Intl.getCanonicalLocales(tag.replace("_", "-"))[0] ?? null;
    } catch {
      canonical = null;
    }
    localeCache.set(tag, canonical);
  }
  return canonical;
}

const emailPattern = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\]]{2,}$/;
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value);
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Splits a tags cell on `;` or `|`, trims, lower-cases, de-duplicates and sorts. */
export function parseTags(value: string): string[] {
  if (!value) return [];
  const tags = new Set<string>();
  for (const part of value.split(/[;|]/)) {
    const tag = part.trim().toLowerCase();
    if (tag) tags.add(tag);
  }
  return [...tags].sort();
}
