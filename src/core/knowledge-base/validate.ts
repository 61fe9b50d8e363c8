import type { z } from 'zod';
import { ENTRY_FIELDS, knowledgeBaseSchema, type KnowledgeBase } from './schema.js';
import { hasVisibleText } from './value-rules.js';

/**
 * One problem in a knowledge base. `entryId` names the entry: its id; its id and position (`laser-equipment (#14)`,
 * counted from 1) when several entries have that id; `entries[N]` for an entry without a usable id; null for a
 * problem of the document itself (version, JSON syntax, the file). `field` is a path inside the entry
 * (`answer.de`, `related[2]`, `sources[0].url`) or the document (`version`). `entryIndex` is the entry's index in
 * `entries`, for a problem of an entry; `place` says where the problem is when the knowledge base came from
 * somewhere else than a JSON file (a workbook's `entries!D14`).
 */
export interface KbValidationError {
  entryId: string | null;
  field: string;
  message: string;
  entryIndex?: number;
  place?: string;
}

export type KbValidationResult = { ok: true; kb: KnowledgeBase } | { ok: false; errors: KbValidationError[] };

/** A problem with where it is: the entry's position (-1 for the document) and the field's rank in an entry. */
interface Located {
  error: KbValidationError;
  entry: number;
  rank: number;
}

/**
 * Checks a parsed JSON value against the knowledge-base schema (schema.ts), then the rules across entries: ids
 * used once, `related` ids that exist. Reports every problem, in document order, never only the first; never
 * throws.
 */
export function validateKnowledgeBase(data: unknown): KbValidationResult {
  const parsed = knowledgeBaseSchema.safeParse(data);
  const ids = indexIds(data);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap((issue) => locate(issue, data, ids));
  problems.push(...crossEntryProblems(data, ids));
  if (parsed.success && problems.length === 0) return { ok: true, kb: parsed.data };
  // The schema reports in document order; the cross-entry problems go where their entry and field are.
  problems.sort((a, b) => a.entry - b.entry || a.rank - b.rank);
  return { ok: false, errors: problems.map((problem) => problem.error) };
}

/** One zod issue as problems (an unknown-keys issue names each key). */
function locate(issue: z.core.$ZodIssue, data: unknown, ids: IdIndex): Located[] {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
  return keys.map((key) => {
    const path = key === undefined ? issue.path : [...issue.path, key];
    if (path[0] === 'entries' && typeof path[1] === 'number' && path.length > 2) {
      return inEntry(data, ids, path[1], path.slice(2), issue.message);
    }
    const field = path.length === 0 ? 'document' : fieldPath(path);
    return {
      error: { entryId: null, field, message: issue.message },
      entry: documentPosition(path),
      rank: 0,
    };
  });
}

/**
 * Where a problem of the document itself goes among the entries' ones: the version and the entries list before
 * every entry, an entry that is no object at its place, unknown top-level fields after every entry.
 */
function documentPosition(path: readonly PropertyKey[]): number {
  if (path[0] === 'entries') return typeof path[1] === 'number' ? path[1] : -1;
  return path.length === 0 || path[0] === 'version' || path[0] === '$schema' ? -1 : Infinity;
}

function inEntry(
  data: unknown,
  ids: IdIndex,
  index: number,
  path: readonly PropertyKey[],
  message: string,
): Located {
  const entry = entriesOf(data)?.[index];
  const rank = ENTRY_FIELDS.indexOf(String(path[0]));
  return {
    error: { entryId: entryLabel(entry, index, ids), field: fieldPath(path), message, entryIndex: index },
    entry: index,
    rank: rank === -1 ? ENTRY_FIELDS.length : rank,
  };
}

/** `['sources', 0, 'url']` -> `sources[0].url`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entriesOf(data: unknown): unknown[] | undefined {
  return isRecord(data) && Array.isArray(data.entries) ? data.entries : undefined;
}

/**
 * How errors name an entry: its id when it has a usable one, with its position when other entries have the same
 * id (so that the problems of two entries are not listed under one name), otherwise its index.
 */
function entryLabel(entry: unknown, index: number, ids: IdIndex): string {
  if (!isRecord(entry) || typeof entry.id !== 'string' || !hasVisibleText(entry.id))
    return `entries[${index}]`;
  return ids.shared.has(entry.id) ? `${entry.id} (#${index + 1})` : entry.id;
}

/** Each id's first entry, and the ids more than one entry has. */
interface IdIndex {
  firstIndexById: Map<string, number>;
  shared: Set<string>;
}

function indexIds(data: unknown): IdIndex {
  const firstIndexById = new Map<string, number>();
  const shared = new Set<string>();
  entriesOf(data)?.forEach((entry, index) => {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') return;
    if (firstIndexById.has(entry.id)) shared.add(entry.id);
    else firstIndexById.set(entry.id, index);
  });
  return { firstIndexById, shared };
}

/**
 * The rules between entries, read from the data as it is (whatever the schema found), so that they are reported
 * together with every other problem: an id used twice (on the later entry), and `related` ids that are unknown,
 * the entry itself, or repeated.
 */
function crossEntryProblems(data: unknown, ids: IdIndex): Located[] {
  const entries = entriesOf(data);
  if (!entries) return [];
  const { firstIndexById } = ids;
  const problems: Located[] = [];
  entries.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const report = (path: PropertyKey[], message: string): number =>
      problems.push(inEntry(data, ids, index, path, message));
    const id = typeof entry.id === 'string' && entry.id !== '' ? entry.id : undefined;
    const first = id === undefined ? undefined : firstIndexById.get(id);
    if (first !== undefined && first !== index) report(['id'], `is already used by entry #${first + 1}`);
    if (!Array.isArray(entry.related)) return;
    const seen = new Map<string, number>();
    entry.related.forEach((item: unknown, at) => {
      if (typeof item !== 'string' || !hasVisibleText(item)) return;
      if (item === id) report(['related', at], 'refers to the entry itself');
      else if (!firstIndexById.has(item)) report(['related', at], `refers to an unknown entry "${item}"`);
      const earlier = seen.get(item);
      if (earlier !== undefined)
        report(['related', at], `repeats "${item}" (already at related[${earlier}])`);
      else seen.set(item, at);
    });
  });
  return problems;
}
