import { describe, expect, it } from 'vitest';
import { chooseReplyLanguage } from '../../../src/core/language/choose-language.js';
import { languageFromClientCode } from '../../../src/core/language/client-language.js';

describe('languageFromClientCode', () => {
  it.each([
    ['zh-hans', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['de-AT', 'de'],
    ['de', 'de'],
    ['fr-CA', 'fr'],
    ['en-GB', 'en'],
    ['EN_us', 'en'],
  ])('%s -> %s', (code, lang) => {
    expect(languageFromClientCode(code)).toBe(lang);
  });

  it('gives null for languages the desk does not speak, and for nothing', () => {
    for (const code of ['pt-BR', 'ru', '', null, undefined]) expect(languageFromClientCode(code)).toBeNull();
  });

  it('gives null for the names of object properties, which are no language', () => {
    for (const code of [
      'constructor',
      'constructor-DE',
      '__proto__',
      'toString',
      'valueOf',
      'hasOwnProperty',
    ])
      expect(languageFromClientCode(code)).toBeNull();
  });
});

describe('chooseReplyLanguage', () => {
  const base = { defaultLanguage: 'en' as const };

  it('puts the explicit /lang choice first', () => {
    expect(
      chooseReplyLanguage({ ...base, chosen: 'fr', text: 'Wie spät ist es?', clientLanguageCode: 'zh-hans' }),
    ).toEqual({
      lang: 'fr',
      source: 'chosen',
    });
  });

  it('then the language of the text, over the client language', () => {
    expect(chooseReplyLanguage({ ...base, text: 'Wie spät ist es?', clientLanguageCode: 'fr-CA' })).toEqual({
      lang: 'de',
      source: 'text',
    });
  });

  it('then the client language when the text cannot tell', () => {
    expect(chooseReplyLanguage({ ...base, text: 'laser', clientLanguageCode: 'de-AT' })).toEqual({
      lang: 'de',
      source: 'client',
    });
    expect(chooseReplyLanguage({ ...base, text: 'funding', clientLanguageCode: 'zh-hans' }).lang).toBe('zh');
  });

  it('then DEFAULT_LANGUAGE', () => {
    expect(
      chooseReplyLanguage({ defaultLanguage: 'de', text: 'laser', clientLanguageCode: 'pt-BR' }),
    ).toEqual({
      lang: 'de',
      source: 'default',
    });
  });
});
