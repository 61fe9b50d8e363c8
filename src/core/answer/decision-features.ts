import type { SearchResult } from '../search/search.js';

/**
 * The signals the answer decision weighs, one number each, for the best hit of a search. They describe the
 * evidence for the entry (how much, how distinctive), its lead over the runner-up and the message itself,
 * so that a long message whose question is one line of it is judged by that line, not by its length.
 */
export const FEATURE_NAMES = [
  'coverage',
  'score',
  'margin',
  'evidence',
  'strongest',
  'similarity',
  'matchedUnits',
  'length',
  'offTopic',
] as const;

export type DecisionFeatures = Record<(typeof FEATURE_NAMES)[number], number>;

/** The features of the best hit, or null when nothing was found. */
export function decisionFeatures(result: SearchResult): DecisionFeatures | null {
  const [best, second] = result.hits;
  if (!best) return null;
  return {
    coverage: best.coverage,
    score: best.score,
    margin: best.score - (second?.score ?? 0),
    // Logarithms: the fifth matched word adds less certainty than the first.
    evidence: Math.log1p(best.evidence.weight),
    strongest: best.evidence.strongest,
    similarity: best.similarity,
    matchedUnits: Math.log1p(best.evidence.units),
    length: Math.log1p(result.units),
    offTopic: Math.log1p(result.offTopicWeight),
  };
}

/** The features in FEATURE_NAMES order, for the model. */
export function featureVector(features: DecisionFeatures): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}
