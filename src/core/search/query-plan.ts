import type { TextAnalysis } from '../text/analyze.js';
import { hanBigrams, isHanFunctionChar } from '../text/han.js';
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
}

export interface QueryPlan {
  units: QueryUnit[];
  totalWeight: number;
  /** Intent keys ("?quantity") of the question. */
  intents: string[];
  /** Each intent paired with each unit's own key ("?quantity|community"), as example questions are indexed. */
  intentPairs: string[];
}

/** A question's meaningful units are capped; the first ones say what it is about. */
export const MAX_QUERY_UNITS = 48;

/** Turns an analysed question into the units the ranking must find in entries. */
export function planQuery(analysis: TextAnalysis, index: SearchIndex): QueryPlan {
  const units: QueryUnit[] = [];
  for (const term of analysis.terms) units.push(...termUnits(term, index));
  for (const segment of analysis.hanSegments) units.push(...hanUnits(segment, index));
  const kept = units.slice(0, MAX_QUERY_UNITS);
  const intents = analysis.intents.map(intentKey);
  const ownKeys = new Set(
    kept.flatMap((unit) => unit.alternatives.filter((a) => a.credit === 1).map((a) => a.term)),
  );
  return {
    units: kept,
    totalWeight: kept.reduce((sum, unit) => sum + unit.weight, 0),
    intents,
    intentPairs: intents.flatMap((intent) => [...ownKeys].map((key) => intentPairKey(intent, key))),
  };
}

function termUnits(term: string, index: SearchIndex): QueryUnit[] {
  const { inverted, vocabulary } = index;
  if (inverted.postings.has(term)) {
    const alternatives = [{ term, credit: 1 }, ...vocabulary.compoundsContaining(term)];
    return [{ label: term, weight: inverted.idf(term), alternatives }];
  }
  const parts = vocabulary.splitCompound(term);
  if (parts)
    return parts.map((part) => ({ label: part.term, weight: inverted.idf(part.term), alternatives: [part] }));
  const typos = vocabulary.typoMatches(term);
  if (typos.length > 0) return [{ label: term, weight: inverted.idf(typos[0]!.term), alternatives: typos }];
  return [{ label: term, weight: inverted.unseenIdf, alternatives: [] }];
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
    const weight =
      grams.length === 0 ? inverted.unseenIdf : Math.min(...grams.map((gram) => inverted.idf(gram)));
    units.push({ label: char, weight, alternatives: grams.map((term) => ({ term, credit: 1 })) });
  });
  return units;
}
