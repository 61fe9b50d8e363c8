import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../../src/core/search/vocabulary.js';

describe('Vocabulary.typoMatches', () => {
  const vocabulary = new Vocabulary(['deposer', 'opinion', 'community', 'treten', 'material']);
  const best = (word: string): string | undefined => vocabulary.typoMatches(word)[0]?.term;

  it('finds another form of the same word that the stemmer does not fold', () => {
    // French "dépose" (stem "depos") and "déposer"; German "tret" (of "trete") and "treten".
    expect(best('depos')).toBe('deposer');
    expect(best('tret')).toBe('treten');
  });

  it('finds a word typed with two neighbouring letters swapped', () => {
    expect(best('opinoin')).toBe('opinion');
    expect(best('comumnity')).toBe('community');
  });

  it('leaves unrelated words alone', () => {
    expect(vocabulary.typoMatches('weather')).toEqual([]);
    expect(vocabulary.typoMatches('mate')).toEqual([]);
  });
});
