import type { Entry } from '../knowledge-base/types.js';
import { analyzeText, matchingForm, type TextAnalysis } from '../text/analyze.js';
import { EntryIndexer, INTENT_FIELDS, type EntryKeys } from './entry-keys.js';
import { contentKeys, intentKey } from './index-keys.js';
import { hanBigrams, isHanFunctionChar } from '../text/han.js';
import { InvertedIndexBuilder, type InvertedIndex } from './inverted-index.js';
import { entryMaterial, type MaterialField } from './material.js';
import { Vocabulary } from './vocabulary.js';

/** One searchable string of an entry, analysed; used to compare a question with single aliases and questions. */
export interface AnalysedString {
  field: MaterialField;
  /** Distinct index keys of the string (an array: it is iterated, never probed). */
  keys: readonly string[];
  intentKeys: readonly string[];
  /** The string's own weight, measured like a question's (see planQuery): idf of terms, per character for Han. */
  weight: number;
}

/** Everything the search needs about one knowledge-base version; immutable once built. */
export interface SearchIndex {
  readonly entries: readonly Entry[];
  readonly inverted: InvertedIndex;
  readonly vocabulary: Vocabulary;
  /**
   * The entry's searchable strings, analysed one by one; at least those that may hold one of the needles
   * (substrings of the folded text, see rank.ts). Small knowledge bases analyse each entry once and keep it;
   * large ones analyse, per question, only the strings of the few candidates that pass the substring test.
   */
  strings(doc: number, needles: readonly string[]): readonly AnalysedString[];
  /** Each entry's index keys by material fingerprint, for the next build; null for very large bases. */
  readonly reusableKeys: ReadonlyMap<string, EntryKeys> | null;
}

/** Words the typo and compound matching works on: folded Latin letters only (no numbers, no "1+30+n"). */
const LATIN_WORD = /^[a-z]+$/;

/** Up to this many entries, every entry's analysed strings stay in memory once computed (about 10 kB each). */
const STRING_CACHE_LIMIT = 2_000;
/** Up to this many entries, the index keeps each entry's keys so that the next build can reuse them. */
const REUSE_LIMIT = 20_000;

/**
 * Builds the inverted index over the entries' short fields (titles, aliases, example questions, keywords,
 * city and lead organisation) in all four languages; answers are never read. Given the index of the previous
 * version, entries whose material did not change are not analysed again (see EntryIndexer).
 */
export function buildSearchIndex(entries: readonly Entry[], previous?: SearchIndex): SearchIndex {
  const builder = new InvertedIndexBuilder();
  const indexer = new EntryIndexer(builder);
  const reusable = previous?.reusableKeys ?? null;
  const keep = entries.length <= REUSE_LIMIT ? new Map<string, EntryKeys>() : null;
  entries.forEach((entry, doc) => {
    const { fingerprint, keys } = indexer.index(doc, entry, reusable);
    keep?.set(fingerprint, keys);
  });
  const inverted = builder.build();
  const latinTerms = [...inverted.postings.keys()].filter((key) => LATIN_WORD.test(key));
  const cache = entries.length <= STRING_CACHE_LIMIT ? new Map<number, AnalysedString[]>() : null;
  const strings = (doc: number, needles: readonly string[]): AnalysedString[] => {
    if (!cache) return analyseStrings(entries[doc]!, inverted, needles);
    let analysed = cache.get(doc);
    if (!analysed) cache.set(doc, (analysed = analyseStrings(entries[doc]!, inverted, null)));
    return analysed;
  };
  return { entries, inverted, vocabulary: new Vocabulary(latinTerms), strings, reusableKeys: keep };
}

/** Analyses an entry's strings; with needles, only those whose folded text contains one of them. */
function analyseStrings(
  entry: Entry,
  inverted: InvertedIndex,
  needles: readonly string[] | null,
): AnalysedString[] {
  return entryMaterial(entry).flatMap(({ field, texts }) =>
    texts.flatMap((text) => {
      if (needles && !mayMatch(matchingForm(text), needles)) return [];
      const analysis = analyzeText(text, { intents: INTENT_FIELDS.has(field) });
      return {
        field,
        keys: [...new Set(contentKeys(analysis))],
        intentKeys: analysis.intents.map(intentKey),
        weight: analysisWeight(analysis, inverted),
      };
    }),
  );
}

function mayMatch(folded: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (folded.includes(needle)) return true;
  return false;
}

/** The same measure planQuery uses for a question: idf of terms, and for Han each character's commonest bigram. */
function analysisWeight(analysis: TextAnalysis, inverted: InvertedIndex): number {
  let weight = 0;
  for (const term of analysis.terms) weight += inverted.idf(term);
  for (const segment of analysis.hanSegments) {
    const bigrams = hanBigrams(segment);
    [...segment].forEach((char, i) => {
      if (isHanFunctionChar(char)) return;
      const grams = [bigrams[i - 1], bigrams[i]].filter((g): g is string => g !== undefined);
      weight +=
        grams.length === 0 ? inverted.idf(char) : Math.min(...grams.map((gram) => inverted.idf(gram)));
    });
  }
  return weight;
}
