import { describe, expect, it } from 'vitest';
import { ageOf } from '../../../src/core/follow-up/ticket-age.js';

const minute = 60_000;

describe('ticket age', () => {
  it('picks the largest sensible unit', () => {
    expect(ageOf(0, 30_000)).toEqual({ unit: 'minutes', count: 0 });
    expect(ageOf(0, 59 * minute)).toEqual({ unit: 'minutes', count: 59 });
    expect(ageOf(0, 60 * minute)).toEqual({ unit: 'hours', count: 1 });
    expect(ageOf(0, 47 * 60 * minute)).toEqual({ unit: 'hours', count: 47 });
    expect(ageOf(0, 72 * 60 * minute)).toEqual({ unit: 'days', count: 3 });
  });
});
