import type { Language } from '../core/language/languages.js';

/** How long what the desk remembers of its answers stands; any store keeps to these. */
export const ANSWER_MEMORY_RULES = {
  /** "The entry just answered", for a short follow-up ("who leads it?"). */
  recentEntrySeconds: 10 * 60,
  /** An answer can be rated for a week (one rating per answer). */
  ratingWindowSeconds: 7 * 24 * 3600,
  /** 👎 counts and their questions are forgotten a month after the last 👎. */
  dislikedSeconds: 30 * 24 * 3600,
  /** Distinct questions kept per entry marked 👎 (the most frequent survive), and shown in `/gaps`. */
  questionsKept: 50,
  questionsShown: 3,
} as const;

/** An answer given to a question, kept so that a 👍/👎 tap knows what it rates. */
export interface RememberedAnswer {
  entryId: string;
  lang: Language;
  /** The question as asked (one line, bounded): offered to staff after a 👎, counted normalised. */
  question: string;
}

export type Rating = 'up' | 'down';

export type RatingResult =
  | { kind: 'counted'; answer: RememberedAnswer }
  /** This answer was rated before: one tap per answer. */
  | { kind: 'already' }
  /** The answer is no longer remembered (older than a week) or never was. */
  | { kind: 'expired' };

/** An entry that answers were marked 👎 for, with the questions that led to them, most frequent first. */
export interface DislikedEntry {
  entryId: string;
  count: number;
  questions: string[];
}

/**
 * What the desk remembers of its answers: the entry each user was answered with a few minutes ago (a short
 * follow-up such as "who leads it?" is read with it), each answer under a short token for its feedback buttons,
 * and the feedback counts. Kept in Redis by adapters/redis/answer-memory.ts.
 */
export interface AnswerMemory {
  /** Remembers an answer; its token for the feedback buttons, or null when the store cannot take it now. */
  remember(userId: number, answer: RememberedAnswer): Promise<string | null>;
  /** The entry this user was answered with recently, or null (none, expired, store unavailable). */
  recentEntry(userId: number): Promise<string | null>;
  /** Counts one rating for the answer behind `token`. Throws when the store is unavailable. */
  rate(token: string, rating: Rating): Promise<RatingResult>;
  /** The entries with the most 👎, with up to three questions each. Throws when the store is unavailable. */
  mostDisliked(limit: number): Promise<DislikedEntry[]>;
}
