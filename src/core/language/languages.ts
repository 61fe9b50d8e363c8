/** The four languages the desk speaks. Order matters: it is the order shown in the /lang menu. */
export const LANGUAGES = ['en', 'zh', 'de', 'fr'] as const;

export type Language = (typeof LANGUAGES)[number];

/** A value given once per supported language. */
export type Localized<T> = Record<Language, T>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
