import { INTENTS, type Intent } from '../text/intents.js';
import { intentKey } from './index-keys.js';
import type { Postings } from './inverted-index.js';
import type { QueryPlan } from './query-plan.js';
import type { SearchIndex } from './search-index.js';

/** An entry found by the inverted index, before fine ranking. */
export interface CoverageCandidate {
  doc: number;
  /** Weighted share of the question's units the entry's material holds, 0..1. */
  coverage: number;
  /** Share of the question's intents ("how many", "where") the entry's questions express, 0..1. */
  intentMatch: number;
}

/**
 * In the first pass, intents only break ties between entries that cover the question alike ("how many
 * communities" is covered by every entry that mentions communities): a matching intent a little, an example
 * question with the same intent and words ("?quantity|community") more.
 */
const INTENT_TIE_BREAK = 0.05;
const INTENT_PAIR_TIE_BREAK = 0.1;
/**
 * A unit with a key held by more than this share of the entries (and at least FREQUENT_MIN_DF of them), such
 * as "community" or 共同, does not pick candidates when the question has rarer units: its postings are only
 * looked up for the entries the rarer units found. At 100,000 entries this saves walking 100,000 postings per
 * common word.
 */
const FREQUENT_SHARE = 0.05;
const FREQUENT_MIN_DF = 500;

/** The document count above which a key is frequent in an index of `size` entries (see FREQUENT_SHARE). */
function frequentThreshold(size: number): number {
  return Math.max(FREQUENT_MIN_DF, size * FREQUENT_SHARE);
}

/** True when a key held by `count` of `size` entries is frequent: it narrows nothing down on its own. */
export function isFrequentCount(count: number, size: number): boolean {
  return count > frequentThreshold(size);
}

interface Scratch {
  total: Float64Array;
  unitBest: Float32Array;
  pairs: Uint16Array;
  /** Per entry, a bit per intent its example questions express (computed once per index). */
  intentBits: Uint8Array;
}

// One set of per-entry arrays per index, reused by every question (the search is synchronous).
const scratches = new WeakMap<SearchIndex, Scratch>();

function scratchFor(index: SearchIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    const size = index.inverted.size;
    scratch = {
      total: new Float64Array(size),
      unitBest: new Float32Array(size),
      pairs: new Uint16Array(size),
      intentBits: new Uint8Array(size),
    };
    INTENTS.forEach((intent, bit) => {
      for (const doc of index.inverted.postings.get(intentKey(intent))?.docs ?? [])
        scratch!.intentBits[doc]! |= 1 << bit;
    });
    scratches.set(index, scratch);
  }
  return scratch;
}

/**
 * First pass: walks the postings of the question's units only (never all entries) and keeps the `limit`
 * entries that cover the most of the question. Each unit counts once per entry, at its best alternative and
 * field (a title hit beats a hit in an example question).
 */
export function topByCoverage(plan: QueryPlan, index: SearchIndex, limit: number): CoverageCandidate[] {
  if (plan.totalWeight <= 0 || index.inverted.size === 0) return [];
  const scratch = scratchFor(index);
  const touched = sumCoverage(plan, lookUpUnits(plan, index), scratch);
  const result = rankByCoverage(plan, index, scratch, touched, limit);
  // The scratch goes back zeroed for the next question.
  for (const doc of touched) scratch.total[doc] = 0;
  return result;
}

/** The posting lists of a unit's alternatives that the index holds, each with the alternative's credit. */
type UnitPostings = { postings: Postings; credit: number }[];

interface UnitLookups {
  /** Per unit of the plan, in its order. */
  lookups: UnitPostings[];
  /** Per unit, true when any of its keys is frequent (see FREQUENT_SHARE). */
  frequent: boolean[];
}

/** Looks each unit's alternatives up in the index. */
function lookUpUnits(plan: QueryPlan, index: SearchIndex): UnitLookups {
  const frequentDf = frequentThreshold(index.inverted.size);
  const lookups = plan.units.map((unit) => {
    const found: UnitPostings = [];
    for (const { term, credit } of unit.alternatives) {
      const postings = index.inverted.postings.get(term);
      if (postings) found.push({ postings, credit });
    }
    return found;
  });
  const frequent = lookups.map((alternatives) =>
    alternatives.some((a) => a.postings.docs.length > frequentDf),
  );
  return { lookups, frequent };
}

/**
 * Adds to `scratch.total`, per entry, each unit's weight times the unit's best credit there, and returns the
 * entries that got any. When the question has a rare unit, frequent units only add to the entries the rare
 * ones found.
 */
function sumCoverage(
  plan: QueryPlan,
  { lookups, frequent }: UnitLookups,
  { total, unitBest }: Scratch,
): number[] {
  const narrowed = lookups.some((alternatives, u) => alternatives.length > 0 && !frequent[u]);
  const touched: number[] = [];
  const touchedByUnit: number[] = [];
  const raise = (doc: number, value: number): void => {
    if (value <= unitBest[doc]!) return;
    if (unitBest[doc] === 0) touchedByUnit.push(doc);
    unitBest[doc] = value;
  };
  // Rare units first, so that the candidates exist before frequent units are looked up for them.
  const order = lookups.map((_, i) => i).sort((a, b) => Number(frequent[a]) - Number(frequent[b]));
  for (const u of order) {
    for (const { postings, credit } of lookups[u]!) {
      if (frequent[u] && narrowed && postings.docs.length > touched.length) {
        for (const doc of touched) raise(doc, credit * postingWeight(postings, doc));
      } else if (frequent[u] && narrowed) {
        // A short list (a rare compound of a common word): walk it, but only for entries already found.
        for (let j = 0; j < postings.docs.length; j++) {
          const doc = postings.docs[j]!;
          if (total[doc]! > 0) raise(doc, credit * postings.weights[j]!);
        }
      } else {
        for (let j = 0; j < postings.docs.length; j++)
          raise(postings.docs[j]!, credit * postings.weights[j]!);
      }
    }
    for (const doc of touchedByUnit) {
      if (total[doc] === 0) touched.push(doc);
      total[doc] = total[doc]! + plan.units[u]!.weight * unitBest[doc]!;
      unitBest[doc] = 0;
    }
    touchedByUnit.length = 0;
  }
  return touched;
}

/**
 * The `limit` touched entries with the most coverage, intents breaking ties (INTENT_TIE_BREAK). Counts the
 * intent pairs into `scratch.pairs` for the ranking and takes them out again.
 */
function rankByCoverage(
  plan: QueryPlan,
  index: SearchIndex,
  { total, pairs, intentBits }: Scratch,
  touched: readonly number[],
  limit: number,
): CoverageCandidate[] {
  const wantedMask = plan.intents.reduce(
    (mask, key) => mask | (1 << INTENTS.indexOf(key.slice(1) as Intent)),
    0,
  );
  count(plan.intentPairs, index, pairs, 1);
  const coverage = (doc: number): number => Math.min(1, total[doc]! / plan.totalWeight);
  const intentMatch = (doc: number): number =>
    wantedMask === 0 ? 0 : bitCount(intentBits[doc]! & wantedMask) / plan.intents.length;
  const pairMatch = (doc: number): number =>
    plan.intentPairs.length > 0 ? pairs[doc]! / plan.intentPairs.length : 0;
  const key = (doc: number): number =>
    coverage(doc) + INTENT_TIE_BREAK * intentMatch(doc) + INTENT_PAIR_TIE_BREAK * pairMatch(doc);
  const winners = selectTop(
    touched,
    limit,
    key,
    (doc) => coverage(doc) + INTENT_TIE_BREAK + INTENT_PAIR_TIE_BREAK,
  );
  const result = winners.map((doc) => ({ doc, coverage: coverage(doc), intentMatch: intentMatch(doc) }));
  count(plan.intentPairs, index, pairs, -1);
  return result;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** The weight of a document in a posting list (documents are in increasing order), 0 when absent. */
export function postingWeight(postings: Postings, doc: number): number {
  let low = 0;
  let high = postings.docs.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = postings.docs[mid]!;
    if (value === doc) return postings.weights[mid]!;
    if (value < doc) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/** Adds (+1) or removes (-1) the holders of each key in a per-entry counter. */
function count(keys: readonly string[], index: SearchIndex, counts: Uint16Array, step: 1 | -1): void {
  for (const key of keys) {
    const postings = index.inverted.postings.get(key);
    if (postings) for (const doc of postings.docs) counts[doc] = counts[doc]! + step;
  }
}

/**
 * The `limit` best docs by key, best first, without sorting all of them (there may be 100,000). `bound` is a
 * cheap upper bound of the key, so that most docs are passed over without computing it.
 */
function selectTop(
  docs: readonly number[],
  limit: number,
  key: (doc: number) => number,
  bound: (doc: number) => number,
): number[] {
  const best: number[] = [];
  const keys: number[] = [];
  for (const doc of docs) {
    if (best.length === limit && bound(doc) <= keys[keys.length - 1]!) continue;
    const value = key(doc);
    if (best.length === limit && value <= keys[keys.length - 1]!) continue;
    let at = best.length;
    while (at > 0 && keys[at - 1]! < value) at--;
    best.splice(at, 0, doc);
    keys.splice(at, 0, value);
    if (best.length > limit) {
      best.pop();
      keys.pop();
    }
  }
  return best;
}
