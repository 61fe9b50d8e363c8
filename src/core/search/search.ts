import type { Entry } from '../knowledge-base/types.js';
import { analyzeText } from '../text/analyze.js';
import { truncateForAnalysis } from '../text/normalize.js';
import { trailingParticle } from '../text/separable.js';
import { topByCoverage } from './coverage.js';
import { planQuery } from './query-plan.js';
import { rankCandidates } from './rank.js';
import type { SearchIndex } from './search-index.js';

/** One entry found for a question, with the signals behind its rank. */
export interface SearchHit {
  entry: Entry;
  /** 0..1 blend used for ordering (see rank.ts). */
  score: number;
  /** Weighted share of the question's meaningful units that the entry's material holds, 0..1. */
  coverage: number;
  similarity: number;
}

/**
 * A question longer than this is cut before analysis: the point of a question is in its first sentences, and
 * a 5,000-character paste must cost no more than a normal question.
 */
export const MAX_ANALYSED_CHARS = 500;
/**
 * How many first-pass candidates get the finer (per-string) ranking. Enough for the answer, three suggestions
 * and room for the finer ranking to reorder; each costs a pass over its strings.
 */
const FINE_RANKING_POOL = 8;

/** Searches the index for a question; best hit first, at most FINE_RANKING_POOL hits, [] when nothing matches. */
export function searchEntries(index: SearchIndex, question: string): SearchHit[] {
  const text = truncateForAnalysis(question, MAX_ANALYSED_CHARS);
  const plan = planQuery(analyzeText(text), index, { particle: trailingParticle(text) });
  const candidates = topByCoverage(plan, index, FINE_RANKING_POOL);
  return rankCandidates(plan, candidates, index).map((ranked) => ({
    entry: index.entries[ranked.doc]!,
    score: ranked.score,
    coverage: ranked.coverage,
    similarity: ranked.similarity,
  }));
}
