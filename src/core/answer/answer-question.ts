import type { Language } from '../language/languages.js';
import { chooseReplyLanguage } from '../language/choose-language.js';
import type { LanguageLexicon } from '../language/lexicon.js';
import type { SearchIndex } from '../search/search-index.js';
import { searchEntries } from '../search/search.js';
import { decideOutcome } from './decide.js';
import type { AnswerResult, QuestionContext } from './types.js';

export interface AnswerSettings {
  defaultLanguage: Language;
  kbVersion: string;
  lexicon?: LanguageLexicon;
}

/**
 * The core's whole question path on one page: search, decide, pick the reply language (the matched entry's
 * material helps tell the language of a keyword message). Never throws; empty or absurdly long text gives
 * 'unknown' quickly (the search analyses a bounded prefix).
 */
export function answerQuestion(
  index: SearchIndex,
  text: string,
  context: QuestionContext,
  settings: AnswerSettings,
): AnswerResult {
  const decision = decideOutcome(searchEntries(index, text));
  const { lang } = chooseReplyLanguage({
    chosen: context.chosenLanguage ?? null,
    text,
    clientLanguageCode: context.clientLanguageCode ?? null,
    defaultLanguage: settings.defaultLanguage,
    lexicon: settings.lexicon,
    matchedEntry: decision.best?.entry ?? null,
  });
  return {
    outcome: decision.outcome,
    lang,
    entry: decision.outcome === 'answered' ? decision.best!.entry : null,
    confidence: round(decision.confidence),
    suggestions: decision.suggestions.map((hit) => hit.entry),
    kbVersion: settings.kbVersion,
  };
}

/** Three decimals are plenty for a confidence and keep the CLI output stable. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
