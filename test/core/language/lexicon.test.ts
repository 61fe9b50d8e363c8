import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../src/core/knowledge-base/schema.js';
import { buildLanguageLexicon } from '../../../src/core/language/lexicon.js';
import { foldForMatching } from '../../../src/core/text/normalize.js';
import { loadSmallKb } from '../search/small-kb.js';

type Lang = 'en' | 'de' | 'fr';
const LATIN: Lang[] = ['en', 'de', 'fr'];

/**
 * The spelling model written out plainly (every trigram counted, every log taken per question), as the lexicon
 * computed it before it precomputed its tables: the lexicon must decide exactly as this does.
 */
function plainLikeliestSpelling(entries: readonly Entry[], words: readonly string[]): Lang | null {
  const counts = new Map(LATIN.map((lang) => [lang, new Map<string, number>()]));
  const totals = new Map(LATIN.map((lang) => [lang, 0]));
  const all = new Set<string>();
  const grams = (word: string) => [...`_${word}_`].slice(0, -2).map((_, i) => `_${word}_`.slice(i, i + 3));
  for (const entry of entries.slice(0, 1000)) {
    for (const lang of LATIN) {
      const s = entry.search[lang];
      const text = [entry.title[lang], ...s.aliases, ...s.questions, ...s.keywords].join('\n');
      for (const word of foldForMatching(text).split(/[^a-z]+/)) {
        if (word.length < 2) continue;
        for (const g of grams(word)) counts.get(lang)!.set(g, (counts.get(lang)!.get(g) ?? 0) + 1);
        for (const g of grams(word)) all.add(g);
        totals.set(lang, totals.get(lang)! + word.length);
      }
    }
  }
  if (words.length === 0 || totals.get('en') === 0) return null;
  const score = (lang: Lang) => {
    const denominator = Math.log(totals.get(lang)! + all.size + 1);
    let [sum, n] = [0, 0];
    for (const word of words) {
      for (const g of grams(word))
        [sum, n] = [sum + Math.log((counts.get(lang)!.get(g) ?? 0) + 1) - denominator, n + 1];
    }
    return n === 0 ? 0 : sum / n;
  };
  const ranked = LATIN.map((lang) => [lang, score(lang)] as const).sort((a, b) => b[1] - a[1]);
  return ranked[0]![1] - ranked[1]![1] >= 0.25 ? ranked[0]![0] : null;
}

const PHRASES = [
  'gemeinschaft lasergerate',
  'financement communaute',
  'industrial internet haier',
  'wie trete ich bei',
  'qui depose la candidature',
  'roulemnts a billes',
  'meteo demain',
  'polymer',
  'xq zzv',
  'a',
];

describe('buildLanguageLexicon', () => {
  const entries = loadSmallKb().entries;
  const lexicon = buildLanguageLexicon(entries);

  it('judges spelling exactly as the plain model does', () => {
    for (const phrase of PHRASES) {
      const words = phrase.split(' ');
      expect(lexicon.likeliestSpelling(words), phrase).toBe(plainLikeliestSpelling(entries, words));
    }
    expect(lexicon.likeliestSpelling(['gemeinschaft', 'lasergerate'])).toBe('de');
  });

  it('decides the same when rebuilt from an unchanged knowledge base, and learns and undoes an edit', () => {
    const reloaded = buildLanguageLexicon(structuredClone([...entries]), lexicon);
    for (const phrase of PHRASES) {
      expect(reloaded.likeliestSpelling(phrase.split(' '))).toBe(
        lexicon.likeliestSpelling(phrase.split(' ')),
      );
    }
    expect(reloaded.languageOf('gemeinschaft')).toBe(lexicon.languageOf('gemeinschaft'));

    const edited = structuredClone([...entries]);
    edited[0]!.search.de.keywords.push('Zuckerwatte');
    const learned = buildLanguageLexicon(edited, lexicon);
    expect(lexicon.languageOf('zuckerwatte')).toBeNull();
    expect(learned.languageOf('zuckerwatte')).toBe('de');
    const forgotten = buildLanguageLexicon(structuredClone([...entries]), learned);
    expect(forgotten.languageOf('zuckerwatte')).toBeNull();
    for (const phrase of PHRASES) {
      const words = phrase.split(' ');
      expect(learned.likeliestSpelling(words)).toBe(plainLikeliestSpelling(edited, words));
      expect(forgotten.likeliestSpelling(words)).toBe(lexicon.likeliestSpelling(words));
    }
  });
});
