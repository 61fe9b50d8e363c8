import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/knowledge-base/build-snapshot.js';
import { loadSmallKb } from './small-kb.js';

const snapshot = buildSnapshot(loadSmallKb(), { defaultLanguage: 'en' });
const ask = (text: string, clientLanguageCode: string | null = null) =>
  snapshot.answer(text, { clientLanguageCode });

describe('answering on a small knowledge base', () => {
  it.each([
    ['laser', 'laser-equipment', 'en'],
    ['Who leads the polymer community?', 'polymer-materials', 'en'],
    ['polimer comunity', 'polymer-materials', 'en'],
    ['激光装备共同体在哪里', 'laser-equipment', 'zh'],
    ['山东产研院是什么', 'sditr', 'zh'],
    ['第二批共同体有多少个', 'batches', 'zh'],
    ['什么是1+30+N体系？', 'community-system', 'zh'],
    ['Was ist die Gemeinschaft für Lasergeräte?', 'laser-equipment', 'de'],
    ['Wie viel Förderung bekommt eine Gemeinschaft?', 'funding', 'de'],
    ['communauté des matériaux fonctionnels inorganiques', 'inorganic-materials', 'fr'],
    ["Qu'est-ce que le système 1+30+N ?", 'community-system', 'fr'],
    ['how many communities are there now', 'batches', 'en'],
  ])('%s -> %s in %s', (question, id, lang) => {
    const result = ask(question);
    // A likely answer is an answer too (framed as "this looks like what you are asking about").
    expect(['answered', 'likely']).toContain(result.outcome);
    expect(result.entry?.id).toBe(id);
    expect(result.lang).toBe(lang);
    expect(result.confidence).toBeGreaterThan(0.6);
  });

  it.each([
    "What's the weather in Jinan tomorrow?",
    '今天股票涨了吗',
    'Wie spät ist es?',
    'Quel temps fera-t-il demain ?',
    'tell me a joke',
  ])('does not answer the out-of-scope question %s confidently', (question) => {
    const result = ask(question);
    expect(result.outcome).not.toBe('answered');
    expect(result.entry).toBeNull();
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('says it does not know when nothing fits at all', () => {
    const result = ask('今天股票涨了吗');
    expect(result).toMatchObject({ outcome: 'unknown', entry: null, suggestions: [] });
  });

  it('offers both entries, with a lowered confidence, when two fit equally well', () => {
    const result = ask('materials community');
    expect(result.outcome).toBe('suggested');
    expect(result.suggestions.map((e) => e.id).sort()).toEqual(['inorganic-materials', 'polymer-materials']);
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('matches an English word typed by a German user, and replies in German', () => {
    const result = ask('polymer', 'de-AT');
    expect(result.entry?.id).toBe('polymer-materials');
    expect(result.lang).toBe('de');
  });

  it('answers empty and blank messages with unknown, in the client language', () => {
    for (const text of ['', '   ', '?!']) {
      expect(ask(text, 'zh-hans')).toMatchObject({
        outcome: 'unknown',
        lang: 'zh',
        confidence: 0,
        entry: null,
      });
    }
  });

  it('answers a 5,000-character message from its beginning (its speed is measured in bench/search.ts)', () => {
    const huge = 'Where is the laser community? '.repeat(170);
    expect(huge.length).toBeGreaterThan(5000);
    expect(ask(huge).entry?.id).toBe('laser-equipment');
  });

  it('copes with 10,000 characters of one Chinese character', () => {
    const result = ask('激'.repeat(10_000));
    expect(['unknown', 'suggested']).toContain(result.outcome);
  });

  it('reports the knowledge-base version that answered', () => {
    expect(ask('laser').kbVersion).toBe('fixture-1');
  });
});
