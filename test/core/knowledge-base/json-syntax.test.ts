import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxFault, lineAndColumn } from '../../../src/core/knowledge-base/json-syntax.js';
import { fixturePath } from './fixtures.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxFault', () => {
  it('agrees with JSON.parse on every one-character deletion and insertion of a real file', () => {
    // The locator only explains JSON.parse's refusals; it must never call valid JSON broken or miss a break.
    const text = readFileSync(fixturePath('valid.json'), 'utf8');
    const disagreements: string[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const variant of [
        text.slice(0, i) + text.slice(i + 1),
        ...[',', '"', '}', '\\', '\n'].map((c) => text.slice(0, i) + c + text.slice(i)),
      ]) {
        if (parses(variant) !== (findJsonSyntaxFault(variant) === null))
          disagreements.push(JSON.stringify(variant.slice(Math.max(0, i - 20), i + 20)));
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each(['0', '-1.5e+3', '"\\u00e9\\n"', 'true', 'null', '[]', '{}', ' [ {"a" : [false]} ] '])(
    'accepts %s',
    (text) => {
      expect(findJsonSyntaxFault(text)).toBeNull();
    },
  );

  it.each(['01', '1.', '.5', '"\\x"', '"\\u12"', 'nul', '[1 2]', "{'a': 1}"])('refuses %s', (text) => {
    expect(findJsonSyntaxFault(text)).not.toBeNull();
  });
});

describe('lineAndColumn', () => {
  it('counts lines from 1 and columns from 1, with \\r\\n as one line break', () => {
    expect(lineAndColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
