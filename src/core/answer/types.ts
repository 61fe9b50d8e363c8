import type { AnswerView } from './answer-view.js';
import type { Entry } from '../knowledge-base/schema.js';
import type { Language } from '../language/languages.js';

/**
 * answered: one entry clearly fits; likely: one entry is clearly ahead but not certain ("this looks like what
 * you are asking about", with alternatives); suggested: a few are close ("did you mean"); unknown: nothing fits.
 */
export type AnswerOutcome = 'answered' | 'likely' | 'suggested' | 'unknown';

/** What the core decided for one question, before any platform formatting. */
export interface AnswerResult {
  outcome: AnswerOutcome;
  /** The language the reply must be written in. */
  lang: Language;
  /** Set exactly when outcome is 'answered' or 'likely'. */
  entry: Entry | null;
  /** Confidence of the best candidate, 0..1, comparable across questions. */
  confidence: number;
  /** The choices when 'suggested' (up to 3), the alternatives when 'likely' (up to 2), else close runners-up. */
  suggestions: Entry[];
  /** The question was written in traditional characters: Chinese replies are converted back to them. */
  traditional: boolean;
  /** The knowledge-base version that answered, so that a reply never mixes two versions. */
  kbVersion: string;
  /** A list, comparison or contact reply composed from the entries' facts, when the question asks for one. */
  view: AnswerView | null;
}

/** What a platform knows about who asked, used to pick the reply language. */
export interface QuestionContext {
  /** The user's explicit /lang choice, if any. */
  chosenLanguage?: Language | null;
  /** Telegram's language_code of the sender (e.g. "zh-hans", "de-AT"). */
  clientLanguageCode?: string | null;
  /** The entry answered to this asker a few minutes ago, if any: a short follow-up is read with it. */
  previousEntryId?: string | null;
}
