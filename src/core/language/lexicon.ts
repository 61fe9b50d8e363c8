import type { Entry } from '../knowledge-base/types.js';
import { foldForMatching } from '../text/normalize.js';
import { isStopword } from '../text/stopwords.js';
import type { Language } from './languages.js';

type LatinLanguage = Exclude<Language, 'zh'>;
const LATIN_LANGUAGES: readonly LatinLanguage[] = ['en', 'de', 'fr'];

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

/** Builds the lexicon from titles and search material (aliases, example questions, keywords) per language. */
export function buildLanguageLexicon(entries: readonly Entry[]): LanguageLexicon {
  const seenIn = new Map<string, Set<LatinLanguage>>();
  const trigrams = new Map(LATIN_LANGUAGES.map((lang) => [lang, new Map<string, number>()]));
  const totals = new Map(LATIN_LANGUAGES.map((lang) => [lang, 0]));
  const allTrigrams = new Set<string>();
  for (const entry of entries.slice(0, LEXICON_ENTRY_LIMIT)) {
    for (const lang of LATIN_LANGUAGES) {
      const search = entry.search[lang];
      const texts = [
        entry.title[lang],
        ...(search?.aliases ?? []),
        ...(search?.questions ?? []),
        ...(search?.keywords ?? []),
      ];
      const counts = trigrams.get(lang)!;
      for (const word of foldForMatching(texts.join('\n')).split(/[^a-z]+/)) {
        if (word.length < 2) continue;
        for (const gram of wordTrigrams(word)) {
          counts.set(gram, (counts.get(gram) ?? 0) + 1);
          allTrigrams.add(gram);
        }
        totals.set(lang, totals.get(lang)! + word.length);
        if (word.length < MIN_WORD_LENGTH || isStopword(word)) continue;
        const langs = seenIn.get(word) ?? new Set<LatinLanguage>();
        langs.add(lang);
        seenIn.set(word, langs);
      }
    }
  }
  const exclusive = new Map<string, LatinLanguage>();
  for (const [word, langs] of seenIn) if (langs.size === 1) exclusive.set(word, [...langs][0]!);
  const vocabulary = allTrigrams.size + 1;
  const logLikelihood = (lang: LatinLanguage, words: readonly string[]): number => {
    const counts = trigrams.get(lang)!;
    const denominator = Math.log(totals.get(lang)! + vocabulary);
    let sum = 0;
    let n = 0;
    for (const word of words) {
      for (const gram of wordTrigrams(word)) {
        sum += Math.log((counts.get(gram) ?? 0) + 1) - denominator; // add-one smoothing
        n += 1;
      }
    }
    return n === 0 ? 0 : sum / n;
  };
  return {
    languageOf: (word) => exclusive.get(word) ?? null,
    likeliestSpelling(words) {
      if (words.length === 0 || totals.get('en') === 0) return null;
      const ranked = LATIN_LANGUAGES.map((lang) => [lang, logLikelihood(lang, words)] as const).sort(
        (a, b) => b[1] - a[1],
      );
      return ranked[0]![1] - ranked[1]![1] >= MIN_SPELLING_LEAD ? ranked[0]![0] : null;
    },
  };
}

/** Trigrams of a word padded with "_" at both ends, so that beginnings and endings count. */
function wordTrigrams(word: string): string[] {
  const padded = `_${word}_`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}
