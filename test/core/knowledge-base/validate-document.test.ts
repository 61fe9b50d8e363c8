/* eslint-disable @typescript-eslint/no-explicit-any -- the tests break raw JSON into shapes no type allows */
import { describe, expect, it } from 'vitest';
import { validateKnowledgeBase } from '../../../src/core/knowledge-base/validate.js';
import { errorLines, validKb } from './fixtures.js';

describe('validateKnowledgeBase', () => {
  it('accepts a valid knowledge base and returns it typed', () => {
    const result = validateKnowledgeBase(validKb());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.kb.version).toBe('2024-06-01.1');
      expect(result.kb.entries.map((entry) => entry.id)).toEqual([
        'laser-equipment',
        'community-system',
        'funding',
      ]);
    }
  });

  it('names the entry id and the field of each error', () => {
    const result = validateKnowledgeBase(
      (() => {
        const kb = validKb() as any;
        delete kb.entries[0].answer.fr;
        return kb;
      })(),
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ entryId: 'laser-equipment', field: 'answer.fr', message: 'is missing', entryIndex: 0 }],
    });
  });

  describe('document', () => {
    it('refuses something that is not an object', () => {
      expect(validateKnowledgeBase([])).toEqual({
        ok: false,
        errors: [
          {
            entryId: null,
            field: 'document',
            message: 'must be a JSON object with version and entries, got an array',
          },
        ],
      });
    });

    it('requires a non-empty string version', () => {
      expect(errorLines((kb) => delete kb.version)).toEqual(['version: is missing']);
      expect(errorLines((kb) => (kb.version = '  '))).toEqual(['version: is empty']);
      expect(errorLines((kb) => (kb.version = 3))).toEqual(['version: must be a string, got a number']);
    });

    it('requires a non-empty entries array', () => {
      expect(errorLines((kb) => delete kb.entries)).toEqual(['entries: is missing']);
      expect(errorLines((kb) => (kb.entries = {}))).toEqual([
        'entries: must be an array of entries, got an object',
      ]);
      expect(errorLines((kb) => (kb.entries = []))).toEqual(['entries: must hold at least one entry']);
      expect(errorLines((kb) => (kb.entries[2] = 'funding'))).toEqual([
        'entry community-system: related[1]: refers to an unknown entry "funding"',
        'entries[2]: must be an object, got a string',
      ]);
    });

    it('reports unknown top-level fields', () => {
      expect(errorLines((kb) => (kb.entry = []))).toEqual([
        'entry: is not a known field (expected: $schema, version, entries)',
      ]);
    });

    it('accepts the $schema that names the JSON Schema for editors, as a string', () => {
      expect(errorLines((kb) => (kb.$schema = './knowledge-base.schema.json'))).toEqual([]);
      expect(errorLines((kb) => (kb.$schema = 1))).toEqual(['$schema: must be a string, got a number']);
    });
  });

  it('collects every error, in document order', () => {
    expect(
      errorLines((kb) => {
        kb.version = '';
        kb.entries[2].answer.en = '';
        kb.entries[0].sources[0].url = 'mailto:a@b.c';
        kb.entries[0].title.fr = '';
        kb.entries[1].related.push('ghost');
      }),
    ).toEqual([
      'version: is empty',
      'entry laser-equipment: title.fr: is empty',
      'entry laser-equipment: sources[0].url: must be an http:// or https:// address, got "mailto:a@b.c"',
      'entry community-system: related[2]: refers to an unknown entry "ghost"',
      'entry funding: answer.en: is empty',
    ]);
  });
});
