/**
 * A light, language-neutral suffix stripper for folded Latin words. The search does not always know the
 * language of a question, and a German user may type English words, so one set of rules serves en/de/fr
 * alike. It only needs to be consistent (index and query go through the same function) and to fold the common
 * plural and inflection endings: communities/community, Gemeinschaften/Gemeinschaft, matériaux/material,
 * fonctionnelles/fonctionnel, funding/fund, Technologie/technology. It is deliberately cautious with short words.
 */

interface SuffixRule {
  suffix: string;
  replacement: string;
  /** The word must be longer than this for the rule to apply. */
  minLength: number;
}

// The first rule that applies wins; the order goes from specific to general endings.
const RULES: readonly SuffixRule[] = [
  { suffix: 'ies', replacement: 'y', minLength: 4 },
  { suffix: 'alien', replacement: 'al', minLength: 7 }, // Materialien -> material
  { suffix: 'ien', replacement: 'y', minLength: 6 }, // Technologien -> technology
  { suffix: 'iaux', replacement: 'ial', minLength: 5 }, // matériaux -> material
  { suffix: 'aux', replacement: 'al', minLength: 5 }, // régionaux -> regional
  { suffix: 'ungen', replacement: 'ung', minLength: 6 },
  { suffix: 'heiten', replacement: 'heit', minLength: 7 },
  { suffix: 'keiten', replacement: 'keit', minLength: 7 },
  { suffix: 'ing', replacement: '', minLength: 6 }, // sensing -> sens, but Jining stays
  { suffix: 'ie', replacement: 'y', minLength: 5 }, // Technologie, industrie -> technology, industry
  { suffix: 'ed', replacement: '', minLength: 5 },
  // Not on five letters: "names", "sites", "zones" are "name", "site", "zone" plus "s" (see the "s" rule).
  { suffix: 'es', replacement: '', minLength: 5 },
  { suffix: 'en', replacement: '', minLength: 5 },
  { suffix: 's', replacement: '', minLength: 3 },
  { suffix: 'e', replacement: '', minLength: 4 },
];

/** Endings that look like a plural "s" but are not one (process, status, basis, bus). */
const KEEP_FINAL_S = /(ss|us|is|ys)$/;

/** Returns the stem of one folded word; numbers and very short words come back unchanged. */
export function lightStem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word;
  for (const rule of RULES) {
    if (stem.length <= rule.minLength || !stem.endsWith(rule.suffix)) continue;
    if (rule.suffix === 's' && KEEP_FINAL_S.test(stem)) continue;
    stem = stem.slice(0, stem.length - rule.suffix.length) + rule.replacement;
    break;
  }
  // fonctionnell(es) / fonctionnel, intell / intel: collapse a final doubled consonant.
  if (stem.length > 4 && /([bcdfgklmnprt])\1$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}
