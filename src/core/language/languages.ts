/** The four languages the desk speaks. Order matters: it is the order shown in the /lang menu. */
export const LANGUAGES = ['en', 'zh', 'de', 'fr'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The languages written in Latin script, told apart by words and spelling (Chinese is told by its script). */
export type LatinLanguage = Exclude<Language, 'zh'>;
export const LATIN_LANGUAGES: readonly LatinLanguage[] = ['en', 'de', 'fr'];

/** A value given once per supported language. */
export type Localized<T> = Record<Language, T>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
