/**
 * Text normalisation shared by language detection and search. Two levels:
 * - normalizeText keeps accents (they tell German from French) but unifies width, case, apostrophes and spaces;
 * - foldForMatching also removes accents, because people type "Forderung" for "Förderung" and "communaute"
 *   for "communauté", and the index must treat them alike.
 */

/** Characters that are not decomposed by NFD but have an obvious ASCII spelling. */
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
};
const SPECIAL_FOLD_PATTERN = /[ßæœøłđðþ]/g;

/** Apostrophe-like marks people and phones produce; all become ASCII "'". */
const APOSTROPHE = /[\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032]/;
/** Those, and the ideographic brackets and punctuation that NFKC leaves as they are (they become spaces). */
const MARKS_TO_UNIFY =
  /[\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032\u3000-\u3003\u3008-\u3011\u3014-\u301f\u30fb\ufe50-\ufe6b]/g;

/**
 * Text made only of these characters is unchanged by NFKC: ASCII, precomposed Latin-1 letters, common CJK
 * ideographs and CJK punctuation. Most text is, and skipping NFKC makes indexing several times faster.
 */
// eslint-disable-next-line no-control-regex -- the range is "all of ASCII", control characters included
const NFKC_STABLE = /^[\x00-\x7f\u00c0-\u00ff\u3001-\u303f\u4e00-\u9fff]*$/;
/** Letters whose accent folding is precomputed (Latin-1 and Latin Extended-A/B). */
const FOLDABLE = /[\u00c0-\u024f]/g;
// eslint-disable-next-line no-control-regex -- the range is "all of ASCII", control characters included
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * NFKC (full-width letters and digits become ASCII, "？" becomes "?"), lower case, one kind of apostrophe,
 * CJK brackets turned into spaces, runs of white space collapsed. Accents are kept.
 */
export function normalizeText(text: string): string {
  const composed = NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
  let normalized = composed.toLowerCase();
  // Lower case can leave text that NFKC would change again (İ becomes i and a combining dot, which must sort
  // after other marks), so that a second pass would differ: such text is composed once more.
  if (normalized !== composed && !NFKC_STABLE.test(normalized)) normalized = normalized.normalize('NFKC');
  // Each replacement scans the text; the ones that cannot apply are skipped (indexing runs this a lot).
  if (!ASCII_ONLY.test(normalized) || normalized.includes('`')) {
    normalized = normalized.replace(MARKS_TO_UNIFY, (mark) => (APOSTROPHE.test(mark) ? "'" : ' '));
  }
  return normalized.replace(UNUSUAL_SPACE, ' ').trim();
}

/** Runs of spaces and every other kind of white space; a single plain space is left alone. */
const UNUSUAL_SPACE = /\s{2,}|[^\S ]/g;

/** Removes accents and folds ß/æ/œ to plain letters; expects text that went through normalizeText. */
export function foldAccents(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  // Combining marks are rare after NFKC (most accents are precomposed); only they need the Unicode path.
  if (HAS_COMBINING_MARK.test(text)) return foldSlowly(text);
  return HAS_FOLDABLE.test(text) ? text.replace(FOLDABLE, (ch) => FOLDED.get(ch) ?? ch) : text;
}

const HAS_FOLDABLE = /[\u00c0-\u024f]/;
/** The combining-mark blocks (a \p{M} test is several times slower on long text). */
// eslint-disable-next-line no-misleading-character-class -- the class lists combining marks on purpose
const HAS_COMBINING_MARK = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;

function foldSlowly(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL_FOLD_PATTERN, (ch) => SPECIAL_FOLDS[ch] ?? ch)
    .normalize('NFC');
}

/** The folded form of every Latin-1 and Latin Extended letter, computed once. */
const FOLDED: ReadonlyMap<string, string> = new Map(
  Array.from({ length: 0x250 - 0xc0 }, (_, i) => {
    const ch = String.fromCharCode(0xc0 + i);
    return [ch, foldSlowly(ch)] as const;
  }),
);

/**
 * The form every indexed and searched word takes: NFKC, lower case, accents folded. Spaces, apostrophes and
 * punctuation are left as they are, because the tokenizer treats every non-word character as a separator;
 * skipping that work matters when indexing 10,000 entries.
 */
export function foldForMatching(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return foldAccents((NFKC_STABLE.test(text) ? text : text.normalize('NFKC')).toLowerCase());
}

/** Cuts overly long input at a character boundary so that analysis costs stay bounded. */
export function truncateForAnalysis(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  // Do not leave half of a surrogate pair at the end.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
