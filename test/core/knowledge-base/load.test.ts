import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatKbError,
  loadKnowledgeBaseFile,
  parseKnowledgeBase,
} from '../../../src/core/knowledge-base/load.js';
import { fixturePath } from './fixtures.js';

function parseErrors(text: string): string[] {
  const result = parseKnowledgeBase(text);
  return result.ok ? [] : result.errors.map(formatKbError);
}

describe('parseKnowledgeBase', () => {
  it('parses and validates a valid file', async () => {
    const result = parseKnowledgeBase(await readFile(fixturePath('valid.json'), 'utf8'));
    expect(result.ok && result.kb.entries.length).toBe(3);
  });

  it('accepts a file that starts with a byte-order mark', async () => {
    const result = parseKnowledgeBase('\uFEFF' + (await readFile(fixturePath('valid.json'), 'utf8')));
    expect(result.ok).toBe(true);
  });

  it('gives one error with the line and column of a JSON syntax error', async () => {
    const result = parseKnowledgeBase(await readFile(fixturePath('invalid-json.txt'), 'utf8'));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          entryId: null,
          field: 'json',
          message: "invalid JSON at line 4, column 16: trailing comma before '}'",
        },
      ],
    });
  });

  it.each([
    ['{"version": "1",\n  "entries": [}', "json: invalid JSON at line 2, column 15: unexpected '}'"],
    [
      '{\n  "version": "1"\n  "entries": []\n}',
      "json: invalid JSON at line 3, column 3: expected ',' or '}' after a property value, found '\"'",
    ],
    [
      '{\r\n  "version": 1,\r\n  entries: []\r\n}',
      `json: invalid JSON at line 3, column 3: expected a property name in double quotes, found 'e'`,
    ],
    ['{"version": "1', 'json: invalid JSON at line 1, column 13: string is not closed'],
    [
      '{"a": "x\ny"}',
      'json: invalid JSON at line 1, column 9: character U+000A (such as a line break) inside a string; write \\n',
    ],
    ['{"a": [1, 2,]}', "json: invalid JSON at line 1, column 12: trailing comma before ']'"],
    [
      '{"a": 1}\n{"b": 2}',
      "json: invalid JSON at line 2, column 1: unexpected '{' after the end of the JSON document",
    ],
    ['{"a": ', 'json: invalid JSON at line 1, column 7: unexpected end of file'],
    ['  \n', 'json: invalid JSON at line 1, column 1: the file is empty'],
    [
      '{"version": "1" // note\n}',
      'json: invalid JSON at line 1, column 17: comments are not allowed in JSON',
    ],
    ['{"a" 1}', "json: invalid JSON at line 1, column 6: expected ':' after the property name, found '1'"],
    ['[1 2]', "json: invalid JSON at line 1, column 4: expected ',' or ']' after an array item, found '2'"],
  ])('locates the syntax error in %j', (text, expected) => {
    expect(parseErrors(text)).toEqual([expected]);
  });

  it('validates the parsed document', () => {
    expect(parseErrors('{"version": "1", "entries": []}')).toEqual(['entries: must hold at least one entry']);
  });
});

describe('loadKnowledgeBaseFile', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('loads a valid file', async () => {
    const result = await loadKnowledgeBaseFile(fixturePath('valid.json'));
    expect(result.ok && result.kb.version).toBe('2024-06-01.1');
  });

  it('reports a missing file as one error instead of throwing', async () => {
    const path = join(tmpdir(), 'no-such-dir-kb', 'missing.json');
    expect(await loadKnowledgeBaseFile(path)).toEqual({
      ok: false,
      errors: [{ entryId: null, field: 'file', message: `${path} does not exist` }],
    });
  });

  it('reports a directory as one error', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-load-'));
    const result = await loadKnowledgeBaseFile(dir);
    expect(result.ok ? [] : result.errors.map(formatKbError)).toEqual([
      `file: ${dir} is a directory, not a file`,
    ]);
  });

  it('reports the errors of an invalid file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-load-'));
    const path = join(dir, 'kb.json');
    await writeFile(path, '{"version": "1"}');
    const result = await loadKnowledgeBaseFile(path);
    expect(result.ok ? [] : result.errors.map(formatKbError)).toEqual(['entries: is missing']);
  });
});

describe('formatKbError', () => {
  it('prefixes entry errors with the entry and leaves document errors bare', () => {
    expect(formatKbError({ entryId: 'laser-equipment', field: 'answer.fr', message: 'is missing' })).toBe(
      'entry laser-equipment: answer.fr: is missing',
    );
    expect(formatKbError({ entryId: null, field: 'version', message: 'is empty' })).toBe('version: is empty');
  });
});
