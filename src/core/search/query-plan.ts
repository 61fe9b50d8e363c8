import { splitCompound } from './compound-split.js';
import { isCommonTerm, isEverydayTopicHanWord, isEverydayTopicTerm } from '../language/common-words.js';
import type { TextAnalysis } from '../text/analyze.js';
import { hanBigrams, isHanFunctionChar } from '../text/han.js';
import { hanSynonymsOf, synonymsOf } from '../text/synonyms.js';
import { isFrequentCount } from './coverage.js';
import { intentKey, intentPairKey } from './index-keys.js';
import type { SearchIndex } from './search-index.js';
import type { WordMatch } from './vocabulary.js';

/**
 * One meaningful piece of a question that an entry should cover: a word, or one Chinese character. An entry
 * covers it if it holds one of the alternatives (the word itself, its typo-corrected form, the parts of a
 * compound; for a Chinese character, a bigram containing it).
 */
export interface QueryUnit {
  label: string;
  /** How much the unit matters (its idf); an unknown word weighs as much as the rarest known one. */
  weight: number;
  alternatives: WordMatch[];
  /** A word of an everyday topic that no entry knows ("weather", 脱毛): a sign the question is about something else. */
  offTopic?: boolean;
}

export interface QueryPlan {
  units: QueryUnit[];
  totalWeight: number;
  /** The weight of the off-topic units. */
  offTopicWeight: number;
  /** Intent keys ("?quantity") of the question. */
  intents: string[];
  /** Each intent paired with each unit's own key ("?quantity|community"), as example questions are indexed. */
  intentPairs: string[];
}

/**
 * Unknown words looked up as typos, at most, per question: a long message's background is full of words the
 * knowledge base does not know ("bootstrapped", "shipyards"), each a fuzzy search; the first ones are looked
 * up, the rest count as unknown.
 */
const MAX_TYPO_LOOKUPS = 12;

/** A question's meaningful units are capped; the first ones say what it is about. */
export const MAX_QUERY_UNITS = 128;

/** What the question's wording tells beyond its terms. */
export interface QueryHints {
  /** A German separable-verb particle that ends the question ("bei" of "wie trete ich bei"), see separable.ts. */
  particle?: string | null;
}

/** Turns an analysed question into the units the ranking must find in entries. */
export function planQuery(analysis: TextAnalysis, index: SearchIndex, hints: QueryHints = {}): QueryPlan {
  const units: QueryUnit[] = [];
  const budget = { typos: MAX_TYPO_LOOKUPS };
  for (const term of analysis.terms) units.push(...termUnits(term, index, hints, budget));
  for (const segment of analysis.hanSegments) units.push(...hanUnits(segment, index));
  const kept = units.slice(0, MAX_QUERY_UNITS);
  const intents = analysis.intents.map(intentKey);
  const ownKeys = new Set(
    kept.flatMap((unit) => unit.alternatives.filter((a) => a.credit === 1).map((a) => a.term)),
  );
  return {
    units: kept,
    totalWeight: kept.reduce((sum, unit) => sum + unit.weight, 0),
    offTopicWeight: kept.reduce((sum, unit) => sum + (unit.offTopic ? unit.weight : 0), 0),
    intents,
    intentPairs: intents.flatMap((intent) => [...ownKeys].map((key) => intentPairKey(intent, key))),
  };
}

/**
 * An everyday topic that no entry knows ("weather", "visa", "restaurant", 天气) weighs this many unknown words:
 * it says what the question is about, and that is not the desk's subject. Known words weigh the same for
 * every entry, so this lowers the coverage of all of them alike and changes no ranking, only the confidence.
 */
const EVERYDAY_TOPIC_FACTOR = 2;

/** Credit of a word that means the same as the question's (see synonyms.ts): believed like a prefix match. */
const SYNONYM_CREDIT = 0.8;

function termUnits(
  term: string,
  index: SearchIndex,
  hints: QueryHints,
  budget: { typos: number },
): QueryUnit[] {
  const { inverted, vocabulary } = index;
  const known = knownForm(term, index, hints);
  if (known) {
    const alternatives = [
      { term: known, credit: 1 },
      ...vocabulary.compoundsContaining(known),
      ...synonymMatches(known, index, inverted.postings.get(known)!.docs.length),
    ];
    return [{ label: term, weight: inverted.idf(known), alternatives }];
  }
  const synonyms = synonymMatches(term, index, 0);
  if (synonyms.length > 0) {
    // An unknown word stands for its idea, which weighs as much as its commonest known wording.
    const weight = Math.min(...synonyms.map((s) => inverted.idf(s.term)));
    return [{ label: term, weight, alternatives: synonyms }];
  }
  // An everyday word ("weather", "demain") means itself, not a look-alike knowledge-base word.
  if (isCommonTerm(term)) {
    const offTopic = isEverydayTopicTerm(term);
    const weight = inverted.unseenIdf * (offTopic ? EVERYDAY_TOPIC_FACTOR : 1);
    return [{ label: term, weight, alternatives: [], offTopic }];
  }
  const parts = splitCompound(term, vocabulary);
  if (parts)
    return parts.map((part) => ({ label: part.term, weight: inverted.idf(part.term), alternatives: [part] }));
  const typos = budget.typos-- > 0 ? vocabulary.typoMatches(term) : [];
  if (typos.length > 0)
    return [{ label: term, weight: inverted.idf(typos[0]!.term), alternatives: [...typos] }];
  return [{ label: term, weight: inverted.unseenIdf, alternatives: [] }];
}

/**
 * The index key the term stands for without any guessing: the term itself; German spelled without umlauts
 * ("fuer", "staedtische": ae, oe, ue for ä, ö, ü, which folding turns into a, o, u); or a separable verb whose
 * particle ends the question ("trete ... bei" is "beitreten").
 */
function knownForm(term: string, index: SearchIndex, hints: QueryHints): string | null {
  const { postings } = index.inverted;
  if (postings.has(term)) return term;
  const respelled = term.replace(UMLAUT_SPELLING, '$1');
  if (respelled !== term && postings.has(respelled)) return respelled;
  const joined = hints.particle ? hints.particle + respelled : null;
  if (joined && postings.has(joined)) return joined;
  return null;
}

const UMLAUT_SPELLING = /([aou])e/g;

/**
 * The known words of the term's synonym group, at SYNONYM_CREDIT. A word that is itself frequent (see
 * coverage.ts; "lead" in a base where every entry has a "who leads" question) gets none: its synonyms are
 * held by the same entries, and looking each one up would cost a walk over 100,000 postings for nothing.
 */
function synonymMatches(term: string, index: SearchIndex, ownCount: number): WordMatch[] {
  if (isFrequentCount(ownCount, index.inverted.size)) return [];
  const matches: WordMatch[] = [];
  for (const synonym of synonymsOf(term))
    if (index.inverted.postings.has(synonym)) matches.push({ term: synonym, credit: SYNONYM_CREDIT });
  return matches;
}

/**
 * One unit per content character. A character is covered by any entry holding a bigram with it. It weighs as
 * much as its commonest known bigram, which is most likely the word it belongs to (共 of 个共同体 weighs like
 * 共同, found everywhere, not like the stray 个共), so 激 (of 激光) weighs far more than 共; a character in no
 * known bigram (天 of 天气) weighs like an unknown word.
 */
function hanUnits(segment: string, index: SearchIndex): QueryUnit[] {
  const { inverted } = index;
  const chars = [...segment];
  if (chars.length === 1) {
    // A lone character counts only where some entry has it as a word of its own (钱, 号); otherwise it is most
    // likely a fragment or a function word, and must neither match nor count against coverage.
    if (isHanFunctionChar(segment) || !inverted.postings.has(segment)) return [];
    return [{ label: segment, weight: inverted.idf(segment), alternatives: [{ term: segment, credit: 1 }] }];
  }
  const bigrams = hanBigrams(segment);
  const units: QueryUnit[] = [];
  chars.forEach((char, i) => {
    if (isHanFunctionChar(char)) return;
    // Bigram i-1 ends with this character, bigram i starts with it.
    const grams = [bigrams[i - 1], bigrams[i]].filter(
      (g): g is string => g !== undefined && inverted.postings.has(g),
    );
    // Chinese has no spaces: a character that some entry has as a word of its own (钱) may be one here too,
    // even when it touches the next word (钱补贴).
    if (inverted.postings.has(char)) grams.push(char);
    const alternatives: WordMatch[] = grams.map((term) => ({ term, credit: 1 }));
    if (alternatives.length === 0) alternatives.push(...hanSynonymMatches(bigrams, i, index));
    const offTopic = alternatives.length === 0 && isEverydayHanChar(bigrams, i);
    const weight =
      alternatives.length > 0
        ? Math.min(...alternatives.map((a) => inverted.idf(a.term)))
        : inverted.unseenIdf * (offTopic ? EVERYDAY_TOPIC_FACTOR : 1);
    units.push({ label: char, weight, alternatives, offTopic });
  });
  return units;
}

/** For a character no entry knows: the known synonyms of the word it forms with a neighbour (负责 -> 牵头). */
function hanSynonymMatches(bigrams: readonly string[], i: number, index: SearchIndex): WordMatch[] {
  const words = [bigrams[i - 1], bigrams[i]].flatMap((gram) => (gram ? hanSynonymsOf(gram) : []));
  return words
    .filter((word) => index.inverted.postings.has(word))
    .map((term) => ({ term, credit: SYNONYM_CREDIT }));
}

/** True when the character at i belongs to an everyday-topic word with its left or right neighbour. */
function isEverydayHanChar(bigrams: readonly string[], i: number): boolean {
  const left = bigrams[i - 1];
  const right = bigrams[i];
  return (
    (left !== undefined && isEverydayTopicHanWord(left)) ||
    (right !== undefined && isEverydayTopicHanWord(right))
  );
}
