import { describe, expect, it } from 'vitest';
import { decideOutcome, MAX_LIKELY_ALTERNATIVES, MAX_SUGGESTIONS } from '../../../src/core/answer/decide.js';
import type { Entry } from '../../../src/core/knowledge-base/schema.js';
import type { SearchHit, SearchResult } from '../../../src/core/search/search.js';

const entry = (id: string): Entry => ({ id }) as Entry;
/** A hit whose every signal is `strength` (0..1), matching `units` of the question's units. */
const hit = (id: string, strength: number, units = 3): SearchHit => ({
  entry: entry(id),
  score: strength,
  coverage: strength,
  similarity: strength,
  evidence: { weight: units * 3 * strength, strongest: strength, units: Math.round(units * strength) },
});
const result = (hits: SearchHit[], units = 3, offTopicWeight = 0): SearchResult => ({
  hits,
  units,
  weight: units * 3,
  offTopicWeight,
});

describe('decideOutcome', () => {
  it('answers a question an entry holds entirely, far ahead of the rest', () => {
    const decision = decideOutcome(result([hit('a', 1), hit('b', 0.2)]));
    expect(decision.outcome).toBe('answered');
    expect(decision.best?.entry.id).toBe('a');
    expect(decision.confidence).toBeGreaterThan(0.8);
  });

  it('knows nothing when the best hit holds almost nothing, and when there are no hits', () => {
    expect(decideOutcome(result([hit('a', 0.05)], 12))).toMatchObject({
      outcome: 'unknown',
      suggestions: [],
    });
    expect(decideOutcome(result([]))).toMatchObject({ outcome: 'unknown', confidence: 0, best: null });
  });

  it('is less sure of the same hit when the question is about an everyday topic nobody here knows', () => {
    const plain = decideOutcome(result([hit('a', 0.6), hit('b', 0.3)]));
    const offTopic = decideOutcome(result([hit('a', 0.6), hit('b', 0.3)], 3, 8));
    expect(offTopic.confidence).toBeLessThan(plain.confidence);
  });

  it('offers at most three choices, and at most two alternatives beside a likely answer', () => {
    const hits = ['a', 'b', 'c', 'd', 'e'].map((id) => hit(id, 0.5));
    for (let strength = 0.05; strength <= 1; strength += 0.05) {
      const decision = decideOutcome(result([hit('x', strength), ...hits]));
      const cap = decision.outcome === 'likely' ? MAX_LIKELY_ALTERNATIVES : MAX_SUGGESTIONS;
      expect(decision.suggestions.length).toBeLessThanOrEqual(cap);
    }
  });
});

describe('decideOutcome with two equally good entries', () => {
  it('offers both instead of guessing, and says so in the confidence', () => {
    const decision = decideOutcome(result([hit('a', 1), hit('b', 1)]));
    expect(decision.outcome).toBe('suggested');
    expect(decision.suggestions.map((h) => h.entry.id)).toEqual(['a', 'b']);
    expect(decision.confidence).toBeLessThanOrEqual(0.5);
  });
});
