import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/core/text/analyze.js';
import { trailingParticle } from '../../../src/core/text/separable.js';
import { hanSynonymsOf, synonymsOf } from '../../../src/core/text/synonyms.js';

const term = (word: string): string => analyzeText(word).terms[0]!;

describe('synonymsOf', () => {
  it('links everyday words for "who is in charge" across the three Latin languages', () => {
    for (const word of ['runs', 'heads', 'manages', 'leitet', 'zuständig', 'dirige', 'gère'])
      expect(synonymsOf(term(word)), word).toContain(term('lead'));
  });

  it('gives nothing for a word of no group', () => {
    expect(synonymsOf(term('laser'))).toEqual([]);
  });

  it('links Chinese words of the same idea', () => {
    expect(hanSynonymsOf('负责')).toContain('牵头');
    expect(hanSynonymsOf('出台')).toContain('印发');
    expect(hanSynonymsOf('激光')).toEqual([]);
  });
});

describe('trailingParticle', () => {
  it('finds the particle of a German separable verb at the end of a question', () => {
    expect(trailingParticle('Wie trete ich bei?')).toBe('bei');
    expect(trailingParticle('Wo nehme ich teil')).toBe('teil');
  });

  it('finds none when the question ends otherwise', () => {
    expect(trailingParticle('Wie viele Gemeinschaften gibt es?')).toBeNull();
    expect(trailingParticle('激光共同体')).toBeNull();
    expect(trailingParticle('')).toBeNull();
  });
});

describe('analyzeText, everyday wording', () => {
  it('gives a five-letter plural the term of its singular', () => {
    for (const [plural, singular] of [
      ['names', 'name'],
      ['sites', 'site'],
      ['zones', 'zone'],
      ['titles', 'title'],
    ])
      expect(term(plural!)).toBe(term(singular!));
  });

  it('drops colloquial filler and German typed without umlauts', () => {
    expect(analyzeText('gibts nen Zuschuss? wieviel').terms).toEqual(['zuschuss']);
    expect(analyzeText('Antrag fuer Gemeinschaften').terms).toEqual(['antrag', 'gemeinschaft']);
  });

  it('cuts colloquial Chinese question words', () => {
    expect(analyzeText('我们公司想入会咋办').hanSegments).toEqual(['公司想入会']);
    expect(analyzeText('这个叫什么').hanSegments).toEqual([]);
  });
});
