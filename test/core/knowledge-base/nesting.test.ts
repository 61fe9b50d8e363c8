import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxFault } from '../../../src/core/knowledge-base/json-syntax.js';
import { MAX_JSON_DEPTH } from '../../../src/core/knowledge-base/json-nesting.js';
import {
  formatKbError,
  MAX_KNOWLEDGE_BASE_CHARS,
  parseKnowledgeBase,
} from '../../../src/core/knowledge-base/load.js';
import { fixturePath } from './fixtures.js';

function parseErrors(text: string): string[] {
  const result = parseKnowledgeBase(text);
  return result.ok ? [] : result.errors.map(formatKbError);
}

const DEEPER = `more than ${MAX_JSON_DEPTH} levels of [ and {`;

describe('knowledge bases nested too deeply', () => {
  it('refuses invalid JSON nested 100,000 levels deep, naming where, without running out of stack', () => {
    expect(parseErrors('['.repeat(100_000))).toEqual([
      `json: nested too deeply at line 1, column 65 (${DEEPER})`,
    ]);
    expect(findJsonSyntaxFault('{"a":'.repeat(100_000))).toMatchObject({ line: 1, column: 321 });
  });

  it('counts a closing bracket only when it closes the innermost level, as the parser does', () => {
    // Mismatched closers do not close a level for the parser; counted, they would hide 100,000 levels from it.
    for (const text of ['[},'.repeat(100_000), '[' + '}['.repeat(100_000), '{"a":]'.repeat(100_000)])
      expect(parseErrors(text)).toEqual([
        expect.stringMatching(/^json: invalid JSON at line 1, column \d+: /),
      ]);
  });

  it('refuses valid JSON nested too deeply, on whatever line it goes too deep', () => {
    const deep = `{\n"version": "x",\n "entries": [${'['.repeat(200)}${']'.repeat(200)}]}`;
    expect(parseErrors(deep)).toEqual([`json: nested too deeply at line 3, column 76 (${DEEPER})`]);
  });

  it('refuses a valid file with a field nested 100,000 levels deep, where validation would look into it', async () => {
    const kb = JSON.parse(await readFile(fixturePath('valid.json'), 'utf8')) as {
      entries: { facts?: object }[];
    };
    kb.entries[0]!.facts = { batch: 'DEEP' };
    const text = JSON.stringify(kb).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000));
    const [error] = parseErrors(text);
    expect(error).toMatch(
      /^json: nested too deeply at line 1, column \d+ \(more than 64 levels of \[ and \{\)$/,
    );
  });

  it('takes 64 levels, and brackets inside strings do not count', () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseErrors(ok)).toEqual([
      'document: must be a JSON object with version and entries, got an array',
    ]);
    expect(findJsonSyntaxFault(`["${'['.repeat(500)}\\"${'{'.repeat(500)}"]`)).toBeNull();
  });

  it('still validates the shipped kind of file as before', async () => {
    expect(parseKnowledgeBase(await readFile(fixturePath('valid.json'), 'utf8')).ok).toBe(true);
  });

  it('refuses a text over the size limit in one line, before parsing it', () => {
    const huge = ' '.repeat(MAX_KNOWLEDGE_BASE_CHARS + 1);
    expect(parseErrors(huge)).toEqual(['file: the knowledge base is over 64 MB, the most it may be']);
  });
});
