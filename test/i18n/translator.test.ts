import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/core/language/languages.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { projectRoot } from '../../src/project-root.js';

const locales = join(projectRoot(), 'locales');

/** Dotted paths of every string in a locale file. */
function keysOf(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [path];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, path ? `${path}.${key}` : key));
}

/** i18next's plural suffixes (key_one, key_other). */
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The texts with plural forms in a namespace: those English gives a `_one` form. */
const pluralBases = (englishKeys: string[]): Set<string> =>
  new Set(englishKeys.filter((key) => key.endsWith('_one')).map((key) => key.replace(PLURAL, '')));

/** The keys with the plural forms of one text counted once. */
const withoutPluralForms = (keys: string[], bases: Set<string>): string[] =>
  [
    ...new Set(keys.map((key) => (bases.has(key.replace(PLURAL, '')) ? key.replace(PLURAL, '') : key))),
  ].sort();

describe('the translator', () => {
  it('answers a language that is not one of the four in English instead of throwing', () => {
    const t = createTranslator();
    for (const lang of ['constructor', '__proto__', 'toString', 'pt']) {
      expect(t(lang as Language, 'errors:apology')).toBe(t('en', 'errors:apology'));
      expect(t(lang as Language, 'start:welcome', { name: 'Ada' })).toBe(
        t('en', 'start:welcome', { name: 'Ada' }),
      );
    }
  });

  it('shows values as written: user text is never read as a key, a nesting or a placeholder', () => {
    const t = createTranslator();
    const question = '$t(start:help) {{name}} __proto__ {{constructor}}';
    expect(t('en', 'followup:confirm_prompt', { question })).toContain(
      '$t(start:help) {{name}} __proto__ {{constructor}}',
    );
  });

  it('finds the same keys in every namespace of the four languages, plural forms aside', () => {
    for (const file of readdirSync(join(locales, 'en'))) {
      const read = (lang: string) => keysOf(JSON.parse(readFileSync(join(locales, lang, file), 'utf8')));
      const bases = pluralBases(read('en'));
      const english = withoutPluralForms(read('en'), bases);
      for (const lang of LANGUAGES)
        expect([lang, file, withoutPluralForms(read(lang), bases)]).toEqual([lang, file, english]);
    }
  });

  it("gives every counted text each plural form its language uses, and no other (Chinese has one, 'other')", () => {
    for (const file of readdirSync(join(locales, 'en'))) {
      const read = (lang: string) => keysOf(JSON.parse(readFileSync(join(locales, lang, file), 'utf8')));
      for (const base of pluralBases(read('en'))) {
        for (const lang of LANGUAGES) {
          // The forms counts up to 1,000 take (French's "many" is for millions; i18next reads "other" then).
          const rules = new Intl.PluralRules(lang);
          const needed = [...new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))].sort();
          const forms = read(lang)
            .filter((key) => PLURAL.test(key) && key.replace(PLURAL, '') === base)
            .map((key) => PLURAL.exec(key)![1])
            .sort();
          expect([lang, file, base, forms]).toEqual([lang, file, base, needed]);
        }
      }
    }
  });

  it('says "1 error" and "2 errors"', () => {
    const t = createTranslator();
    expect(t('en', 'admin:refused_title', { count: 1, version: 'v' })).toContain('has 1 error.');
    expect(t('en', 'admin:refused_title', { count: 2, version: 'v' })).toContain('has 2 errors.');
    expect(t('fr', 'admin:refused_title', { count: 1, version: 'v' })).toContain('contient 1 erreur.');
    expect(t('zh', 'admin:refused_title', { count: 1, version: 'v' })).toContain('知识库有 1 处错误');
  });
});
