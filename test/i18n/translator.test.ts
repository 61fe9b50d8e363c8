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

  it('finds the same keys in every namespace of the four languages', () => {
    for (const file of readdirSync(join(locales, 'en'))) {
      const read = (lang: string) => JSON.parse(readFileSync(join(locales, lang, file), 'utf8')) as unknown;
      const english = keysOf(read('en')).sort();
      for (const lang of LANGUAGES)
        expect([lang, file, keysOf(read(lang)).sort()]).toEqual([lang, file, english]);
    }
  });
});
