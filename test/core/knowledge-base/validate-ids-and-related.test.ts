import { describe, expect, it } from 'vitest';
import { errorLines } from './fixtures.js';

describe('validateKnowledgeBase', () => {
  describe('ids', () => {
    it('names an entry without an id by its position', () => {
      expect(errorLines((kb) => delete kb.entries[2].id)).toEqual([
        'entry community-system: related[1]: refers to an unknown entry "funding"',
        'entry entries[2]: id: is missing',
      ]);
    });

    it('requires kebab-case', () => {
      expect(errorLines((kb) => (kb.entries[2].id = 'Funding_FAQ'))).toEqual([
        'entry community-system: related[1]: refers to an unknown entry "funding"',
        'entry Funding_FAQ: id: must be kebab-case (lowercase letters and digits joined by single hyphens)',
      ]);
      expect(errorLines((kb) => (kb.entries[2].id = 'a--b'))).toContain(
        'entry a--b: id: must be kebab-case (lowercase letters and digits joined by single hyphens)',
      );
    });

    it('refuses ids too long for button data', () => {
      const id = 'a'.repeat(41);
      expect(errorLines((kb) => (kb.entries[2].id = id))).toContain(
        `entry ${id}: id: is 41 characters long, at most 40 (ids travel in button data)`,
      );
    });

    it('reports a duplicate id on the later entry', () => {
      expect(errorLines((kb) => (kb.entries[2].id = 'laser-equipment'))).toEqual([
        'entry community-system: related[1]: refers to an unknown entry "funding"',
        'entry laser-equipment (#3): id: is already used by entry #1',
      ]);
    });

    it("names each entry of a shared id by its position too, so that two entries' problems stay apart", () => {
      expect(
        errorLines((kb) => {
          kb.entries[2] = structuredClone(kb.entries[0]);
          delete kb.entries[0].answer.fr;
          delete kb.entries[2].answer.fr;
        }),
      ).toEqual([
        'entry laser-equipment (#1): answer.fr: is missing',
        'entry community-system: related[1]: refers to an unknown entry "funding"',
        'entry laser-equipment (#3): id: is already used by entry #1',
        'entry laser-equipment (#3): answer.fr: is missing',
      ]);
    });
  });

  describe('related', () => {
    it('reports dangling ids, self-references and repeats by position', () => {
      expect(
        errorLines(
          (kb) =>
            (kb.entries[1].related = ['laser-equipment', 'nowhere', 'community-system', 'laser-equipment']),
        ),
      ).toEqual([
        'entry community-system: related[1]: refers to an unknown entry "nowhere"',
        'entry community-system: related[2]: refers to the entry itself',
        'entry community-system: related[3]: repeats "laser-equipment" (already at related[0])',
      ]);
    });

    it('requires an array', () => {
      expect(errorLines((kb) => delete kb.entries[2].related)).toEqual([
        'entry funding: related: is missing',
      ]);
    });
  });
});
