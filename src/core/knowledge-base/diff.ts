import { LANGUAGES, type Language } from '../language/languages.js';
import { hasVisibleText } from './value-rules.js';
import type { Entry, KnowledgeBase } from './schema.js';

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
 * does. Cheaper than comparing canonical JSON texts (it builds nothing, not even key lists, and stops at the first
 * difference), which matters when a reload compares 100,000 entries.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // Every defined key of the left must match; then the right may have no more defined keys than the left.
  // (for-in would also list inherited enumerable keys, which plain JSON objects do not have.)
  let defined = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    // Own keys only: JSON may hold a "__proto__" key, which read plainly on the right gives Object.prototype.
    if (!sameContent(value, Object.hasOwn(right, key) ? right[key] : undefined)) return false;
    defined++;
  }
  for (const key in right) if (right[key] !== undefined && --defined < 0) return false;
  return defined === 0;
}

/** Two string lists (aliases, keywords...) hold the same strings in the same order; an absent list is empty. */
export function sameStrings(a: readonly string[] = [], b: readonly string[] = []): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** For each language, how many entries have a non-empty answer in it. */
export function countEntriesPerLanguage(kb: KnowledgeBase): Record<Language, number> {
  const counts = Object.fromEntries(LANGUAGES.map((language) => [language, 0])) as Record<Language, number>;
  for (const entry of kb.entries) {
    for (const language of LANGUAGES) {
      const answer = entry.answer?.[language];
      if (typeof answer === 'string' && hasVisibleText(answer)) counts[language]++;
    }
  }
  return counts;
}
