import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CallbackDataError,
  decodeCallback,
  encodeCallback,
  MAX_CALLBACK_BYTES,
} from '../../src/app/callback-data.js';
import { button } from '../../src/app/render/keyboard.js';
import { HOSTILE_WORDS, userText } from '../support/arbitraries.js';

/** One part of callback data: what the features put there (ids, numbers, languages) and arbitrary text. */
const part = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,40}$/),
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.constantFrom(...HOSTILE_WORDS),
  userText(30),
);

describe('callback data, for any parts and any data', () => {
  it('encodes to at most 64 UTF-8 bytes that decode to the same parts, or refuses with CallbackDataError', () => {
    fc.assert(
      fc.property(part, fc.array(part, { maxLength: 4 }), (action, args) => {
        let data: string;
        try {
          data = encodeCallback(action, ...args);
        } catch (error) {
          expect(error).toBeInstanceOf(CallbackDataError);
          return;
        }
        expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
        expect(decodeCallback(data)).toEqual({ action, args });
      }),
      { numRuns: 2000 },
    );
  });

  it('a button keeps its label short and its data within 64 bytes, whatever the label', () => {
    fc.assert(
      fc.property(userText(300), fc.stringMatching(/^[a-z0-9-]{1,40}$/), (label, id) => {
        const made = button(label, 'be', id, 3);
        expect([...made.text].length).toBeLessThanOrEqual(48);
        expect(Buffer.byteLength(made.data, 'utf8')).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      }),
      { numRuns: 1000 },
    );
  });

  it('decoding any string never throws; anything not made by encodeCallback gives null', () => {
    fc.assert(
      fc.property(fc.oneof(userText(80), fc.string({ unit: 'binary', maxLength: 80 })), (data) => {
        const decoded = decodeCallback(data);
        if (!data.startsWith('1:')) expect(decoded).toBeNull();
        if (decoded) {
          expect(decoded.action.length).toBeGreaterThan(0);
          expect([decoded.action, ...decoded.args].some((p) => p.includes(':'))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
