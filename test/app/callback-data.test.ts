import { describe, expect, it } from 'vitest';
import { CallbackDataError, decodeCallback, encodeCallback } from '../../src/app/callback-data.js';

describe('callback data', () => {
  it('round-trips an action and its arguments, versioned', () => {
    const data = encodeCallback('be', 'laser-equipment', 1);
    expect(data).toBe('1:be:laser-equipment:1');
    expect(decodeCallback(data)).toEqual({ action: 'be', args: ['laser-equipment', '1'] });
  });

  it('refuses data Telegram would refuse: over 64 bytes, counted in UTF-8', () => {
    expect(() => encodeCallback('a', 'x'.repeat(61))).toThrow(CallbackDataError);
    expect(encodeCallback('a', 'x'.repeat(60))).toHaveLength(64);
    // 20 Chinese characters are 60 bytes: with "1:a:" that is 64 bytes but only 24 characters.
    expect(() => encodeCallback('ab', '激'.repeat(20))).toThrow(/over 64/);
  });

  it('refuses parts that would break the format', () => {
    expect(() => encodeCallback('a', 'x:y')).toThrow(CallbackDataError);
    expect(() => encodeCallback('', 'x')).toThrow(CallbackDataError);
    expect(() => encodeCallback('a', '')).toThrow(CallbackDataError);
  });

  it('gives null for another version, garbage and nothing, so that old buttons read as out of date', () => {
    expect(decodeCallback('0:be:laser-equipment')).toBeNull();
    expect(decodeCallback('2:be:laser-equipment')).toBeNull();
    expect(decodeCallback('laser')).toBeNull();
    expect(decodeCallback('1:')).toBeNull();
    expect(decodeCallback('')).toBeNull();
    expect(decodeCallback(undefined)).toBeNull();
  });
});
