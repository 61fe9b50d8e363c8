import type { Language } from '../language/languages.js';

/** An answer a staff member gave to a follow-up ticket. No user id: only what a draft entry needs. */
export interface StaffAnswer {
  /** The ticket's question as the user wrote it. */
  question: string;
  lang: Language;
  answer: string;
  /** When the answer was given (ms). */
  answeredAt: number;
}

/**
 * Where `/gaps export` finds staff answers to put into draft entries. The ticket side implements it (from its
 * answered tickets), or feeds the gap store's own log (RedisGapStore.recordStaffAnswer) which implements it.
 */
export interface StaffAnswerSource {
  /** Answers given from `since` (ms) on, oldest first. */
  answeredSince(since: number): Promise<StaffAnswer[]>;
}
