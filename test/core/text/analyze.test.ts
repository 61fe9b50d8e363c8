import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/core/text/analyze.js';
import { hanBigrams } from '../../../src/core/text/han.js';

describe('analyzeText', () => {
  it('drops stopwords of English, German and French and folds plurals', () => {
    expect(analyzeText('How many communities are there?').terms).toEqual(['community']);
    expect(analyzeText('Wie viele Gemeinschaften gibt es?').terms).toEqual(['gemeinschaft']);
    expect(analyzeText('les matériaux fonctionnels').terms).toEqual(['material', 'fonctionnel']);
  });

  it('gives the same term for singular and plural, English and French spelling of a stem', () => {
    const stem = (text: string): string[] => analyzeText(text).terms;
    expect(stem('community')).toEqual(stem('communities'));
    expect(stem('materials')).toEqual(stem('matériaux'));
    expect(stem('Technologie')).toEqual(stem('technology'));
  });

  it('keeps 1+30+N as one term, typed with or without spaces, also inside Chinese', () => {
    expect(analyzeText('What is the 1+30+N system?').terms).toContain('1+30+n');
    expect(analyzeText('the 1 + 30 + N system').terms).toContain('1+30+n');
    const mixed = analyzeText('什么是1+30+N体系？');
    expect(mixed.terms).toEqual(['1+30+n']);
    expect(mixed.hanSegments).toEqual(['体系']);
  });

  it('cuts Chinese function phrases out of Han runs', () => {
    expect(analyzeText('激光装备共同体在哪里').hanSegments).toEqual(['激光装备共同体']);
    expect(analyzeText('山东产研院是什么').hanSegments).toEqual(['山东产研院']);
  });

  it('finds interrogative intents in every language', () => {
    expect(analyzeText('how many communities').intents).toEqual(['quantity']);
    expect(analyzeText('Wie viele Gemeinschaften').intents).toEqual(['quantity']);
    expect(analyzeText('第二批共同体有多少个').intents).toEqual(['quantity']);
    expect(analyzeText('Où est la communauté laser ?').intents).toEqual(['where']);
  });

  it('returns nothing for empty, blank or punctuation-only text', () => {
    for (const text of ['', '   ', '?!…', '。，']) {
      expect(analyzeText(text)).toEqual({ terms: [], hanSegments: [], intents: [] });
    }
  });
});

describe('hanBigrams', () => {
  it('gives overlapping character pairs, and nothing for a single character', () => {
    expect(hanBigrams('激光装备')).toEqual(['激光', '光装', '装备']);
    expect(hanBigrams('钱')).toEqual([]);
  });

  it('does not split characters outside the Basic Multilingual Plane', () => {
    expect(hanBigrams('𠀀激光')).toEqual(['𠀀激', '激光']);
  });
});
