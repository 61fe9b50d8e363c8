import type { Entry } from '../knowledge-base/schema.js';
import { analyzeText, matchingForm, type TextAnalysis } from '../text/analyze.js';
import { EntryIndexer, INTENT_FIELDS } from './entry-keys.js';
import { contentKeys, intentKey } from './index-keys.js';
import { hanBigrams, isHanFunctionChar } from '../text/han.js';
import { InvertedIndexBuilder, type ForwardIndex, type InvertedIndex } from './inverted-index.js';
import { entryMaterial, previousDocuments, type MaterialField } from './material.js';
import { Vocabulary } from './vocabulary.js';

/** One searchable string of an entry, analysed; used to compare a question with single aliases and questions. */
export interface AnalysedString {
  field: MaterialField;
  intentKeys: readonly string[];
  /** The string's own weight, measured like a question's (see planQuery): idf of terms, per character for Han. */
  weight: number;
}

/**
 * An entry's analysed strings, and for each index key the strings that hold it (positions in `strings`,
 * increasing). Keyed this way round, comparing a question with every string of an entry costs a lookup per
 * alternative of the question, not one per key of every string (an entry has dozens of strings in four
 * languages, nearly all sharing nothing with the question).
 */
export interface EntryStrings {
  strings: readonly AnalysedString[];
  holders: ReadonlyMap<string, readonly number[]>;
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
  strings(doc: number, needles: readonly string[]): EntryStrings;
}

/** What the next build may take over from an index: each entry's keys, and the vocabulary's input. */
interface Reusable {
  forward: ForwardIndex | null;
  latinTerms: readonly string[];
}

const reusable = new WeakMap<SearchIndex, Reusable>();

/** Words the typo and compound matching works on: folded Latin letters only (no numbers, no "1+30+n"). */
const LATIN_WORD = /^[a-z]+$/;

/** Up to this many entries, every entry's analysed strings stay in memory once computed (about 10 kB each). */
const STRING_CACHE_LIMIT = 2_000;
/** Up to this many entries, the index keeps each entry's keys (8 bytes a key) so that the next build can reuse them. */
const REUSE_LIMIT = 20_000;

/**
 * Builds the inverted index over the entries' short fields (titles, aliases, example questions, keywords,
 * city and lead organisation) in all four languages; answers are never read. Given the index of the previous
 * version, an entry whose material did not change (same id, same strings) is not analysed again: its keys are
 * replayed, so that a reload of a large knowledge base costs little more than the entries it changes; when no
 * entry's material changed and none moved, the previous index is taken over whole. The result is the same as a
 * build from scratch, down to the order of the keys. `changedIds` is what a diff of the two versions found
 * changed (see diffKnowledgeBases): entries it leaves out have the same content as the previous entry with
 * their id, so their material need not be compared.
 */
export function buildSearchIndex(
  entries: readonly Entry[],
  previous?: SearchIndex,
  changedIds?: ReadonlySet<string>,
): SearchIndex {
  const before = previous ? reusable.get(previous) : undefined;
  const sources =
    previous && before?.forward ? previousDocuments(entries, previous.entries, changedIds) : null;
  if (previous && before && sources && isIdentity(sources, previous.entries.length)) {
    return finish(entries, previous.inverted, previous.vocabulary, before);
  }
  const builder = new InvertedIndexBuilder(before?.forward?.keyIds.length);
  const indexer = new EntryIndexer(builder);
  entries.forEach((entry, doc) => {
    builder.startDocument();
    const source = sources?.[doc] ?? -1;
    if (before?.forward && source >= 0) builder.replay(before.forward, source);
    else indexer.index(entry);
  });
  const { inverted, forward } = builder.build();
  const latinTerms = [...inverted.postings.keys()].filter((key) => LATIN_WORD.test(key));
  // The vocabulary depends on these words only (in this order), and is immutable: share it when they are the same.
  const vocabulary =
    previous && before && sameList(before.latinTerms, latinTerms)
      ? previous.vocabulary
      : new Vocabulary(latinTerms);
  return finish(entries, inverted, vocabulary, {
    forward: entries.length <= REUSE_LIMIT ? forward : null,
    latinTerms,
  });
}

/** The index over these entries, remembering what the next build may reuse. */
function finish(
  entries: readonly Entry[],
  inverted: InvertedIndex,
  vocabulary: Vocabulary,
  reuse: Reusable,
): SearchIndex {
  const cache = entries.length <= STRING_CACHE_LIMIT ? new Map<number, EntryStrings>() : null;
  const strings = (doc: number, needles: readonly string[]): EntryStrings => {
    if (!cache) return analyseStrings(entries[doc]!, inverted, needles);
    let analysed = cache.get(doc);
    if (!analysed) cache.set(doc, (analysed = analyseStrings(entries[doc]!, inverted, null)));
    return analysed;
  };
  const index: SearchIndex = { entries, inverted, vocabulary, strings };
  reusable.set(index, reuse);
  return index;
}

/** True when every document comes from the document with the same number, and there are as many. */
function isIdentity(sources: Int32Array, previousCount: number): boolean {
  if (sources.length !== previousCount) return false;
  for (let doc = 0; doc < sources.length; doc++) if (sources[doc] !== doc) return false;
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Analyses an entry's strings; with needles, only those whose folded text contains one of them. */
function analyseStrings(
  entry: Entry,
  inverted: InvertedIndex,
  needles: readonly string[] | null,
): EntryStrings {
  const strings: AnalysedString[] = [];
  const holders = new Map<string, number[]>();
  for (const { field, texts } of entryMaterial(entry)) {
    for (const text of texts) {
      if (needles && !mayMatch(matchingForm(text), needles)) continue;
      const analysis = analyzeText(text, { intents: INTENT_FIELDS.has(field) });
      const position = strings.length;
      for (const key of contentKeys(analysis)) {
        const held = holders.get(key);
        if (!held) holders.set(key, [position]);
        else if (held[held.length - 1] !== position) held.push(position);
      }
      strings.push({
        field,
        intentKeys: analysis.intents.map(intentKey),
        weight: analysisWeight(analysis, inverted),
      });
    }
  }
  return { strings, holders };
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
