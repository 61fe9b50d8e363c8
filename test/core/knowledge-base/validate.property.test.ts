import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeBase } from '../../../src/core/knowledge-base/load.js';
import { validateKnowledgeBase } from '../../../src/core/knowledge-base/validate.js';
import { HOSTILE_WORDS, userText } from '../../support/arbitraries.js';
import { validKb } from './fixtures.js';

const VALID = validKb();
const VALID_TEXT = JSON.stringify(VALID, null, 2);

/** Any JSON value, hostile keys included (JSON.parse makes "__proto__" an own key, so it is built that way). */
const json = fc.jsonValue({ maxDepth: 4 });
const hostileObject = fc
  .tuple(fc.constantFrom(...HOSTILE_WORDS), json)
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as unknown);

/**
 * A copy of the valid knowledge base with `value` put in place of one field: `steps` pick a key at each level
 * (by position), going down while there is an object or array to go into.
 */
function mutate(steps: number[], value: unknown): unknown {
  const kb = structuredClone(VALID) as unknown as Record<string, unknown>;
  let node: Record<string, unknown> = kb;
  for (let i = 0; i < steps.length; i++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[steps[i]! % keys.length]!;
    const child = node[key];
    if (i === steps.length - 1 || typeof child !== 'object' || child === null) {
      node[key] = value;
      break;
    }
    node = child as Record<string, unknown>;
  }
  return kb;
}

function expectErrorsOrKb(result: ReturnType<typeof validateKnowledgeBase>): void {
  if (result.ok) return void expect(Array.isArray(result.kb.entries)).toBe(true);
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(typeof e.field).toBe('string');
    expect(typeof e.message).toBe('string');
  }
}

describe('knowledge-base validation, for any input', () => {
  it('validateKnowledgeBase never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(json, hostileObject), (value) => expectErrorsOrKb(validateKnowledgeBase(value))),
      { numRuns: 1000 },
    );
  });

  it('a valid base with any field replaced by any value is validated without throwing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(json, hostileObject),
        (steps, v) => expectErrorsOrKb(validateKnowledgeBase(mutate(steps, v))),
      ),
      { numRuns: 500 },
    );
  });

  it('parseKnowledgeBase never throws on any text, including a valid file cut or spliced anywhere', () => {
    const spliced = fc
      .tuple(fc.nat(VALID_TEXT.length), fc.nat(40), userText(20))
      .map(([at, cut, insert]) => VALID_TEXT.slice(0, at) + insert + VALID_TEXT.slice(at + cut));
    const deep = fc
      .tuple(fc.nat(3000), fc.constantFrom('[', '{"a":', '[{"x":'))
      .map(([n, open]) => open.repeat(n));
    fc.assert(
      fc.property(fc.oneof(userText(200), spliced, deep), (text) => {
        const result = parseKnowledgeBase(text);
        expectErrorsOrKb(result);
        if (!result.ok && result.errors[0]!.field === 'json')
          expect(result.errors[0]!.message).toMatch(/at line \d+, column \d+|^invalid JSON: /);
      }),
      { numRuns: 500 },
    );
  });
});
