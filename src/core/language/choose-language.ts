import type { Entry } from '../knowledge-base/schema.js';
import { languageFromClientCode } from './client-language.js';
import { detectLanguage } from './detect-language.js';
import type { Language } from './languages.js';
import type { LanguageLexicon } from './lexicon.js';
import { materialLanguage } from './material-language.js';

/** Where the reply language came from; useful in logs and tests. */
export type LanguageSource = 'chosen' | 'text' | 'client' | 'default';

export interface LanguageChoiceInput {
  /** The user's explicit /lang choice. */
  chosen?: Language | null;
  /** The message text, if there is one. */
  text?: string | null;
  /** Telegram's language_code. */
  clientLanguageCode?: string | null;
  defaultLanguage: Language;
  /** The knowledge base's words per language, which help tell short messages apart. */
  lexicon?: LanguageLexicon;
  /** The entry the search found best for the text, whose material tells keyword messages apart. */
  matchedEntry?: Entry | null;
}

export interface LanguageChoice {
  lang: Language;
  source: LanguageSource;
}

/**
 * The reply language, by the desk's rule: the explicit /lang choice first, then the language of the message
 * when it can be told (from its own words, or else from the language of the matched entry's material that
 * its words belong to), then the Telegram language_code, then DEFAULT_LANGUAGE.
 */
export function chooseReplyLanguage(input: LanguageChoiceInput): LanguageChoice {
  if (input.chosen) return { lang: input.chosen, source: 'chosen' };
  const detected = input.text ? detectLanguage(input.text, input.lexicon) : null;
  if (detected) return { lang: detected, source: 'text' };
  const matched = input.text && input.matchedEntry ? materialLanguage(input.text, input.matchedEntry) : null;
  if (matched) return { lang: matched, source: 'text' };
  const client = languageFromClientCode(input.clientLanguageCode);
  if (client) return { lang: client, source: 'client' };
  return { lang: input.defaultLanguage, source: 'default' };
}
