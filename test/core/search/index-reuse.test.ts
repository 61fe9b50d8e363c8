import { describe, expect, it } from 'vitest';
import { diffKnowledgeBases } from '../../../src/core/knowledge-base/diff.js';
import type { Entry } from '../../../src/core/knowledge-base/schema.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/core/search/search-index.js';
import { loadSmallKb } from './small-kb.js';

/** Everything a search reads from the postings, in the order the map gives it. */
function postingsOf(index: SearchIndex): [string, number[], number[]][] {
  return [...index.inverted.postings].map(([key, p]) => [key, [...p.docs], [...p.weights]]);
}

/** The entries as a reload reads them again: equal content, new objects. */
const reparsed = (entries: readonly Entry[]): Entry[] => structuredClone([...entries]);

function edited(entries: readonly Entry[]): Entry[] {
  const next = reparsed(entries);
  next[1]!.search.de.keywords.push('Laserschneiden');
  next[2]!.title.zh = `${next[2]!.title.zh}新`;
  next[3]!.answer.en = 'Only the answer changed.';
  const moved = next.splice(5, 1)[0]!;
  next.unshift(moved);
  next.push({ ...structuredClone(next[4]!), id: 'copy', title: { ...next[4]!.title, en: 'Copy of it' } });
  next.splice(6, 1);
  return next;
}

describe('buildSearchIndex from the previous index', () => {
  const entries = loadSmallKb().entries;
  const first = buildSearchIndex(entries);

  it('gives the same postings, in the same key order, as a build from scratch', () => {
    const next = edited(entries);
    const fresh = buildSearchIndex(next);
    const diff = diffKnowledgeBases({ version: 'a', entries }, { version: 'b', entries: next });
    for (const rebuilt of [
      buildSearchIndex(next, first),
      buildSearchIndex(next, first, new Set(diff.changed)),
      buildSearchIndex(next, buildSearchIndex(reparsed(entries), first)),
    ]) {
      expect(postingsOf(rebuilt)).toEqual(postingsOf(fresh));
      expect(rebuilt.inverted.size).toBe(fresh.inverted.size);
      expect(rebuilt.vocabulary.typoMatches('laserschneidn')).toEqual(
        fresh.vocabulary.typoMatches('laserschneidn'),
      );
    }
  });

  it('finds a word an edit added, as a build from scratch does', () => {
    const next = reparsed(entries);
    next[1]!.search.en.keywords = ['zebra'];
    const rebuilt = buildSearchIndex(next, first, new Set(['laser-equipment']));
    expect(first.inverted.postings.has('zebra')).toBe(false);
    expect([...rebuilt.inverted.postings.get('zebra')!.docs]).toEqual([1]);
    expect(postingsOf(rebuilt)).toEqual(postingsOf(buildSearchIndex(next)));
  });

  it('takes the previous index over when no entry changed its material or place', () => {
    const next = reparsed(entries);
    next[0]!.answer.fr = 'Seule la réponse a changé.';
    const rebuilt = buildSearchIndex(next, first);
    expect(rebuilt.inverted).toBe(first.inverted);
    expect(rebuilt.entries).toBe(next);
    expect(rebuilt.strings(0, ['1+30+n'])).toEqual(buildSearchIndex(next).strings(0, ['1+30+n']));
  });
});
