import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseReplyLanguage } from '../../../src/core/language/choose-language.js';
import { languageFromClientCode } from '../../../src/core/language/client-language.js';
import { detectLanguage } from '../../../src/core/language/detect-language.js';
import { LANGUAGES, type Language } from '../../../src/core/language/languages.js';
import { languageCode, userText } from '../../support/arbitraries.js';

const language = fc.constantFrom(...LANGUAGES);
const isLanguageOrNull = (value: unknown) => value === null || LANGUAGES.includes(value as Language);

describe('language detection and choice, for any input', () => {
  it('detectLanguage never throws and says one of the four languages or nothing', () => {
    fc.assert(
      fc.property(userText(), (text) => {
        expect(isLanguageOrNull(detectLanguage(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('languageFromClientCode gives one of the four languages or null for any code', () => {
    fc.assert(
      fc.property(fc.oneof(languageCode, userText(20)), (code) => {
        expect(isLanguageOrNull(languageFromClientCode(code))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('chooseReplyLanguage always gives a language, the /lang choice first', () => {
    fc.assert(
      fc.property(
        fc.option(language),
        fc.option(userText()),
        fc.option(languageCode),
        language,
        (chosen, text, clientLanguageCode, defaultLanguage) => {
          const choice = chooseReplyLanguage({ chosen, text, clientLanguageCode, defaultLanguage });
          expect(LANGUAGES).toContain(choice.lang);
          if (chosen) expect(choice).toEqual({ lang: chosen, source: 'chosen' });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
