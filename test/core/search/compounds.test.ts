import { describe, expect, it } from 'vitest';
import { splitCompound } from '../../../src/core/search/compound-split.js';
import { Vocabulary } from '../../../src/core/search/vocabulary.js';

const vocabulary = new Vocabulary([
  'provinz',
  'gemeinschaft',
  'industrie',
  'abwasser',
  'behandlung',
  'industrieabwasser',
  'walzlager',
]);
const split = (term: string) => splitCompound(term, vocabulary)?.map((part) => part.term) ?? null;

describe('German compounds a founder writes as one word', () => {
  it('splits into a known head and tail, a linking "s" allowed', () => {
    expect(split('provinzgemeinschaft')).toEqual(['provinz', 'gemeinschaft']);
    expect(split('gemeinschaftsabwasser')).toEqual(['gemeinschaft', 'abwasser']);
  });

  it('splits into three known words', () => {
    expect(split('provinzabwasserbehandlung')).toEqual(['provinz', 'abwasser', 'behandlung']);
  });

  it('keeps the known long head or tail when the rest is unknown, believed less', () => {
    const parts = splitCompound('walzlagerhersteller', vocabulary);
    expect(parts).toEqual([{ term: 'walzlager', credit: expect.any(Number) }]);
    expect(parts![0]!.credit).toBeLessThan(splitCompound('provinzgemeinschaft', vocabulary)![0]!.credit);
    expect(split('zylinderrollenkafig')).toBeNull();
  });
});
