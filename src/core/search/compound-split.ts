import type { Vocabulary, WordMatch } from './vocabulary.js';

/**
 * German compounds a question writes as one word that the knowledge base does not have ("Lasergeräte",
 * "Abwasseraufbereitungsanlagen"), read as the known words they are made of.
 */

/** Parts of a split compound are believed a little less than a word typed on its own. */
const COMPOUND_PART_CREDIT = 0.9;
const MIN_COMPOUND_PART = 4;
/** At most this many known parts in one compound. */
const MAX_COMPOUND_PARTS = 3;
/** A known end of a compound whose other part is unknown says less than a fully split compound. */
const COMPOUND_END_CREDIT = 0.7;
/** Known ends this long only: short ones ("anlage", "bau") are in too many compounds to tell anything. */
const COMPOUND_END_MIN = 7;

/**
 * Splits an unknown compound into known parts, or returns null: a known head and a known (or misspelt) tail
 * (Provinzgemeinschaft -> provinz + gemeinschaft, a German linking "s" allowed), else three known parts
 * (Industrieabwasserbehandlung -> industrie + abwasser + behandlung), else the known head or tail of a long
 * compound whose other part is unknown (Industrieabwasserreiniger -> industrieabwasser), believed less.
 */
export function splitCompound(term: string, vocabulary: Vocabulary): WordMatch[] | null {
  if (term.length < 2 * MIN_COMPOUND_PART || !/^\p{L}+$/u.test(term)) return null;
  for (let cut = term.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
    const head = term.slice(0, cut);
    if (!vocabulary.has(head)) continue;
    const tail = knownTail(term.slice(cut), vocabulary);
    if (tail) return [head, tail].map((t) => ({ term: t, credit: COMPOUND_PART_CREDIT }));
  }
  const parts = segment(term, MAX_COMPOUND_PARTS, vocabulary);
  if (parts) return parts.map((t) => ({ term: t, credit: COMPOUND_PART_CREDIT }));
  const ends = knownEnds(term, vocabulary);
  return ends.length > 0 ? ends.map((t) => ({ term: t, credit: COMPOUND_END_CREDIT })) : null;
}

/** The text as at most `parts` known words (a linking "s" allowed between them), or null. */
function segment(text: string, parts: number, vocabulary: Vocabulary): string[] | null {
  if (vocabulary.has(text)) return [text];
  if (parts < 2 || text.length < 2 * MIN_COMPOUND_PART) return null;
  for (let cut = text.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
    const head = text.slice(0, cut);
    if (!vocabulary.has(head)) continue;
    const rest = text.slice(cut);
    const tail =
      segment(rest, parts - 1, vocabulary) ??
      (rest.startsWith('s') && rest.length > MIN_COMPOUND_PART
        ? segment(rest.slice(1), parts - 1, vocabulary)
        : null);
    if (tail) return [head, ...tail];
  }
  return null;
}

/** The longest known head and tail of the term, each of COMPOUND_END_MIN letters or more. */
function knownEnds(term: string, vocabulary: Vocabulary): string[] {
  const ends: string[] = [];
  for (let cut = term.length - MIN_COMPOUND_PART; cut >= COMPOUND_END_MIN; cut--) {
    if (vocabulary.has(term.slice(0, cut))) {
      ends.push(term.slice(0, cut));
      break;
    }
  }
  for (let cut = MIN_COMPOUND_PART; cut <= term.length - COMPOUND_END_MIN; cut++) {
    if (vocabulary.has(term.slice(cut))) {
      ends.push(term.slice(cut));
      break;
    }
  }
  return ends;
}

function knownTail(tail: string, vocabulary: Vocabulary): string | null {
  if (vocabulary.has(tail)) return tail;
  const unlinked = tail.startsWith('s') ? tail.slice(1) : '';
  if (unlinked.length >= MIN_COMPOUND_PART && vocabulary.has(unlinked)) return unlinked;
  return vocabulary.typoMatches(tail)[0]?.term ?? null;
}
