import type { CoverageCandidate } from './coverage.js';
import type { QueryPlan } from './query-plan.js';
import type { SearchIndex } from './search-index.js';
import { QuestionMatcher } from './similarity.js';

/** A candidate with every signal the decision needs. */
export interface RankedCandidate extends CoverageCandidate {
  /** How closely the question matches one single title, alias or example question (weighted Dice), 0..1. */
  similarity: number;
  /** The blend of coverage, similarity and intent used for ordering and confidence, 0..1. */
  score: number;
}

/**
 * Weights of the blend. Coverage dominates: an entry must hold what the question asks about. Similarity to one
 * string rewards the entry the question is *about* over one that merely mentions its words ("laser" is the laser
 * community's title, but also a keyword elsewhere). Intent separates "how many communities" from "what is a
 * community". Without an intent in the question its weight is left out, not counted as a miss.
 */
const COVERAGE_WEIGHT = 0.6;
const SIMILARITY_WEIGHT = 0.3;
const INTENT_WEIGHT = 0.1;

/**
 * A candidate covering this much less of the question than the best one cannot come near it, whatever its
 * similarity (at most SIMILARITY_WEIGHT + INTENT_WEIGHT could make up the gap); it is not ranked further.
 */
const HOPELESS_COVERAGE_GAP = 0.5;

/** Second pass over the few first-pass candidates: adds similarity and the final score, best first. */
export function rankCandidates(
  plan: QueryPlan,
  candidates: readonly CoverageCandidate[],
  index: SearchIndex,
): RankedCandidate[] {
  const intentWeight = plan.intents.length > 0 ? INTENT_WEIGHT : 0;
  const norm = COVERAGE_WEIGHT + SIMILARITY_WEIGHT + intentWeight;
  const matcher = new QuestionMatcher(plan);
  const needles = substringNeedles(plan);
  const bestCoverage = candidates[0]?.coverage ?? 0;
  const ranked: RankedCandidate[] = [];
  for (const { doc, coverage, intentMatch } of candidates) {
    if (coverage < bestCoverage - HOPELESS_COVERAGE_GAP) continue;
    const similarity = matcher.bestSimilarity(index.strings(doc, needles));
    const blend = COVERAGE_WEIGHT * coverage + SIMILARITY_WEIGHT * similarity + intentWeight * intentMatch;
    ranked.push({ doc, coverage, intentMatch, similarity, score: blend / norm });
  }
  return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/**
 * Substrings that a string's folded text must contain to share a unit with the question: each alternative
 * key, Latin stems without their last letter (the stemmer rewrites at most the end: communities -> community,
 * and "communit" is in both).
 */
function substringNeedles(plan: QueryPlan): string[] {
  const needles = new Set<string>();
  for (const unit of plan.units) {
    for (const { term } of unit.alternatives)
      needles.add(/^[a-z]{5,}$/.test(term) ? term.slice(0, -1) : term);
  }
  return [...needles];
}
