import { sameStrings } from '../knowledge-base/diff.js';
import type { Entry } from '../knowledge-base/schema.js';
import { foldForMatching } from '../text/normalize.js';
import { LATIN_LANGUAGES, type LatinLanguage } from './languages.js';

/** Per Latin language (in LATIN_LANGUAGES order), how often each folded word of two letters or more occurs. */
export type WordCounts = readonly ReadonlyMap<string, number>[];

/**
 * Above this share of changed entries, counting the words again from scratch is cheaper than taking the old
 * entries' words out and putting the new ones' in.
 */
const MAX_UPDATED_SHARE = 0.25;

/** How often each word occurs in the lexicon material (title and search strings) of the entries, per language. */
export function countWords(entries: readonly Entry[]): WordCounts {
  const counts = LATIN_LANGUAGES.map(() => new Map<string, number>());
  for (const entry of entries) addWords(counts, entry, 1);
  return counts;
}

/**
 * The word counts of `after`, from those of `before` (`counts`): the same numbers as countWords(after), found by
 * recounting only the positions whose entries teach something else. Null when nothing changed.
 */
export function recountWords(
  counts: WordCounts,
  before: readonly Entry[],
  after: readonly Entry[],
): WordCounts | null {
  const changed: number[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const [old, next] = [before[i], after[i]];
    if (!old || !next || !sameLexiconMaterial(old, next)) changed.push(i);
  }
  if (changed.length === 0) return null;
  if (changed.length > MAX_UPDATED_SHARE * after.length) return countWords(after);
  const updated = counts.map((words) => new Map(words));
  for (const i of changed) {
    if (before[i]) addWords(updated, before[i], -1);
    if (after[i]) addWords(updated, after[i], 1);
  }
  return updated;
}

/** Adds (times 1) or takes out (times -1) the words of one entry; a word counted 0 times is no longer known. */
function addWords(counts: Map<string, number>[], entry: Entry, times: 1 | -1): void {
  LATIN_LANGUAGES.forEach((lang, i) => {
    const words = counts[i]!;
    for (const word of foldForMatching(lexiconTexts(entry, lang).join('\n')).split(/[^a-z]+/)) {
      if (word.length < 2) continue;
      const count = (words.get(word) ?? 0) + times;
      if (count === 0) words.delete(word);
      else words.set(word, count);
    }
  });
}

/** The strings of an entry the lexicon reads for one language. */
function lexiconTexts(entry: Entry, lang: LatinLanguage): string[] {
  const search = entry.search[lang];
  return [
    entry.title[lang],
    ...(search?.aliases ?? []),
    ...(search?.questions ?? []),
    ...(search?.keywords ?? []),
  ];
}

/** True when two entries have the same lexicon strings (a reload parses every string anew: compares text). */
function sameLexiconMaterial(a: Entry, b: Entry): boolean {
  if (a === b) return true;
  for (const lang of LATIN_LANGUAGES) {
    if (a.title[lang] !== b.title[lang]) return false;
    const [x, y] = [a.search[lang], b.search[lang]];
    if (!sameStrings(x?.aliases, y?.aliases) || !sameStrings(x?.questions, y?.questions)) return false;
    if (!sameStrings(x?.keywords, y?.keywords)) return false;
  }
  return true;
}
