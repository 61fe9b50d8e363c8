import type { GapRecorder } from '../core/gaps/gap.js';
import type { KnowledgeStore } from '../core/knowledge-base/snapshot.js';
import type { DeskStatsRecorder } from '../core/stats/desk-stats.js';
import type { Language } from '../core/language/languages.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import { createDesk, type Desk } from './desk.js';
import type { AnswerObserver, DeskGuard } from './desk-input.js';
import type { Feature } from './feature.js';
import { createBrowseFeature } from './features/browse.js';
import type { AnswerMemory } from './answer-memory.js';
import { createFeedbackFeature } from './features/feedback.js';
import { createHelpFeature, type StaffChat } from './features/help.js';
import { createLanguageFeature } from './features/language.js';
import { createQuestionFeature, type OfferFollowUp } from './features/question.js';
import { createSmallTalkFeature } from './features/small-talk.js';
import { createStartFeature } from './features/start.js';
import type { LanguagePreferences } from './language-preferences.js';

export interface ComposeDeskOptions {
  store: KnowledgeStore;
  translate: Translate;
  preferences: LanguagePreferences;
  defaultLanguage: Language;
  logger: Logger;
  /**
   * Features beyond answering (follow-ups, staff chat, admin). They are offered text before the question
   * feature, which takes any remaining private text and so must come last.
   */
  extraFeatures?: Feature[];
  /** The follow-up feature's "Ask our staff" offer for unknown and suggested answers. */
  offerFollowUp?: OfferFollowUp;
  /** Where questions without a confident answer are counted for the knowledge-gap report. */
  gaps?: GapRecorder;
  guards?: DeskGuard[];
  /** Answer outcomes, latency and ratings, for metrics. */
  observer?: AnswerObserver;
  /** Follow-ups to staff are on (STAFF_CHAT_ID is set): /help names /ask and /mytickets. */
  followUps?: boolean;
  /** The staff chat, where /help and /start explain the staff's commands. */
  staffChat?: StaffChat;
  /** Context for short follow-ups and the 👍/👎 under answers; without it, neither. */
  memory?: AnswerMemory;
  /** Where questions and ratings are counted by day for `/stats`. */
  stats?: DeskStatsRecorder;
}

/**
 * The desk with the answering bot's features (start, help, language, browse, question) plus any extra ones.
 * wiring/desk.ts builds the deployment's desk here.
 */
export function composeDesk(opts: ComposeDeskOptions): Desk {
  const followUps = opts.followUps ?? false;
  const features: Feature[] = [
    createStartFeature({ staffChat: opts.staffChat }),
    createHelpFeature({ followUps, staffChat: opts.staffChat }),
    createLanguageFeature({ preferences: opts.preferences }),
    createBrowseFeature(),
    ...(opts.extraFeatures ?? []),
    createSmallTalkFeature({ followUps }),
    ...(opts.memory ? [createFeedbackFeature({ ...opts, memory: opts.memory })] : []),
    createQuestionFeature({
      offerFollowUp: opts.offerFollowUp,
      gaps: opts.gaps,
      observer: opts.observer,
      memory: opts.memory,
      stats: opts.stats,
    }),
  ];
  return createDesk({
    features,
    store: opts.store,
    translate: opts.translate,
    preferences: opts.preferences,
    defaultLanguage: opts.defaultLanguage,
    logger: opts.logger,
    guards: opts.guards,
  });
}
