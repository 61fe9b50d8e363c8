import type { Language } from '../language/languages.js';

/** unanswered: the bot gave no confident answer (unknown or "did you mean"); ticket: a follow-up ticket was opened. */
export type GapKind = 'unanswered' | 'ticket';

/** One question the knowledge base could not answer, as observed. Carries no user id, by design. */
export interface GapObservation {
  /** The question as the user wrote it. */
  text: string;
  /** The language it is written in. */
  lang: Language;
  kind: GapKind;
}

/** A question counted over a period: all observations with the same normalised text and language. */
export interface GapCount {
  /** The normalised text the observations were counted by (see normalizeGapText). */
  normalized: string;
  lang: Language;
  /** One way a user actually phrased it (the first seen), for people to read. */
  example: string;
  unanswered: number;
  tickets: number;
  /** unanswered + tickets. */
  total: number;
}

/** How long observations are kept; older ones are forgotten. */
export const GAP_RETENTION_DAYS = 30;

/** The period `/gaps` reports on. */
export const GAP_REPORT_DAYS = 7;

/** Where gaps are counted. Implementations must never store who asked. */
export interface GapStore {
  /** Counts one observation at time `at` (ms). */
  record(observation: GapObservation, at: number): Promise<void>;
  /** The most frequent gaps observed from `since` (ms) on, most frequent first; ties by text. */
  top(since: number, limit: number): Promise<GapCount[]>;
}

/** The part of a GapStore that the question path and the ticket side use. */
export type GapRecorder = Pick<GapStore, 'record'>;
