import type { QueryPlan } from './query-plan.js';
import type { AnalysedString } from './search-index.js';

/**
 * An intent counts in similarity like one ordinary word: "how many communities are there" is closer to the
 * example question "how many communities are there now" than to the alias "N communities".
 */
export const INTENT_UNIT_WEIGHT = 1;

interface UnitHit {
  unit: number;
  credit: number;
}

/**
 * The question prepared for comparison with many single strings (titles, aliases, example questions): for each
 * index key, the question units it would cover. Comparing one string then costs a lookup per key of the
 * string, however many alternatives the question's units have.
 */
export class QuestionMatcher {
  private readonly byKey = new Map<string, UnitHit[]>();
  private readonly best: Float64Array;
  private readonly touched: Int32Array;
  private readonly questionWeight: number;

  constructor(private readonly plan: QueryPlan) {
    plan.units.forEach((unit, index) => {
      for (const { term, credit } of unit.alternatives) {
        const hits = this.byKey.get(term) ?? [];
        hits.push({ unit: index, credit });
        this.byKey.set(term, hits);
      }
    });
    this.best = new Float64Array(plan.units.length);
    this.touched = new Int32Array(plan.units.length);
    this.questionWeight = plan.totalWeight + INTENT_UNIT_WEIGHT * plan.intents.length;
  }

  /** The best similarity of the question to any one of the strings, 0..1. */
  bestSimilarity(strings: readonly AnalysedString[]): number {
    let best = 0;
    for (const string of strings) {
      const value = this.similarity(string);
      if (value > best) best = value;
    }
    return best;
  }

  /** Weighted Dice coefficient between the question's units and intents and one string's. */
  similarity(string: AnalysedString): number {
    let matched = 0;
    let touched = 0;
    for (const key of string.keys) {
      const hits = this.byKey.get(key);
      if (!hits) continue;
      for (const { unit, credit } of hits) {
        if (credit <= this.best[unit]!) continue;
        if (this.best[unit] === 0) this.touched[touched++] = unit;
        this.best[unit] = credit;
      }
    }
    // Only a string that shares a word with the question is similar to it; a shared "how many" alone is not.
    if (touched === 0) return 0;
    for (let i = 0; i < touched; i++) {
      const unit = this.touched[i]!;
      matched += this.plan.units[unit]!.weight * this.best[unit]!;
      this.best[unit] = 0;
    }
    for (const intent of this.plan.intents)
      if (string.intentKeys.includes(intent)) matched += INTENT_UNIT_WEIGHT;
    if (matched === 0) return 0;
    const ownWeight = string.weight + INTENT_UNIT_WEIGHT * string.intentKeys.length;
    return (2 * matched) / (this.questionWeight + ownWeight);
  }
}
