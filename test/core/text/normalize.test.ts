import { describe, expect, it } from 'vitest';
import { foldForMatching, normalizeText, truncateForAnalysis } from '../../../src/core/text/normalize.js';

describe('normalizeText', () => {
  it('turns full-width letters, digits and punctuation into ASCII and lower case', () => {
    expect(normalizeText('ＬＡＳＥＲ　１＋３０＋Ｎ？')).toBe('laser 1+30+n?');
  });

  it('keeps accents, which tell German from French', () => {
    expect(normalizeText('Förderung Communauté')).toBe('förderung communauté');
  });

  it('unifies apostrophes and turns CJK brackets and stops into spaces', () => {
    expect(normalizeText('Qu’est-ce')).toBe("qu'est-ce");
    expect(normalizeText('鲁政字〔2019〕49号。')).toBe('鲁政字 2019 49号');
  });

  it('gives text that normalising again leaves as it is, even where lower case adds a combining mark', () => {
    // İ lower-cases to i and a combining dot, which NFKC orders after the voiced mark that ﾞ becomes.
    for (const text of ['İﾞ', 'İSTANBUL Laser', 'Ⅻ Öl'])
      expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
  });

  it('collapses runs of white space and trims', () => {
    expect(normalizeText('  how \t many\n\ncommunities  ')).toBe('how many communities');
  });
});

describe('foldForMatching', () => {
  it('folds accents and ß for matching', () => {
    expect(foldForMatching('Förderung')).toBe('forderung');
    expect(foldForMatching('matériaux fonctionnels')).toBe('materiaux fonctionnels');
    expect(foldForMatching('Straße')).toBe('strasse');
    expect(foldForMatching('Œuvre')).toBe('oeuvre');
  });

  it('folds decomposed accents (a letter followed by a combining mark) like precomposed ones', () => {
    expect(foldForMatching('communaute\u0301')).toBe('communaute');
  });
});

describe('truncateForAnalysis', () => {
  it('cuts long text without splitting a surrogate pair', () => {
    expect(truncateForAnalysis('ab𠀀c', 3)).toBe('ab');
    expect(truncateForAnalysis('short', 10)).toBe('short');
  });
});
