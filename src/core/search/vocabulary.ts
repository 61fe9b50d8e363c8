import Fuse from 'fuse.js';

/**
 * The Latin-script words of the knowledge base, for words a question has that no entry has: typos
 * ("comunity", "polimer") are matched with fuse.js, German compounds ("Lasergeräte") are split into known
 * parts (see compound-split.ts). A character-trigram index first narrows the vocabulary to a few dozen look-alikes, so fuse.js never
 * scans the whole vocabulary, however large the knowledge base.
 */

/** A known word standing in for an unknown one, with how much to believe it (0..1). */
export interface WordMatch {
  term: string;
  credit: number;
}

/** Words shorter than this are not corrected: with 3 letters, one typo makes another real word. */
const MIN_FUZZY_LENGTH = 4;
/** How many trigram look-alikes fuse.js compares at most. */
const MAX_FUZZY_CANDIDATES = 40;
/**
 * The least similarity (fuse.js score folded with the length ratio) accepted as a typo of a known word.
 * 0.72 takes one wrong letter in 4-5 letters or two in 8+ ("comunity" 0.78, "polimer" 0.86) and rejects
 * unrelated short words that merely share letters ("spat" for "spa" 0.56).
 */
const MIN_TYPO_SIMILARITY = 0.72;
/** At most this many known words stand in for one unknown word. */
const MAX_WORD_MATCHES = 4;
/**
 * A known word that starts with the unknown one (5+ letters) is probably what was meant: a half-typed word
 * ("manufac") or another form the stemmer does not fold ("province" / "provincial").
 */
const PREFIX_CREDIT = 0.8;
const MIN_PREFIX_LENGTH = 6;
/**
 * A known compound that begins or ends with a word of the question holds that word too: "Provinz" is in
 * "Provinzebene", "Geld" in "Fördergeld". Believed like a prefix match. Both parts need 4+ letters.
 */
const COMPOUND_CREDIT = 0.8;
const MAX_COMPOUND_MATCHES = 8;
/** Bounds the compound memo for callers that pass words outside the vocabulary. */
const MAX_COMPOUND_MEMO = 100_000;
/**
 * A known word that is the unknown one plus an inflection the stemmer leaves alone, or the other way round, is
 * another form of the same word: French "dépose" and "déposer", German "trete" (stem "tret") and "treten".
 * Both forms need 4+ letters in common.
 */
const INFLECTION_CREDIT = 0.85;
const INFLECTIONS: readonly string[] = ['er', 'ir', 're', 'ent', 'ez', 'en', 'ed', 'ing', 'es', 'e', 's'];
const MIN_INFLECTED_STEM = 4;
/**
 * Two neighbouring letters swapped ("opinoin" for "opinion") is the commonest slip of fast typing, and fuse.js
 * counts it as two errors; it is believed like an inflected form.
 */
const TRANSPOSITION_CREDIT = 0.85;
/** Fuse.js options for comparing one word with one word. */
const FUSE_WORD_OPTIONS = {
  threshold: 0.45,
  ignoreLocation: true,
  isCaseSensitive: true,
  includeScore: true,
  shouldSort: false,
} as const;
/** Both parts of a known compound that holds a question's word have 4+ letters. */
const MIN_COMPOUND_PART = 4;
/** Unknown words whose typo matches are remembered (a few hundred bytes each). */
const MAX_TYPO_MEMO = 20_000;

export class Vocabulary {
  private readonly words: string[];
  private readonly known: ReadonlySet<string>;
  private readonly byTrigram = new Map<string, number[]>();
  /** The words sorted, and the words reversed and sorted, for prefix and suffix ranges. */
  private readonly sorted: string[];
  private readonly reversedSorted: string[];
  /** Shared-trigram counter per word, reused by every look-up (the search is synchronous). */
  private counts: Uint8Array | null = null;
  /**
   * compoundsContaining per word, computed once: it runs for every known word of every question. The words
   * are mostly the vocabulary's own; MAX_COMPOUND_MEMO bounds it for the others.
   */
  private readonly compoundMemo = new Map<string, readonly WordMatch[]>();
  /**
   * typoMatches per unknown word. People's words repeat (the background of founders' messages is much the
   * same: "startup", "customers", "founded"), and a look-up costs a fuse.js search; MAX_TYPO_MEMO bounds it.
   */
  private readonly typoMemo = new Map<string, readonly WordMatch[]>();

  constructor(terms: Iterable<string>) {
    this.known = new Set([...terms].filter((t) => /^\p{L}+$/u.test(t)));
    this.words = [...this.known].filter((t) => t.length >= MIN_FUZZY_LENGTH);
    this.sorted = [...this.words].sort();
    this.reversedSorted = this.words.map(reverse).sort();
    this.words.forEach((word, id) => {
      for (const gram of new Set(trigrams(word))) {
        let ids = this.byTrigram.get(gram);
        if (!ids) this.byTrigram.set(gram, (ids = []));
        ids.push(id);
      }
    });
  }

  has(term: string): boolean {
    return this.known.has(term);
  }

  /** Known words that the unknown word is probably a typo of, best first; empty when none is close. */
  typoMatches(term: string): readonly WordMatch[] {
    if (term.length < MIN_FUZZY_LENGTH || !/^\p{L}+$/u.test(term)) return [];
    let matches = this.typoMemo.get(term);
    if (!matches) {
      matches = this.computeTypoMatches(term);
      if (this.typoMemo.size >= MAX_TYPO_MEMO) this.typoMemo.clear();
      this.typoMemo.set(term, matches);
    }
    return matches;
  }

  private computeTypoMatches(term: string): WordMatch[] {
    const candidates = this.lookAlikes(term);
    if (candidates.length === 0) return [];
    // One fuse.js search over the look-alikes: the pattern is prepared once, not once per candidate.
    const fuse = new Fuse(candidates, FUSE_WORD_OPTIONS);
    const scored: WordMatch[] = [];
    for (const { item: candidate, score = 1 } of fuse.search(term)) {
      const lengthRatio = Math.min(term.length, candidate.length) / Math.max(term.length, candidate.length);
      // Fuse.js scores a word found inside a longer one as a perfect match; the length ratio undoes that.
      const typo = (1 - score) * lengthRatio;
      const prefix = term.length >= MIN_PREFIX_LENGTH && candidate.startsWith(term) ? PREFIX_CREDIT : 0;
      const inflected = isInflectionOf(term, candidate) ? INFLECTION_CREDIT : 0;
      const swapped = isTransposition(term, candidate) ? TRANSPOSITION_CREDIT : 0;
      const similarity = Math.max(typo, prefix, inflected, swapped);
      if (similarity >= Math.min(MIN_TYPO_SIMILARITY, PREFIX_CREDIT))
        scored.push({ term: candidate, credit: similarity });
    }
    // Every close word is kept (at its own credit): "provinc" may mean "provinz" or "provincial".
    return scored.sort((a, b) => b.credit - a.credit).slice(0, MAX_WORD_MATCHES);
  }

  /** Known compounds that start or end with the word (Provinz -> provinzebene), at COMPOUND_CREDIT. */
  compoundsContaining(term: string): readonly WordMatch[] {
    let found = this.compoundMemo.get(term);
    if (!found) {
      found = this.findCompounds(term);
      if (this.compoundMemo.size < MAX_COMPOUND_MEMO) this.compoundMemo.set(term, found);
    }
    return found;
  }

  private findCompounds(term: string): readonly WordMatch[] {
    if (term.length < MIN_COMPOUND_PART || !/^\p{L}+$/u.test(term)) return [];
    const minLength = term.length + MIN_COMPOUND_PART;
    const heads = withPrefix(this.sorted, term).filter((word) => word.length >= minLength);
    const tails = withPrefix(this.reversedSorted, reverse(term))
      .filter((word) => word.length >= minLength)
      .map(reverse);
    return [...heads, ...tails]
      .slice(0, MAX_COMPOUND_MATCHES)
      .map((word) => ({ term: word, credit: COMPOUND_CREDIT }));
  }

  /** Vocabulary words sharing the most trigrams with the term, at most MAX_FUZZY_CANDIDATES. */
  private lookAlikes(term: string): string[] {
    const grams = new Set(trigrams(term));
    const counts = (this.counts ??= new Uint8Array(this.words.length));
    const seen: number[] = [];
    for (const gram of grams) {
      for (const id of this.byTrigram.get(gram) ?? []) {
        if (counts[id] === 0) seen.push(id);
        counts[id]! += 1;
      }
    }
    const needed = Math.max(2, Math.ceil(grams.size * 0.3));
    const found: [id: number, shared: number][] = [];
    for (const id of seen) {
      if (counts[id]! >= needed && Math.abs(this.words[id]!.length - term.length) <= 3)
        found.push([id, counts[id]!]);
      counts[id] = 0;
    }
    return found
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_FUZZY_CANDIDATES)
      .map(([id]) => this.words[id]!);
  }
}

/** True when one word is the other plus an ending of INFLECTIONS (and the shorter has 4+ letters). */
function isInflectionOf(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return (
    short.length >= MIN_INFLECTED_STEM &&
    long.startsWith(short) &&
    INFLECTIONS.includes(long.slice(short.length))
  );
}

/** True when the words differ only by two neighbouring letters swapped. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function reverse(word: string): string {
  return [...word].reverse().join('');
}

/** The words of a sorted list that start with the prefix (binary search, then a short scan). */
function withPrefix(sorted: readonly string[], prefix: string): string[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < prefix) low = mid + 1;
    else high = mid;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix) && found.length < 32; i++)
    found.push(sorted[i]!);
  return found;
}

/** Trigrams of a word padded with "$" at both ends, so that beginnings and ends count. */
function trigrams(word: string): string[] {
  const padded = `$${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}
