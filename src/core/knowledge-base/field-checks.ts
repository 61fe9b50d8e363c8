import { LANGUAGES, type Language } from '../language/languages.js';

/** Records one problem at a field path (e.g. `answer.de`) of the entry being checked. */
export type Report = (field: string, message: string) => void;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a` + `b` -> `a.b`; the root path is ''. */
export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** What a value is, phrased for "must be X, got Y". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `a ${typeof value}`;
}

/** Reports every key outside `known`, so that a typo (`relatd`) is not silently ignored. */
export function checkKnownKeys(
  object: Record<string, unknown>,
  known: readonly string[],
  path: string,
  report: Report,
): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key))
      report(fieldPath(path, key), `is not a known field (expected: ${known.join(', ')})`);
  }
}

const VISIBLE = /\S/;

/** True when the text has a character that trim() keeps (\s is exactly what trim() removes), without copying. */
export function hasVisibleText(text: string): boolean {
  // Most texts start with a letter; a regular expression per string is what costs across a large knowledge base.
  const first = text.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || (first >= 0x3400 && first <= 0x9fff)) return true;
  return VISIBLE.test(text);
}

/**
 * Checks that a value is a string with visible text. Returns the string when it is one (even when empty), so
 * that callers can apply further rules.
 */
export function checkText(value: unknown, path: string, report: Report): string | undefined {
  if (value === undefined) return void report(path, 'is missing');
  if (typeof value !== 'string') return void report(path, `must be a string, got ${describeType(value)}`);
  if (!hasVisibleText(value)) report(path, 'is empty');
  return value;
}

/**
 * Checks a Localized<string>: an object with a non-empty string for each of en, zh, de, fr and nothing else.
 * `extra` runs on each present string (for length rules).
 */
export function checkLocalizedText(
  value: unknown,
  path: string,
  report: Report,
  extra?: (text: string, path: string) => void,
): void {
  if (value === undefined) return report(path, 'is missing');
  if (!isRecord(value)) {
    return report(path, `must be an object with ${LANGUAGES.join(', ')}, got ${describeType(value)}`);
  }
  const paths = languagePaths(path);
  for (const language of LANGUAGES) {
    const text = checkText(value[language], paths[language], report);
    if (text !== undefined && hasVisibleText(text)) extra?.(text, paths[language]);
  }
  checkLanguageKeys(value, path, report);
}

const languagePathCache = new Map<string, Record<Language, string>>();

/**
 * `path.en`, `path.zh` ... for a field path. The paths checked per language are few and fixed (title, answer,
 * search ...), so they are written once rather than for every entry.
 */
export function languagePaths(path: string): Readonly<Record<Language, string>> {
  let paths = languagePathCache.get(path);
  if (!paths) {
    paths = Object.fromEntries(LANGUAGES.map((language) => [language, fieldPath(path, language)])) as Record<
      Language,
      string
    >;
    languagePathCache.set(path, paths);
  }
  return paths;
}

/** Reports keys of a per-language object that are not one of the four languages. */
export function checkLanguageKeys(value: Record<string, unknown>, path: string, report: Report): void {
  for (const key of Object.keys(value)) {
    if (!(LANGUAGES as readonly string[]).includes(key)) {
      report(fieldPath(path, key), `is not one of the languages ${LANGUAGES.join(', ')}`);
    }
  }
}

/**
 * Checks an array of non-empty strings; returns how many of its items have visible text (for further rules), or
 * undefined when it is not an array.
 */
export function checkStringArray(value: unknown, path: string, report: Report): number | undefined {
  if (value === undefined) return void report(path, 'is missing');
  if (!Array.isArray(value))
    return void report(path, `must be an array of strings, got ${describeType(value)}`);
  let visible = 0;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    // The usual case has nothing to report, so its path is not even written out.
    if (typeof item === 'string' && hasVisibleText(item)) visible++;
    else checkText(item, `${path}[${index}]`, report);
  }
  return visible;
}

/** Checks that a value is one of a fixed list of words. */
export function checkOneOf(value: unknown, allowed: readonly string[], path: string, report: Report): void {
  if (value === undefined) return report(path, 'is missing');
  if (typeof value === 'string' && allowed.includes(value)) return;
  const got = typeof value === 'string' ? `"${value}"` : describeType(value);
  report(path, `must be one of ${allowed.join(', ')}, got ${got}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** True for a real calendar date written YYYY-MM-DD, or a month written YYYY-MM. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * What `new Date(Date.UTC(year, month, 0)).getUTCDate()` gives, without building a Date for every date of a large
 * knowledge base; like Date.UTC, it reads the years 0-99 as 1900-1999.
 */
function daysInMonth(year: number, month: number): number {
  const y = year <= 99 ? 1900 + year : year;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Checks an optional date field: when present, a string accepted by isIsoDate. */
export function checkIsoDate(value: unknown, path: string, report: Report): void {
  if (typeof value !== 'string')
    return report(path, `must be a date written YYYY-MM-DD or YYYY-MM, got ${describeType(value)}`);
  if (!isIsoDate(value)) report(path, `must be a real date written YYYY-MM-DD or YYYY-MM, got "${value}"`);
}

/**
 * An address URL parsing certainly accepts, with an http(s) scheme and a host: dot-separated letters, digits and
 * single inner hyphens, the last label starting with a letter (so it is no IPv4 number, and no label is
 * punycode), no user or port; anything may follow the first / ? or #, which parsing never refuses.
 */
const PLAIN_HTTP_URL = /^https?:\/\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)*[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:[/?#]|$)/i;

/** True for an absolute http: or https: address with a host. */
export function isHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  // Most addresses are plain ones; parsing each (100,000 of them in a large knowledge base) is what costs.
  if (PLAIN_HTTP_URL.test(text)) return true;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
