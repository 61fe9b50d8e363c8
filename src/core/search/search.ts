import type { Entry } from '../knowledge-base/schema.js';
import { analyzeText } from '../text/analyze.js';
import { truncateForAnalysis } from '../text/normalize.js';
import { trailingParticle } from '../text/separable.js';
import { topByCoverage } from './coverage.js';
import { evidenceFor, type Evidence } from './evidence.js';
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
  evidence: Evidence;
}

/** The ranked hits and what the question itself was made of. */
export interface SearchResult {
  hits: SearchHit[];
  /** How many meaningful units the question had (words, Chinese characters). */
  units: number;
  /** Their summed weight: what full coverage would be. */
  weight: number;
  /** The weight of its everyday-topic words that no entry knows ("weather", 脱毛). */
  offTopicWeight: number;
}

/**
 * A question longer than this is cut before analysis. A founder's message of 80 words, company first and
 * question last, fits; a 5,000-character paste must cost no more than a long message.
 */
export const MAX_ANALYSED_CHARS = 1200;
/**
 * How many first-pass candidates get the finer (per-string) ranking. Enough for the answer, three suggestions
 * and room for the finer ranking to reorder; each costs a pass over its strings.
 */
const FINE_RANKING_POOL = 8;

/** Searches the index for a question; best hit first, at most FINE_RANKING_POOL hits, none when nothing matches. */
export function searchEntries(index: SearchIndex, question: string): SearchResult {
  const text = truncateForAnalysis(question, MAX_ANALYSED_CHARS);
  const plan = planQuery(analyzeText(text), index, { particle: trailingParticle(text) });
  const candidates = topByCoverage(plan, index, FINE_RANKING_POOL);
  const hits = rankCandidates(plan, candidates, index).map((ranked) => ({
    entry: index.entries[ranked.doc]!,
    score: ranked.score,
    coverage: ranked.coverage,
    similarity: ranked.similarity,
    evidence: evidenceFor(plan, index, ranked.doc),
  }));
  return { hits, units: plan.units.length, weight: plan.totalWeight, offTopicWeight: plan.offTopicWeight };
}
