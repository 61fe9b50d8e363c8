import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/core/language/detect-language.js';
import { buildLanguageLexicon } from '../../../src/core/language/lexicon.js';
import { loadSmallKb } from '../search/small-kb.js';

describe('detectLanguage', () => {
  it.each([
    ['What is the 1+30+N system?', 'en'],
    ['How can my company join a community?', 'en'],
    ["What's the weather in Jinan tomorrow?", 'en'],
    ['什么是1+30+N体系？', 'zh'],
    ['激光装备共同体在哪里', 'zh'],
    ['Haier 工业互联网', 'zh'],
    ['Was ist die Gemeinschaft für Lasergeräte?', 'de'],
    ['Wie spät ist es?', 'de'],
    ["Qu'est-ce que le système 1+30+N ?", 'fr'],
    ['communauté des matériaux fonctionnels inorganiques', 'fr'],
    ['Quel temps fera-t-il demain ?', 'fr'],
    ['what does 政产学研金服用 stand for', 'en'],
  ])('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('returns null when the words are the same in every language', () => {
    for (const text of ['laser', 'funding', 'micro nano sensing', '1+30+N', '', '   ', '???']) {
      expect(detectLanguage(text)).toBeNull();
    }
  });

  it('looks only at the start of a huge message', () => {
    expect(detectLanguage('Wie viel Förderung gibt es? '.repeat(500))).toBe('de');
  });
});

describe('detectLanguage with the knowledge base lexicon', () => {
  const lexicon = buildLanguageLexicon(loadSmallKb().entries);

  it('tells short phrases without function words by their knowledge-base words and spelling', () => {
    expect(detectLanguage('Gemeinschaft Lasergeräte', lexicon)).toBe('de');
    expect(detectLanguage('financement communauté', lexicon)).toBe('fr');
  });

  it('still leaves a single shared or plain word undecided', () => {
    for (const word of ['laser', 'funding', 'polymer', 'Jinan'])
      expect(detectLanguage(word, lexicon)).toBeNull();
  });

  it('lets function words outweigh quoted foreign names', () => {
    expect(detectLanguage('Was ist das Shandong Industrial Technology Research Institute?', lexicon)).toBe(
      'de',
    );
  });
});
