import { LANGUAGES } from '../language/languages.js';

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

/**
 * Checks that a value is a string with visible text. Returns the string when it is one (even when empty), so
 * that callers can apply further rules.
 */
export function checkText(value: unknown, path: string, report: Report): string | undefined {
  if (value === undefined) return void report(path, 'is missing');
  if (typeof value !== 'string') return void report(path, `must be a string, got ${describeType(value)}`);
  if (value.trim() === '') report(path, 'is empty');
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
  for (const language of LANGUAGES) {
    const languagePath = fieldPath(path, language);
    const text = checkText(value[language], languagePath, report);
    if (text !== undefined && text.trim() !== '') extra?.(text, languagePath);
  }
  checkLanguageKeys(value, path, report);
}

/** Reports keys of a per-language object that are not one of the four languages. */
export function checkLanguageKeys(value: Record<string, unknown>, path: string, report: Report): void {
  for (const key of Object.keys(value)) {
    if (!(LANGUAGES as readonly string[]).includes(key)) {
      report(fieldPath(path, key), `is not one of the languages ${LANGUAGES.join(', ')}`);
    }
  }
}

/** Checks an optional array of non-empty strings; returns the strings found (valid or not) for further rules. */
export function checkStringArray(value: unknown, path: string, report: Report): string[] | undefined {
  if (value === undefined) return void report(path, 'is missing');
  if (!Array.isArray(value))
    return void report(path, `must be an array of strings, got ${describeType(value)}`);
  const strings: string[] = [];
  value.forEach((item, index) => {
    const text = checkText(item, `${path}[${index}]`, report);
    if (text !== undefined) strings.push(text);
  });
  return strings;
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
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** Checks an optional date field: when present, a string accepted by isIsoDate. */
export function checkIsoDate(value: unknown, path: string, report: Report): void {
  if (typeof value !== 'string')
    return report(path, `must be a date written YYYY-MM-DD or YYYY-MM, got ${describeType(value)}`);
  if (!isIsoDate(value)) report(path, `must be a real date written YYYY-MM-DD or YYYY-MM, got "${value}"`);
}

/** True for an absolute http: or https: address with a host. */
export function isHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
