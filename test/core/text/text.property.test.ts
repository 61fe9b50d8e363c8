import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText, matchingForm } from '../../../src/core/text/analyze.js';
import { foldForMatching, normalizeText, truncateForAnalysis } from '../../../src/core/text/normalize.js';
import { userText } from '../../support/arbitraries.js';

/** Properties of text normalisation over arbitrary user text (thousands of inputs, well under a second each). */
describe('text normalisation, for any text', () => {
  it('normalizeText never throws, trims, leaves no run of white space, and is stable', () => {
    fc.assert(
      fc.property(userText(), (text) => {
        const normalized = normalizeText(text);
        expect(normalized).toBe(normalized.trim());
        expect(normalized).not.toMatch(/\s{2}|[^\S ]/);
        expect(normalizeText(normalized)).toBe(normalized);
      }),
      { numRuns: 1000 },
    );
  });

  it('foldForMatching never throws and a second fold changes nothing', () => {
    fc.assert(
      fc.property(userText(), (text) => {
        const folded = foldForMatching(text);
        expect(foldForMatching(folded)).toBe(folded);
      }),
      { numRuns: 1000 },
    );
  });

  it('truncateForAnalysis keeps a prefix within the limit and never half of a surrogate pair it made', () => {
    fc.assert(
      fc.property(userText(400), fc.nat(300), (text, max) => {
        const cut = truncateForAnalysis(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        // A pair cut in two: a high surrogate at the end whose low half was left behind.
        const splitPair = /[\uD800-\uDBFF]$/.test(cut) && /^[\uDC00-\uDFFF]/.test(text.slice(cut.length));
        expect(splitPair).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('analyzeText never throws: terms are distinct, non-empty and without white space; segments non-empty', () => {
    fc.assert(
      fc.property(userText(), (text) => {
        const analysis = analyzeText(text);
        expect(new Set(analysis.terms).size).toBe(analysis.terms.length);
        for (const term of analysis.terms) expect(term).toMatch(/^\S+$/);
        for (const segment of analysis.hanSegments) expect(segment.length).toBeGreaterThan(0);
        expect(analyzeText(text)).toEqual(analysis);
        expect(typeof matchingForm(text)).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});
