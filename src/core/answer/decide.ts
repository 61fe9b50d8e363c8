import type { AnswerOutcome } from './types.js';
import type { SearchHit } from '../search/search.js';

/**
 * Turning search hits into an outcome. The thresholds were tuned on questions people ask (see
 * test/fixtures/search/holdout.jsonl and `npm run eval`), not on single sample lines.
 */

/**
 * An answer needs the entry to hold most of the question: three fifths of its meaningful weight. This is what
 * keeps "What's the weather in Jinan tomorrow?" (only "Jinan" is known: 0.24) from being answered with the
 * laser community, and still lets one unknown word through in a question of three or more ("can a university
 * become a member"). Since an everyday topic that no entry knows ("weather", "visa", 电话) weighs double and
 * everyday words are no longer taken for typos (see query-plan.ts), out-of-scope questions of the development,
 * held-out and blind sets reach at most 0.40; right answers start at 0.60. The gap is kept on the safe side:
 * a lower bar would let through "who founded Haier" (0.56) and the like, and a confident wrong answer is the
 * worst outcome.
 */
export const MIN_ANSWER_COVERAGE = 0.6;
/** The best candidate's fit (score capped by coverage) must reach this to be answered without asking back. */
export const MIN_ANSWER_FIT = 0.55;
/**
 * The best must lead the runner-up by this much (in score). Two entries that fit about equally well are
 * offered as "did you mean" choices instead of guessing between them.
 */
export const MIN_ANSWER_MARGIN = 0.03;
/**
 * Below this, nothing fits well enough even to suggest: an honest "I don't know" beats three wrong
 * guesses. A third of the question covered is the least that makes a suggestion worth reading.
 */
export const MIN_SUGGEST_FIT = 0.34;
/**
 * How much a tie lowers the reported confidence: two equally good candidates halve it, a lead of
 * MIN_ANSWER_MARGIN or more leaves it whole, so that the confidence of a "did you mean" shows the doubt.
 */
const AMBIGUITY_PENALTY = 0.5;
/** Suggestions are the candidates within this distance of the best score. */
const SUGGESTION_WINDOW = 0.2;
/** At most this many suggestions. */
export const MAX_SUGGESTIONS = 3;

export interface Decision {
  outcome: AnswerOutcome;
  /**
   * 0..1: the best candidate's score, capped by its coverage (a partly covered question is never sure) and
   * lowered when a runner-up is about as good (an ambiguous question is not sure either).
   */
  confidence: number;
  best: SearchHit | null;
  suggestions: SearchHit[];
}

/** Decides answered / suggested / unknown from ranked hits (best first). */
export function decideOutcome(hits: readonly SearchHit[]): Decision {
  const [best, second] = hits;
  if (!best) return { outcome: 'unknown', confidence: 0, best: null, suggestions: [] };
  const fit = fitOf(best);
  const margin = best.score - (second?.score ?? 0);
  const separation = Math.min(1, margin / MIN_ANSWER_MARGIN);
  const confidence = fit * (1 - AMBIGUITY_PENALTY * (1 - separation));
  const worthShowing = hits.filter(
    (hit) => fitOf(hit) >= MIN_SUGGEST_FIT && hit.score >= best.score - SUGGESTION_WINDOW,
  );
  const clear = best.coverage >= MIN_ANSWER_COVERAGE && fit >= MIN_ANSWER_FIT && separation >= 1;
  if (clear) {
    return { outcome: 'answered', confidence, best, suggestions: worthShowing.slice(1, 1 + MAX_SUGGESTIONS) };
  }
  if (fit >= MIN_SUGGEST_FIT) {
    return { outcome: 'suggested', confidence, best, suggestions: worthShowing.slice(0, MAX_SUGGESTIONS) };
  }
  return { outcome: 'unknown', confidence, best, suggestions: [] };
}

/** How well one hit fits on its own: its score, but never more than the share of the question it covers. */
function fitOf(hit: SearchHit): number {
  return Math.min(hit.score, hit.coverage);
}
