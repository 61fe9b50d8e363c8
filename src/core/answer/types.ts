import type { Entry } from '../knowledge-base/types.js';
import type { Language } from '../language/languages.js';

/** answered: one entry clearly fits; suggested: a few are close ("did you mean"); unknown: nothing fits. */
export type AnswerOutcome = 'answered' | 'suggested' | 'unknown';

/** What the core decided for one question, before any platform formatting. */
export interface AnswerResult {
  outcome: AnswerOutcome;
  /** The language the reply must be written in. */
  lang: Language;
  /** Set exactly when outcome is 'answered'. */
  entry: Entry | null;
  /** Confidence of the best candidate, 0..1, comparable across questions. */
  confidence: number;
  /** Up to 3 alternatives: the choices when 'suggested', otherwise close runners-up (may be empty). */
  suggestions: Entry[];
  /** The knowledge-base version that answered, so that a reply never mixes two versions. */
  kbVersion: string;
}

/** What a platform knows about who asked, used to pick the reply language. */
export interface QuestionContext {
  /** The user's explicit /lang choice, if any. */
  chosenLanguage?: Language | null;
  /** Telegram's language_code of the sender (e.g. "zh-hans", "de-AT"). */
  clientLanguageCode?: string | null;
}
