import type { SearchHit, SearchResult } from '../search/search.js';
import { decisionFeatures, featureVector } from './decision-features.js';
import { DECISION_MODEL } from './decision-model.js';
import type { AnswerOutcome } from './types.js';

/**
 * Two entries whose scores are this close fit about equally well: whatever the model says, the bot does not
 * pick one of them but offers both.
 */
export const MIN_LEAD = 0.03;
/** Suggestions are the candidates within this distance of the best score. */
const SUGGESTION_WINDOW = 0.2;
/** At most this many "did you mean" choices. */
export const MAX_SUGGESTIONS = 3;
/** A likely answer offers at most this many alternatives beside it. */
export const MAX_LIKELY_ALTERNATIVES = 2;

export interface Decision {
  outcome: AnswerOutcome;
  /** 0..1: the fitted probability that the best candidate is what the question asks about. */
  confidence: number;
  best: SearchHit | null;
  /** Choices (suggested), alternatives (likely) or close runners-up (answered). */
  suggestions: SearchHit[];
}

/** A fitted logistic model over standardised features. */
export interface ProbabilityModel {
  means: readonly number[];
  scales: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** The model's probability for one feature vector. */
export function probabilityOf(model: ProbabilityModel, x: readonly number[]): number {
  let sum = model.bias;
  for (let j = 0; j < x.length; j++)
    sum += ((x[j]! - model.means[j]!) / model.scales[j]!) * model.weights[j]!;
  return 1 / (1 + Math.exp(-sum));
}

/** The probability that the best hit of a search is the right entry, from the fitted model. */
export function rightProbability(result: SearchResult): number {
  const features = decisionFeatures(result);
  return features ? probabilityOf(DECISION_MODEL, featureVector(features)) : 0;
}

/**
 * answered / likely / suggested / unknown, from how probable it is that the best hit is right (a model fitted
 * on labelled questions, see src/cli/fit-decision.ts): a plain answer where wrong ones are rare, "this looks
 * like it" with alternatives a little below, "did you mean" where some candidate is still worth reading, and
 * an honest "I don't know" below that. A confident wrong answer is the worst outcome, so the thresholds sit
 * on the safe side.
 */
export function decideOutcome(result: SearchResult): Decision {
  const [best, second] = result.hits;
  if (!best) return { outcome: 'unknown', confidence: 0, best: null, suggestions: [] };
  const tied = second !== undefined && best.score - second.score < MIN_LEAD;
  // A tie halves the confidence: either of the two is as likely to be meant.
  const confidence = rightProbability(result) * (tied ? 0.5 : 1);
  const { answer, likely, suggest } = DECISION_MODEL.thresholds;
  const close = result.hits.filter((hit) => hit.score >= best.score - SUGGESTION_WINDOW);
  if (confidence >= answer && !tied)
    return { outcome: 'answered', confidence, best, suggestions: close.slice(1, 1 + MAX_SUGGESTIONS) };
  if (confidence >= likely && !tied)
    return { outcome: 'likely', confidence, best, suggestions: close.slice(1, 1 + MAX_LIKELY_ALTERNATIVES) };
  if (confidence >= suggest)
    return { outcome: 'suggested', confidence, best, suggestions: close.slice(0, MAX_SUGGESTIONS) };
  return { outcome: 'unknown', confidence, best, suggestions: [] };
}
