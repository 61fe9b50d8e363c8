import { checkKnownKeys, describeType, isRecord, type Report } from './field-checks.js';
import type { KnowledgeBase } from './types.js';
import { validateEntry } from './validate-entry.js';

export { MAX_ANSWER_ESCAPED_LENGTH, MAX_ID_LENGTH } from './validate-entry.js';

/**
 * One problem in a knowledge base. `entryId` is the entry's id, `entries[N]` for an entry without a usable id, or
 * null for a problem of the document itself (version, JSON syntax, the file). `field` is a path inside the entry
 * (`answer.de`, `related[2]`, `sources[0].url`) or the document (`version`).
 */
export interface KbValidationError {
  entryId: string | null;
  field: string;
  message: string;
}

export type KbValidationResult = { ok: true; kb: KnowledgeBase } | { ok: false; errors: KbValidationError[] };

const DOCUMENT_FIELDS = ['version', 'entries'] as const;

/**
 * Checks a parsed JSON value against the knowledge-base schema of types.ts and its rules: every language present,
 * no empty titles or answers, answers that fit a Telegram card, kebab-case unique ids, `related` ids that exist,
 * http(s) sources with real dates. Reports every problem, in document order, never only the first; never throws.
 * On success the same value is returned, typed.
 */
export function validateKnowledgeBase(data: unknown): KbValidationResult {
  const errors: KbValidationError[] = [];
  const reportFor =
    (entryId: string | null): Report =>
    (field, message) =>
      errors.push({ entryId, field, message });
  const reportDocument = reportFor(null);

  if (!isRecord(data)) {
    reportDocument('document', `must be a JSON object with version and entries, got ${describeType(data)}`);
    return { ok: false, errors };
  }
  checkVersion(data.version, reportDocument);
  const entries = data.entries;
  if (entries === undefined) reportDocument('entries', 'is missing');
  else if (!Array.isArray(entries))
    reportDocument('entries', `must be an array of entries, got ${describeType(entries)}`);
  else if (entries.length === 0) reportDocument('entries', 'must hold at least one entry');
  else {
    const context = { firstIndexById: firstIndexById(entries) };
    entries.forEach((entry, index) => {
      if (!isRecord(entry)) {
        return reportDocument(`entries[${index}]`, `must be an object, got ${describeType(entry)}`);
      }
      validateEntry(entry, index, context, reportFor(entryLabel(entry, index)));
    });
  }
  checkKnownKeys(data, DOCUMENT_FIELDS, '', reportDocument);
  return errors.length === 0 ? { ok: true, kb: data as unknown as KnowledgeBase } : { ok: false, errors };
}

function checkVersion(value: unknown, report: Report): void {
  if (value === undefined) report('version', 'is missing');
  else if (typeof value !== 'string') report('version', `must be a string, got ${describeType(value)}`);
  else if (value.trim() === '') report('version', 'is empty');
}

/** How errors name an entry: its id when it has a usable one, otherwise its position. */
function entryLabel(entry: Record<string, unknown>, index: number): string {
  return typeof entry.id === 'string' && entry.id.trim() !== '' ? entry.id : `entries[${index}]`;
}

function firstIndexById(entries: unknown[]): Map<string, number> {
  const result = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (isRecord(entry) && typeof entry.id === 'string' && entry.id !== '' && !result.has(entry.id)) {
      result.set(entry.id, index);
    }
  });
  return result;
}
