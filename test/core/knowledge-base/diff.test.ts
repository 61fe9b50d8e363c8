import { describe, expect, it } from 'vitest';
import { countEntriesPerLanguage, diffKnowledgeBases } from '../../../src/core/knowledge-base/diff.js';
import type { Entry } from '../../../src/core/knowledge-base/schema.js';
import { validKb } from './fixtures.js';

describe('diffKnowledgeBases', () => {
  it('finds nothing between equal knowledge bases', () => {
    expect(diffKnowledgeBases(validKb(), validKb())).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists added, removed and changed ids', () => {
    const before = validKb();
    const after = validKb();
    const [laser, system, funding] = after.entries as [Entry, Entry, Entry];
    system.answer.de = 'Ein neuer Text.';
    after.entries = [laser, system, { ...funding, id: 'membership' }, { ...funding, id: 'batches' }];
    expect(diffKnowledgeBases(before, after)).toEqual({
      added: ['membership', 'batches'],
      removed: ['funding'],
      changed: ['community-system'],
    });
  });

  it('tells a "__proto__" key (JSON makes it an own key) from another key of the same value', () => {
    const before = validKb();
    const after = validKb();
    const withKey = (entry: Entry, key: string) =>
      JSON.parse(JSON.stringify(entry).replace(/^\{/, `{"${key}":{},`)) as Entry;
    before.entries[0] = withKey(before.entries[0]!, '__proto__');
    after.entries[0] = withKey(after.entries[0]!, 'note');
    expect(diffKnowledgeBases(before, after).changed).toEqual([after.entries[0]!.id]);
  });

  it('ignores the order of object keys but not the order of list items', () => {
    const before = validKb();
    const reordered = validKb();
    const laser = reordered.entries[0]!;
    reordered.entries[0] = Object.fromEntries(Object.entries(laser).reverse()) as unknown as Entry;
    reordered.entries[0].title = {
      fr: laser.title.fr,
      de: laser.title.de,
      zh: laser.title.zh,
      en: laser.title.en,
    };
    expect(diffKnowledgeBases(before, reordered).changed).toEqual([]);

    const resorted = validKb();
    resorted.entries[1]!.related.reverse();
    expect(diffKnowledgeBases(before, resorted).changed).toEqual(['community-system']);
  });

  it('treats an absent field and one set to undefined alike, but not a field that lost its value', () => {
    const after = validKb();
    (after.entries[1]!.sources[0] as { title?: string }).title = undefined;
    after.entries[2]!.facts = undefined;
    expect(diffKnowledgeBases(validKb(), after).changed).toEqual([]);
    after.entries[0]!.sources[0]!.title = undefined;
    expect(diffKnowledgeBases(validKb(), after).changed).toEqual(['laser-equipment']);
    expect(diffKnowledgeBases(after, validKb()).changed).toEqual(['laser-equipment']);
  });

  it('sees a change deep in facts and sources', () => {
    const after = validKb();
    after.entries[0]!.facts!.memberCount!.count = 43;
    after.entries[2]!.sources[0]!.date = '2020-03';
    expect(diffKnowledgeBases(validKb(), after).changed).toEqual(['laser-equipment', 'funding']);
  });
});

describe('countEntriesPerLanguage', () => {
  it('counts entries with a non-empty answer in each language', () => {
    const kb = validKb();
    kb.entries[0]!.answer.zh = '  ';
    kb.entries[1]!.answer.zh = '';
    kb.entries[2]!.answer.fr = '';
    expect(countEntriesPerLanguage(kb)).toEqual({ en: 3, zh: 1, de: 3, fr: 2 });
  });
});
