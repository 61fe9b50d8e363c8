import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/knowledge-base/build-snapshot.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base/schema.js';
import { loadSmallKb } from './small-kb.js';

const questions = [
  'laser',
  'polimer comunity',
  '激光装备共同体在哪里',
  'Wie spät ist es?',
  'materials community',
];

describe('buildSnapshot', () => {
  const kb = loadSmallKb();
  const snapshot = buildSnapshot(kb, { defaultLanguage: 'en' });

  it('looks entries up by id and lists them by kind in file order', () => {
    expect(snapshot.version).toBe('fixture-1');
    expect(snapshot.byId('sditr')?.kind).toBe('organisation');
    expect(snapshot.byId('nope')).toBeUndefined();
    expect(snapshot.list('community').map((e) => e.id)).toEqual([
      'laser-equipment',
      'polymer-materials',
      'inorganic-materials',
    ]);
    expect(snapshot.list()).toHaveLength(kb.entries.length);
    expect(snapshot.list('programme')).toEqual([]);
  });

  it('answers the same when rebuilt from the previous snapshot (reload), and sees edited entries', () => {
    const edited: KnowledgeBase = {
      version: 'fixture-2',
      entries: kb.entries.map((entry) =>
        entry.id === 'funding'
          ? { ...entry, search: { ...entry.search, en: { ...entry.search.en, keywords: ['stipend'] } } }
          : entry,
      ),
    };
    const reloaded = buildSnapshot(edited, { defaultLanguage: 'en', previous: snapshot });
    const fresh = buildSnapshot(edited, { defaultLanguage: 'en' });
    for (const question of [...questions, 'stipend']) {
      expect(reloaded.answer(question, {})).toEqual(fresh.answer(question, {}));
    }
    expect(reloaded.answer('stipend', {}).entry?.id).toBe('funding');
    expect(snapshot.answer('stipend', {}).entry).toBeNull();
  });

  it('builds an empty knowledge base that knows nothing', () => {
    const empty = buildSnapshot({ version: 'empty', entries: [] }, { defaultLanguage: 'fr' });
    expect(empty.answer('laser', {})).toMatchObject({ outcome: 'unknown', lang: 'fr', suggestions: [] });
  });
});
