import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/knowledge-base/build-snapshot.js';
import type { Entry } from '../../../src/core/knowledge-base/schema.js';
import { chooseReplyLanguage } from '../../../src/core/language/choose-language.js';
import { commonWordLanguage } from '../../../src/core/language/common-words.js';
import { detectLanguage } from '../../../src/core/language/detect-language.js';
import { materialLanguage } from '../../../src/core/language/material-language.js';
import { loadSmallKb } from '../search/small-kb.js';

const material = (aliases: string[], keywords: string[] = []) => ({ aliases, keywords, questions: [] });
const bearings = {
  id: 'bearings',
  title: {
    en: 'Bearing community',
    zh: '轴承',
    de: 'Wälzlager-Gemeinschaft',
    fr: 'Communauté des roulements',
  },
  search: {
    en: material(['ball bearings', 'composites']),
    zh: material(['轴承']),
    de: material(['Kugellager', 'Industrie-Internet']),
    fr: material(['roulements à billes', 'composites', 'internet industriel', 'industrie 4.0']),
  },
} as unknown as Entry;

describe('detectLanguage, keyword messages', () => {
  it.each([
    ['Wetter in Qingdao morgen', 'de'],
    ['bestes Restaurant in Jinan', 'de'],
    ['meteo a yantai demain', 'fr'],
    ['meilleur restaurant a Qingdao', 'fr'],
    ['best restaurant in qingdao', 'en'],
  ])('tells %s by its everyday words -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('counts no everyday word that two languages share', () => {
    expect(commonWordLanguage('restaurant')).toBeNull();
    expect(commonWordLanguage('hotel')).toBeNull();
    expect(commonWordLanguage('wetter')).toBe('de');
    expect(detectLanguage('restaurant Qingdao')).toBeNull();
  });
});

describe('materialLanguage', () => {
  it('names German or French when the words are only in that language of the entry', () => {
    expect(materialLanguage('Kugellager', bearings)).toBe('de');
    expect(materialLanguage('roulemnts a billes', bearings)).toBe('fr');
  });

  it('lets a phrase of the material decide where single words are shared', () => {
    // "industrie" is in the German and the French material; only German has "Industrie-Internet".
    expect(materialLanguage('Haier Industrie-Internet', bearings)).toBe('de');
    expect(materialLanguage('internet industriel', bearings)).toBe('fr');
  });

  it('decides nothing from words that the English material has too, or from English alone', () => {
    expect(materialLanguage('composites', bearings)).toBeNull();
    expect(materialLanguage('ball bearings', bearings)).toBeNull();
    expect(materialLanguage('', bearings)).toBeNull();
  });
});

describe('reply language of keyword messages', () => {
  const snapshot = buildSnapshot(loadSmallKb(), { defaultLanguage: 'en' });

  it('replies in German to a German keyword, whatever the Telegram language', () => {
    expect(snapshot.answer('Lasergemeinschaft', { clientLanguageCode: null }).lang).toBe('de');
    expect(snapshot.answer('Lasergemeinschaft', { clientLanguageCode: 'en' }).lang).toBe('de');
  });

  it('keeps the Telegram language for an English keyword, and /lang above all', () => {
    expect(snapshot.answer('funding', { clientLanguageCode: 'de' }).lang).toBe('de');
    expect(
      snapshot.answer('Lasergemeinschaft', { clientLanguageCode: null, chosenLanguage: 'fr' }).lang,
    ).toBe('fr');
  });

  it('looks at the matched entry only when the text itself cannot tell', () => {
    const choice = (text: string) =>
      chooseReplyLanguage({ text, defaultLanguage: 'en', clientLanguageCode: 'zh', matchedEntry: bearings });
    expect(choice('Kugellager')).toEqual({ lang: 'de', source: 'text' });
    expect(choice('Is there a Kugellager community?')).toEqual({ lang: 'en', source: 'text' });
    expect(choice('bearings')).toEqual({ lang: 'zh', source: 'client' });
  });
});
