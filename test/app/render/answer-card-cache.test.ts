import { describe, expect, it } from 'vitest';
import type { KnowledgeSnapshot } from '../../../src/core/knowledge-base/snapshot.js';
import { createAnswerCardCache } from '../../../src/app/render/answer-card-cache.js';

// Only identity matters to the cache: a reload puts a different snapshot object in service.
const snapshot = (version: string) => ({ version }) as unknown as KnowledgeSnapshot;

describe('answer card cache', () => {
  it('renders a card once per entry and language, and again after a reload', () => {
    const cache = createAnswerCardCache();
    let renders = 0;
    const render = (html: string) => () => ({ html: `${html}#${++renders}` });
    const v1 = snapshot('v1');
    expect(cache.get(v1, 'funding', 'en', render('old')).html).toBe('old#1');
    expect(cache.get(v1, 'funding', 'en', render('old')).html).toBe('old#1');
    expect(cache.get(v1, 'funding', 'de', render('alt')).html).toBe('alt#2');
    // The reloaded knowledge base says something else: its card, never the old one, is shown.
    const v2 = snapshot('v2');
    expect(cache.get(v2, 'funding', 'en', render('new')).html).toBe('new#3');
    // An update still in flight on the old version gets the old card, and the new one stays cached.
    expect(cache.get(v1, 'funding', 'en', render('old')).html).toBe('old#1');
    expect(cache.get(v2, 'funding', 'en', render('new')).html).toBe('new#3');
  });

  it('keeps at most its capacity, dropping the least recently used card', () => {
    const cache = createAnswerCardCache(2);
    const v1 = snapshot('v1');
    let renders = 0;
    const render = () => ({ html: String(++renders) });
    cache.get(v1, 'a', 'en', render);
    cache.get(v1, 'b', 'en', render);
    cache.get(v1, 'a', 'en', render); // a is now the most recent
    cache.get(v1, 'c', 'en', render); // evicts b
    expect(cache.get(v1, 'a', 'en', render).html).toBe('1');
    expect(cache.get(v1, 'b', 'en', render).html).toBe('4');
  });
});
