import { isLanguage, type Language } from './languages.js';

/**
 * Primary subtags that are not one of ours by name but are read in one of our languages. A Map, not an object:
 * the code comes from the client, and "constructor" must not find Object's.
 */
const RELATED_SUBTAGS: ReadonlyMap<string, Language> = new Map([
  ['cmn', 'zh'],
  ['yue', 'zh'],
  ['wuu', 'zh'],
  ['gsw', 'de'],
  ['bar', 'de'],
  ['ltz', 'de'],
]);

/**
 * Maps a Telegram `language_code` (an IETF tag such as "zh-hans", "zh-CN", "de-AT", "fr-CA", "en-GB") to one of
 * the desk's languages by its primary subtag; null for anything else ("pt-BR", "", null).
 */
export function languageFromClientCode(code: string | null | undefined): Language | null {
  if (!code) return null;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (isLanguage(primary)) return primary;
  return RELATED_SUBTAGS.get(primary) ?? null;
}
