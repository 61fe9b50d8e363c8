import type { Entry } from '../knowledge-base/schema.js';
import type { Language } from '../language/languages.js';
import { chooseReplyLanguage } from '../language/choose-language.js';
import type { LanguageLexicon } from '../language/lexicon.js';
import type { SearchIndex } from '../search/search-index.js';
import { readQuestion } from '../search/read-question.js';
import { searchEntries, type SearchResult } from '../search/search.js';
import { composeView } from './answer-view.js';
import { decideOutcome, type Decision } from './decide.js';
import { structuredRequest } from './structured-request.js';
import type { AnswerResult, QuestionContext } from './types.js';

export interface AnswerSettings {
  defaultLanguage: Language;
  kbVersion: string;
  lexicon?: LanguageLexicon;
  /** Looks an entry up by id (the entry answered just before, for follow-up questions). */
  byId?: (id: string) => Entry | undefined;
}

/**
 * A question of at most this many meaningful units right after an answer may be a follow-up about that
 * answer ("who leads it?", "und in Qingdao?", 他们的电话是多少): it is read together with the entry answered.
 */
const FOLLOW_UP_MAX_UNITS = 8;

/**
 * The core's whole question path on one page: read the question (traditional characters, pinyin), search,
 * decide, read a short follow-up together with the entry answered just before, compose a list, comparison or
 * contact reply where the question asks for one, and pick the reply language (the matched entry's material
 * helps tell the language of a keyword message). Never throws; empty or absurdly long text gives 'unknown'
 * quickly (the search analyses a bounded prefix).
 */
export function answerQuestion(
  index: SearchIndex,
  text: string,
  context: QuestionContext,
  settings: AnswerSettings,
): AnswerResult {
  const read = readQuestion(index, text);
  const previous = context.previousEntryId ? (settings.byId?.(context.previousEntryId) ?? null) : null;
  let search = searchEntries(index, read.search);
  let decision = decideOutcome(search);
  const languageOf = (matched: Entry | null) =>
    chooseReplyLanguage({
      chosen: context.chosenLanguage ?? null,
      text: read.pinyin ? read.text : text,
      clientLanguageCode: context.clientLanguageCode ?? null,
      defaultLanguage: settings.defaultLanguage,
      lexicon: settings.lexicon,
      matchedEntry: matched,
    }).lang;
  if (previous && decision.outcome !== 'answered' && search.units <= FOLLOW_UP_MAX_UNITS) {
    const followUp = readAsFollowUp(index, read.search, previous, languageOf(previous));
    if (followUp) ({ search, decision } = followUp);
  }
  const lang = languageOf(decision.best?.entry ?? null);
  const view = composeView(structuredRequest(read.text), read.text, decision, search.hits, {
    previous,
    entries: index.entries,
  });
  // Contact details are never known: the contact view says so, and the question is not taken as answered.
  const answered =
    view?.kind !== 'contact' && (decision.outcome === 'answered' || decision.outcome === 'likely');
  return {
    outcome: view?.kind === 'contact' ? 'unknown' : decision.outcome,
    lang,
    entry: answered ? decision.best!.entry : null,
    confidence: round(decision.confidence),
    suggestions: decision.suggestions.map((hit) => hit.entry),
    kbVersion: settings.kbVersion,
    traditional: read.traditional,
    view,
  };
}

/** The question searched together with the previous answer's title; taken only when that gives an answer. */
function readAsFollowUp(
  index: SearchIndex,
  question: string,
  previous: Entry,
  lang: Language,
): { search: SearchResult; decision: Decision } | null {
  const search = searchEntries(index, `${question} ${previous.title[lang]}`);
  const decision = decideOutcome(search);
  return decision.outcome === 'answered' || decision.outcome === 'likely' ? { search, decision } : null;
}

/** Three decimals are plenty for a confidence and keep the CLI output stable. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
