import { readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import i18next, { type i18n as I18n, type Resource, type ResourceLanguage } from 'i18next';
import { LANGUAGES, type Language } from '../core/language/languages.js';
import { escapeHtml } from './escape-html.js';
import { projectRoot } from '../project-root.js';

/** Translates a key for one language; interpolated values are HTML-escaped for Telegram. */
export type Translate = (lang: Language, key: string, vars?: Record<string, unknown>) => string;

/**
 * Loads every `locales/<lang>/<namespace>.json` synchronously (start-up only) into a private i18next instance.
 * Keys are addressed as `namespace:path.to.key`. Missing keys fall back to English, never to the raw key.
 */
export function createTranslator(localesDir = join(projectRoot(), 'locales')): Translate {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const lang of LANGUAGES) {
    const forLang: ResourceLanguage = (resources[lang] = {});
    for (const file of readdirSync(join(localesDir, lang)).filter((f) => f.endsWith('.json'))) {
      const ns = basename(file, '.json');
      namespaces.add(ns);
      forLang[ns] = JSON.parse(readFileSync(join(localesDir, lang, file), 'utf8'));
    }
  }
  const instance: I18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources,
    ns: [...namespaces],
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
  });
  const fixed = new Map(LANGUAGES.map((lang) => [lang, instance.getFixedT(lang)]));
  // A text without variables never changes (locales are read once), and i18next's lookup costs more than a
  // map's: labels and buttons are translated on every update. Keys are finite, so the memo stays small.
  const plain = new Map(LANGUAGES.map((lang) => [lang, new Map<string, string>()]));
  // A language that is not one of the four (a bug upstream) is answered in English rather than thrown on: the
  // error boundary's own apology goes through here.
  const english = fixed.get('en')!;
  const englishMemo = plain.get('en')!;
  return (lang, key, vars) => {
    const translate = fixed.get(lang) ?? english;
    if (vars !== undefined && Object.keys(vars).length > 0) return translate(key, vars) as string;
    const memo = plain.get(lang) ?? englishMemo;
    let text = memo.get(key);
    if (text === undefined) memo.set(key, (text = translate(key, {}) as string));
    return text;
  };
}
