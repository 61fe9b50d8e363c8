import type { Language } from '../core/language/languages.js';

/**
 * Where each user's explicit /lang choice is kept. Implementations must be quick to give up: answers never wait
 * for this store, so a read that cannot be served (store down, slow) returns null and a write returns false.
 */
export interface LanguagePreferences {
  /** The user's choice, or null when none was made or the store cannot answer right now. Never throws. */
  get(userId: number): Promise<Language | null>;
  /** Remembers the choice; false when it could not be saved (store unavailable). Never throws. */
  set(userId: number, lang: Language): Promise<boolean>;
}

/** Keeps choices in this process only; for `npm run ask`-like fronts and unit tests, not for the bot. */
export function createInMemoryLanguagePreferences(): LanguagePreferences {
  const choices = new Map<number, Language>();
  return {
    get: async (userId) => choices.get(userId) ?? null,
    set: async (userId, lang) => {
      choices.set(userId, lang);
      return true;
    },
  };
}
