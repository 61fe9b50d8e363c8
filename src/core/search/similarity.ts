import type { QueryPlan } from './query-plan.js';
import type { EntryStrings } from './search-index.js';

/**
 * An intent counts in similarity like one ordinary word: "how many communities are there" is closer to the
 * example question "how many communities are there now" than to the alias "N communities".
 */
export const INTENT_UNIT_WEIGHT = 1;

/**
 * Scratch space of bestSimilarity, shared by every question (the search is synchronous): allocating it per
 * question cost more than the comparison itself. It only grows; every cell is back to zero between two calls.
 */
const scratch = {
  /** Best credit per (string, unit), at `string * units + unit`. */
  credits: new Float64Array(1024),
  /** Matched weight per string, and whether the string shares a key with the question. */
  matched: new Float64Array(128),
  sharing: new Uint8Array(128),
  touchedCells: [] as number[],
  touchedStrings: [] as number[],
};

function reserve(strings: number, units: number): typeof scratch {
  if (scratch.credits.length < strings * units) scratch.credits = new Float64Array(strings * units * 2);
  if (scratch.matched.length < strings) {
    scratch.matched = new Float64Array(strings * 2);
    scratch.sharing = new Uint8Array(strings * 2);
  }
  return scratch;
}

/**
 * The question prepared for comparison with single strings (titles, aliases, example questions) of one entry
 * after another. It walks the question's alternatives and, through the entry's key-to-strings map, reaches
 * only the strings that share a key with the question.
 */
export class QuestionMatcher {
  private readonly questionWeight: number;

  constructor(private readonly plan: QueryPlan) {
    this.questionWeight = plan.totalWeight + INTENT_UNIT_WEIGHT * plan.intents.length;
  }

  /**
   * The best similarity of the question to any one of the entry's strings, 0..1: a weighted Dice coefficient
   * between the question's units and intents and the string's, each unit counted once at its best alternative.
   * Only a string that shares a word with the question is similar to it; a shared "how many" alone is not.
   */
  bestSimilarity({ strings, holders }: EntryStrings): number {
    const { units, intents } = this.plan;
    const { credits, matched, sharing, touchedCells, touchedStrings } = reserve(strings.length, units.length);
    for (let unit = 0; unit < units.length; unit++) {
      for (const { term, credit } of units[unit]!.alternatives) {
        const held = holders.get(term);
        if (!held) continue;
        for (const string of held) {
          const cell = string * units.length + unit;
          if (credit <= credits[cell]!) continue;
          if (credits[cell] === 0) touchedCells.push(cell);
          credits[cell] = credit;
        }
      }
    }
    for (const cell of touchedCells) {
      const string = Math.floor(cell / units.length);
      if (sharing[string] === 0) touchedStrings.push(string);
      sharing[string] = 1;
      matched[string] = matched[string]! + units[cell % units.length]!.weight * credits[cell]!;
      credits[cell] = 0;
    }
    touchedCells.length = 0;
    let best = 0;
    for (const position of touchedStrings) {
      const string = strings[position]!;
      let weight = matched[position]!;
      matched[position] = 0;
      sharing[position] = 0;
      for (const intent of intents) if (string.intentKeys.includes(intent)) weight += INTENT_UNIT_WEIGHT;
      if (weight === 0) continue;
      const ownWeight = string.weight + INTENT_UNIT_WEIGHT * string.intentKeys.length;
      const value = (2 * weight) / (this.questionWeight + ownWeight);
      if (value > best) best = value;
    }
    touchedStrings.length = 0;
    return best;
  }
}
