/** What a value is, phrased for "must be X, got Y". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `a ${typeof value}`;
}

const VISIBLE = /\S/;

/** True when the text has a character that trim() keeps (\s is exactly what trim() removes), without copying. */
export function hasVisibleText(text: string): boolean {
  // Most texts start with a letter; a regular expression per string is what costs across a large knowledge base.
  const first = text.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || (first >= 0x3400 && first <= 0x9fff)) return true;
  return VISIBLE.test(text);
}

/** A date's shape, YYYY-MM-DD or YYYY-MM; isIsoDate also checks that the day exists. */
export const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

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
