import { LANGUAGES, type Language } from '../language/languages.js';
import type { Entry, KnowledgeBase } from './types.js';

export interface KnowledgeBaseDiff {
  /** Ids only in `after`, in its order. */
  added: string[];
  /** Ids only in `before`, in its order. */
  removed: string[];
  /** Ids in both whose content differs, in the order of `after`. */
  changed: string[];
}

/**
 * What a reload changes, by entry id. Content is compared canonically: the order of an object's keys and absent
 * versus undefined fields do not count; the order of array items (aliases, sources, related) does, because it is
 * shown to users.
 */
export function diffKnowledgeBases(before: KnowledgeBase, after: KnowledgeBase): KnowledgeBaseDiff {
  const beforeById = new Map<string, Entry>(before.entries.map((entry) => [entry.id, entry]));
  const afterIds = new Set(after.entries.map((entry) => entry.id));
  const added: string[] = [];
  const changed: string[] = [];
  for (const entry of after.entries) {
    const previous = beforeById.get(entry.id);
    if (previous === undefined) added.push(entry.id);
    else if (!sameContent(previous, entry)) changed.push(entry.id);
  }
  const removed = before.entries.map((entry) => entry.id).filter((id) => !afterIds.has(id));
  return { added, removed, changed };
}

/**
 * Deep equality of JSON-like values: object key order and keys whose value is undefined do not count, array order
 * does. Cheaper than comparing canonical JSON texts (it builds nothing and stops at the first difference), which
 * matters when a reload compares 100,000 entries.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameContent(item, b[i]))
    );
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return leftKeys.length === rightKeys.length && leftKeys.every((key) => sameContent(left[key], right[key]));
}

/** For each language, how many entries have a non-empty answer in it. */
export function countEntriesPerLanguage(kb: KnowledgeBase): Record<Language, number> {
  const counts = Object.fromEntries(LANGUAGES.map((language) => [language, 0])) as Record<Language, number>;
  for (const entry of kb.entries) {
    for (const language of LANGUAGES) {
      if (typeof entry.answer?.[language] === 'string' && entry.answer[language].trim() !== '')
        counts[language]++;
    }
  }
  return counts;
}
