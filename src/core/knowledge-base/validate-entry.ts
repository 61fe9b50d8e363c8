import { LANGUAGES, type Language } from '../language/languages.js';
import {
  checkIsoDate,
  checkKnownKeys,
  checkLanguageKeys,
  checkLocalizedText,
  checkOneOf,
  checkStringArray,
  checkText,
  describeType,
  hasVisibleText,
  isHttpUrl,
  isRecord,
  languagePaths,
  type Report,
} from './field-checks.js';
import { escapedHtmlLength } from './escaped-length.js';
import { ELEMENTS, ENTRY_KINDS } from './types.js';

/**
 * The longest answer accepted, counted after HTML escaping. The answer is shown in a card together with its title
 * and sources, and the whole message must stay under Telegram's 4096 characters.
 */
export const MAX_ANSWER_ESCAPED_LENGTH = 3000;

/** Ids travel in callback data (64 bytes in all, with a version and an action), so they must stay short. */
export const MAX_ID_LENGTH = 40;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ENTRY_FIELDS = ['id', 'kind', 'title', 'answer', 'search', 'facts', 'sources', 'related'] as const;
const SEARCH_FIELDS = ['aliases', 'questions', 'keywords'] as const;
const FACT_FIELDS = ['leadOrganisation', 'city', 'batch', 'element', 'memberCount'] as const;
const SOURCE_FIELDS = ['url', 'date', 'title'] as const;
/** `search.en.aliases` ...: written once, not for every entry. */
const SEARCH_FIELD_PATHS = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    Object.fromEntries(SEARCH_FIELDS.map((field) => [field, `search.${language}.${field}`])),
  ]),
) as Record<Language, Record<(typeof SEARCH_FIELDS)[number], string>>;

/** What an entry check needs to know about the whole document. */
export interface EntryCheckContext {
  /** Index of the first entry that uses each id. */
  firstIndexById: ReadonlyMap<string, number>;
}

/** Checks one entry object (already known to be an object), reporting every problem in field order. */
export function validateEntry(
  entry: Record<string, unknown>,
  index: number,
  context: EntryCheckContext,
  report: Report,
): void {
  const id = checkId(entry.id, index, context, report);
  checkOneOf(entry.kind, ENTRY_KINDS, 'kind', report);
  checkLocalizedText(entry.title, 'title', report);
  checkLocalizedText(entry.answer, 'answer', report, (text, path) => checkAnswerLength(text, path, report));
  checkSearch(entry.search, report);
  if (entry.facts !== undefined) checkFacts(entry.facts, report);
  checkSources(entry.sources, report);
  checkRelated(entry.related, id, context, report);
  checkKnownKeys(entry, ENTRY_FIELDS, '', report);
}

function checkId(
  value: unknown,
  index: number,
  context: EntryCheckContext,
  report: Report,
): string | undefined {
  const id = checkText(value, 'id', report);
  if (id === undefined || id === '') return undefined;
  if (!KEBAB_CASE.test(id)) {
    report('id', 'must be kebab-case (lowercase letters and digits joined by single hyphens)');
  } else if (id.length > MAX_ID_LENGTH) {
    report('id', `is ${id.length} characters long, at most ${MAX_ID_LENGTH} (ids travel in button data)`);
  }
  const first = context.firstIndexById.get(id);
  if (first !== undefined && first !== index) report('id', `is already used by entries[${first}]`);
  return id;
}

function checkAnswerLength(text: string, path: string, report: Report): void {
  const length = escapedHtmlLength(text);
  if (length > MAX_ANSWER_ESCAPED_LENGTH) {
    report(
      path,
      `is too long for Telegram: ${length} characters after HTML escaping, at most ${MAX_ANSWER_ESCAPED_LENGTH}`,
    );
  }
}

function checkSearch(value: unknown, report: Report): void {
  if (value === undefined) return report('search', 'is missing');
  if (!isRecord(value))
    return report('search', `must be an object with ${LANGUAGES.join(', ')}, got ${describeType(value)}`);
  const paths = languagePaths('search');
  for (const language of LANGUAGES) {
    const path = paths[language];
    const material = value[language];
    if (material === undefined) {
      report(path, 'is missing');
      continue;
    }
    if (!isRecord(material)) {
      report(path, `must be an object with ${SEARCH_FIELDS.join(', ')}, got ${describeType(material)}`);
      continue;
    }
    let terms = 0;
    for (const field of SEARCH_FIELDS)
      terms += checkStringArray(material[field], SEARCH_FIELD_PATHS[language][field], report) ?? 0;
    checkKnownKeys(material, SEARCH_FIELDS, path, report);
    if (terms === 0 && SEARCH_FIELDS.every((field) => Array.isArray(material[field]))) {
      report(path, 'has no aliases, questions or keywords, so nobody can find the entry in this language');
    }
  }
  checkLanguageKeys(value, 'search', report);
}

function checkFacts(value: unknown, report: Report): void {
  if (!isRecord(value)) return report('facts', `must be an object, got ${describeType(value)}`);
  if (value.leadOrganisation !== undefined)
    checkLocalizedText(value.leadOrganisation, 'facts.leadOrganisation', report);
  if (value.city !== undefined) checkLocalizedText(value.city, 'facts.city', report);
  if (value.batch !== undefined && !(Number.isInteger(value.batch) && (value.batch as number) >= 1)) {
    report('facts.batch', `must be a whole number from 1, got ${describeBatch(value.batch)}`);
  }
  if (value.element !== undefined) checkOneOf(value.element, ELEMENTS, 'facts.element', report);
  if (value.memberCount !== undefined) checkMemberCount(value.memberCount, report);
  checkKnownKeys(value, FACT_FIELDS, 'facts', report);
}

/** A number as written, anything else by its type (JSON.stringify would walk a value of any depth). */
function describeBatch(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeType(value);
}

function checkMemberCount(value: unknown, report: Report): void {
  const path = 'facts.memberCount';
  if (!isRecord(value))
    return report(path, `must be an object with count and asOf, got ${describeType(value)}`);
  if (!(Number.isInteger(value.count) && (value.count as number) >= 0)) {
    report(`${path}.count`, value.count === undefined ? 'is missing' : 'must be a whole number from 0');
  }
  if (value.asOf === undefined) report(`${path}.asOf`, 'is missing');
  else checkIsoDate(value.asOf, `${path}.asOf`, report);
  checkKnownKeys(value, ['count', 'asOf'], path, report);
}

function checkSources(value: unknown, report: Report): void {
  if (value === undefined) return report('sources', 'is missing');
  if (!Array.isArray(value))
    return report('sources', `must be an array of sources, got ${describeType(value)}`);
  if (value.length === 0) return report('sources', 'must list at least one source');
  value.forEach((source, index) => {
    const path = `sources[${index}]`;
    if (!isRecord(source))
      return report(path, `must be an object with url, date, title, got ${describeType(source)}`);
    const url = checkText(source.url, `${path}.url`, report);
    if (url !== undefined && hasVisibleText(url) && !isHttpUrl(url)) {
      report(`${path}.url`, `must be an http:// or https:// address, got "${url}"`);
    }
    if (source.date !== undefined) checkIsoDate(source.date, `${path}.date`, report);
    if (source.title !== undefined) checkText(source.title, `${path}.title`, report);
    checkKnownKeys(source, SOURCE_FIELDS, path, report);
  });
}

function checkRelated(
  value: unknown,
  ownId: string | undefined,
  context: EntryCheckContext,
  report: Report,
): void {
  const ids = checkStringArray(value, 'related', report);
  if (!Array.isArray(value) || ids === undefined) return;
  const seen = new Map<string, number>();
  value.forEach((item, index) => {
    if (typeof item !== 'string' || !hasVisibleText(item)) return;
    const path = `related[${index}]`;
    if (item === ownId) report(path, 'refers to the entry itself');
    else if (!context.firstIndexById.has(item)) report(path, `refers to an unknown entry "${item}"`);
    const earlier = seen.get(item);
    if (earlier !== undefined) report(path, `repeats "${item}" (already at related[${earlier}])`);
    else seen.set(item, index);
  });
}
