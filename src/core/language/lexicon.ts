import type { Entry } from '../knowledge-base/schema.js';
import { isStopword } from '../text/stopwords.js';
import { LATIN_LANGUAGES, type LatinLanguage } from './languages.js';
import { countWords, recountWords, type WordCounts } from './lexicon-words.js';

/**
 * What the knowledge base itself teaches about its three Latin-script languages, from each language's
 * titles and search material: the words only that language uses ("Gemeinschaft", "financement", "community"),
 * and how its words are spelled (character trigrams: "sch", "ung" for German, "eme", "aux" for French).
 * Both help with short messages that have no function word ("Meeresforschung Qingdao").
 */
export interface LanguageLexicon {
  /** The one language whose material has this folded word, or null (shared words such as "laser" tell nothing). */
  languageOf(foldedWord: string): LatinLanguage | null;
  /** The language whose spelling the words fit clearly best, or null when two fit about as well. */
  likeliestSpelling(foldedWords: readonly string[]): LatinLanguage | null;
}

/** The lexicon is read from the first entries only: they give the vocabulary, and building stays cheap. */
const LEXICON_ENTRY_LIMIT = 1_000;
const MIN_WORD_LENGTH = 3;
/**
 * Average log-likelihood per trigram by which the best language must beat the next. On the development and
 * held-out questions, every wrong guess had a lead under 0.17, and nine in ten right ones over 0.25.
 */
const MIN_SPELLING_LEAD = 0.25;

/** What a lexicon knows, shared by the lexicons of versions whose first entries teach the same. */
interface LexiconTables {
  /** The words counted, which everything else is computed from (kept for the next version's lexicon). */
  words: WordCounts;
  /** Folded words that only one language's material has. */
  exclusive: ReadonlyMap<string, LatinLanguage>;
  /**
   * Per trigram seen in any language, its smoothed log-likelihood in en, de and fr, computed once so that
   * a question costs one look-up per trigram.
   */
  logLikelihoods: ReadonlyMap<string, readonly [number, number, number]>;
  /**
   * The same, for trigrams of "_" and a to z only (nearly all of them), in a flat table at
   * letterTrigramIndex * 3: a question's trigrams are read from it without building a string or hashing one.
   */
  letterTrigrams: Float64Array;
  /** The same for a trigram no language has. */
  unseen: readonly [number, number, number];
  /** True when the material has no English word at all (nothing to compare spellings with). */
  empty: boolean;
}

/** Each lexicon's tables and the entries they were read from, for the next version's lexicon to start from. */
const built = new WeakMap<LanguageLexicon, { source: readonly Entry[]; tables: LexiconTables }>();

/**
 * Builds the lexicon from titles and search material (aliases, example questions, keywords) per language.
 * Given the lexicon of the previous version, shares its tables when the entries it is read from teach the same
 * (what a reload usually finds), and otherwise recounts only the words of the entries that changed.
 */
export function buildLanguageLexicon(entries: readonly Entry[], previous?: LanguageLexicon): LanguageLexicon {
  const source = entries.slice(0, LEXICON_ENTRY_LIMIT);
  const before = previous ? built.get(previous) : undefined;
  let tables: LexiconTables;
  if (!before) tables = tablesFrom(countWords(source));
  else {
    const words = recountWords(before.tables.words, before.source, source);
    tables = words ? tablesFrom(words) : before.tables;
  }
  const lexicon: LanguageLexicon = {
    languageOf: (word) => tables.exclusive.get(word) ?? null,
    likeliestSpelling: (words) => likeliestSpelling(tables, words),
  };
  built.set(lexicon, { source, tables });
  return lexicon;
}

/**
 * Trigram counts and word owners per language, from the word counts: each distinct word's trigrams are
 * counted once, times its count (the same integers as counting every occurrence, for a fraction of the work).
 */
function tablesFrom(words: WordCounts): LexiconTables {
  const trigrams = LATIN_LANGUAGES.map(() => new Map<string, number>());
  const totals = [0, 0, 0];
  /** Per word, a bit per language (1 en, 2 de, 4 fr) whose material has it. */
  const owners = new Map<string, number>();
  words.forEach((counted, i) => {
    const counts = trigrams[i]!;
    for (const [word, times] of counted) {
      forEachTrigram(word, (gram) => counts.set(gram, (counts.get(gram) ?? 0) + times));
      totals[i]! += word.length * times;
      if (word.length >= MIN_WORD_LENGTH && !isStopword(word))
        owners.set(word, (owners.get(word) ?? 0) | (1 << i));
    }
  });
  const exclusive = new Map<string, LatinLanguage>();
  for (const [word, bits] of owners) {
    const only = LATIN_LANGUAGES.findIndex((_, i) => bits === 1 << i);
    if (only >= 0) exclusive.set(word, LATIN_LANGUAGES[only]!);
  }
  const allTrigrams = new Set(trigrams.flatMap((counts) => [...counts.keys()]));
  const vocabulary = allTrigrams.size + 1;
  const denominators = totals.map((total) => Math.log(total + vocabulary));
  // add-one smoothing
  const logLikelihood = (count: number, i: number) => Math.log(count + 1) - denominators[i]!;
  const logLikelihoods = new Map<string, readonly [number, number, number]>();
  for (const gram of allTrigrams) {
    const [en, de, fr] = trigrams.map((counts, i) => logLikelihood(counts.get(gram) ?? 0, i));
    logLikelihoods.set(gram, [en!, de!, fr!]);
  }
  const unseen = [logLikelihood(0, 0), logLikelihood(0, 1), logLikelihood(0, 2)] as const;
  const letterTrigrams = new Float64Array(LETTER_SYMBOLS ** 3 * 3);
  for (let at = 0; at < letterTrigrams.length; at += 3) letterTrigrams.set(unseen, at);
  for (const [gram, likelihoods] of logLikelihoods) {
    const at = letterTrigramIndex(gram, 0);
    if (at >= 0) letterTrigrams.set(likelihoods, at * 3);
  }
  return { words, exclusive, logLikelihoods, letterTrigrams, unseen, empty: totals[0] === 0 };
}

/** "_" and the 26 letters a to z. */
const LETTER_SYMBOLS = 27;

/** The trigram starting at `at` as a number below 27³, or -1 when one of its characters is not "_" or a to z. */
function letterTrigramIndex(text: string, at: number): number {
  let index = 0;
  for (let i = at; i < at + 3; i++) {
    const code = text.charCodeAt(i);
    const symbol = code === 95 ? 0 : code >= 97 && code <= 122 ? code - 96 : -1;
    if (symbol < 0) return -1;
    index = index * LETTER_SYMBOLS + symbol;
  }
  return index;
}

/** Average log-likelihood per trigram of the words in each language; the best one when it leads clearly. */
function likeliestSpelling(tables: LexiconTables, words: readonly string[]): LatinLanguage | null {
  if (words.length === 0 || tables.empty) return null;
  const sums = [0, 0, 0];
  let n = 0;
  for (const word of words) {
    const padded = `_${word}_`;
    for (let at = 0; at + 3 <= padded.length; at++) {
      const letters = letterTrigramIndex(padded, at);
      if (letters >= 0) {
        for (let i = 0; i < 3; i++) sums[i]! += tables.letterTrigrams[letters * 3 + i]!;
      } else {
        const likelihoods = tables.logLikelihoods.get(padded.slice(at, at + 3)) ?? tables.unseen;
        for (let i = 0; i < 3; i++) sums[i]! += likelihoods[i]!;
      }
      n += 1;
    }
  }
  const ranked = LATIN_LANGUAGES.map((lang, i) => [lang, n === 0 ? 0 : sums[i]! / n] as const).sort(
    (a, b) => b[1] - a[1],
  );
  return ranked[0]![1] - ranked[1]![1] >= MIN_SPELLING_LEAD ? ranked[0]![0] : null;
}

/**
 * Visits the trigrams of a word padded with "_" at both ends, so that beginnings and endings count (the
 * question path, likeliestSpelling, walks them inline: a callback per trigram showed in its profile).
 */
function forEachTrigram(word: string, visit: (gram: string) => void): void {
  const padded = `_${word}_`;
  for (let i = 0; i + 3 <= padded.length; i++) visit(padded.slice(i, i + 3));
}
