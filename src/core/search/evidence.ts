import { postingWeight } from './coverage.js';
import type { QueryPlan } from './query-plan.js';
import type { SearchIndex } from './search-index.js';

/** What one entry holds of a question, beyond its share: the evidence a decision can weigh. */
export interface Evidence {
  /** Sum of the weights (idf) of the question's units the entry holds, times their credit. */
  weight: number;
  /** The weight of the most distinctive unit it holds, as a share of the largest possible weight (0..1). */
  strongest: number;
  /** How many of the question's units it holds. */
  units: number;
}

/**
 * The evidence for one entry: which of the question's units it holds, at their best alternative. Computed
 * only for the few ranked candidates, one posting look-up per alternative.
 */
export function evidenceFor(plan: QueryPlan, index: SearchIndex, doc: number): Evidence {
  let weight = 0;
  let strongest = 0;
  let units = 0;
  for (const unit of plan.units) {
    let best = 0;
    for (const { term, credit } of unit.alternatives) {
      const postings = index.inverted.postings.get(term);
      if (postings) best = Math.max(best, credit * postingWeight(postings, doc));
    }
    if (best <= 0) continue;
    units++;
    weight += unit.weight * best;
    strongest = Math.max(strongest, unit.weight * best);
  }
  return { weight, strongest: strongest / index.inverted.unseenIdf, units };
}
