import { describe, expect, it } from 'vitest';
import { decideOutcome, MIN_ANSWER_COVERAGE } from '../../../src/core/answer/decide.js';
import type { Entry } from '../../../src/core/knowledge-base/types.js';
import type { SearchHit } from '../../../src/core/search/search.js';

const entry = (id: string): Entry => ({ id }) as Entry;
const hit = (id: string, score: number, coverage = score): SearchHit => ({
  entry: entry(id),
  score,
  coverage,
  similarity: score,
});

describe('decideOutcome', () => {
  it('answers a clear, well-covered best hit and keeps close runners-up as suggestions', () => {
    const decision = decideOutcome([hit('a', 0.95), hit('b', 0.8), hit('c', 0.3)]);
    expect(decision.outcome).toBe('answered');
    expect(decision.best?.entry.id).toBe('a');
    expect(decision.suggestions.map((h) => h.entry.id)).toEqual(['b']);
    expect(decision.confidence).toBeCloseTo(0.95);
  });

  it('suggests instead of guessing when two hits are about as good, and says so in the confidence', () => {
    const decision = decideOutcome([hit('a', 0.9), hit('b', 0.9)]);
    expect(decision.outcome).toBe('suggested');
    expect(decision.suggestions.map((h) => h.entry.id)).toEqual(['a', 'b']);
    expect(decision.confidence).toBeLessThan(0.6);
  });

  it('does not answer a question that is only partly covered, however good the score', () => {
    const decision = decideOutcome([hit('a', 0.9, MIN_ANSWER_COVERAGE - 0.1)]);
    expect(decision.outcome).toBe('suggested');
    expect(decision.confidence).toBeLessThan(MIN_ANSWER_COVERAGE);
  });

  it('knows nothing when the best hit covers little, and when there are no hits', () => {
    expect(decideOutcome([hit('a', 0.5, 0.2)])).toMatchObject({ outcome: 'unknown', suggestions: [] });
    expect(decideOutcome([])).toMatchObject({ outcome: 'unknown', confidence: 0, best: null });
  });

  it('offers at most three suggestions', () => {
    const hits = ['a', 'b', 'c', 'd', 'e'].map((id) => hit(id, 0.5));
    expect(decideOutcome(hits).suggestions).toHaveLength(3);
  });
});
