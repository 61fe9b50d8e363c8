import type { AnswerOutcome } from '../answer/types.js';

/** Every outcome of a question, in the order `/stats` stacks them. */
export const ANSWER_OUTCOMES: readonly AnswerOutcome[] = ['answered', 'likely', 'suggested', 'unknown'];

/** How long a day's counters are kept; older days are forgotten. */
export const STATS_RETENTION_DAYS = 90;

/** The period `/stats` reports on. */
export const STATS_REPORT_DAYS = 14;

/** A 👍 or 👎 on an answer. */
export type EntryRating = 'up' | 'down';

export type TicketEvent = 'opened' | 'answered' | 'closed';

export const TICKET_EVENTS: readonly TicketEvent[] = ['opened', 'answered', 'closed'];

/** What the desk counted on one UTC day. Nothing in it names a user. */
export interface DayStats {
  /** YYYY-MM-DD, UTC. */
  day: string;
  questions: Record<AnswerOutcome, number>;
  /** Answers given, per entry id. */
  answersByEntry: Map<string, number>;
  /** 👍 and 👎 counted that day, per entry id. */
  ratingsByEntry: Map<string, Record<EntryRating, number>>;
  /** Tickets opened, answered for the first time, and closed that day. */
  tickets: Record<TicketEvent, number>;
  /** Seconds from a ticket's creation to its first staff answer, one value per ticket first answered that day. */
  firstReplySeconds: number[];
  /** Ratings of tickets by their askers, counted per rating as the ticket side names it (e.g. "5", "👍"). */
  ticketRatings: Map<string, number>;
}

/**
 * Where the desk counts what happens, by UTC day of `at` (ms). Callers never await it on the path of an answer
 * and only log its failures: counting must not delay or break what it counts.
 */
export interface DeskStatsRecorder {
  /** A question was answered with this outcome; `entryId` is the one entry shown, if any. */
  question(outcome: AnswerOutcome, entryId: string | null, at: number): Promise<void>;
  answerRated(entryId: string, rating: EntryRating, at: number): Promise<void>;
  ticket(event: TicketEvent, at: number): Promise<void>;
  /** A ticket got its first staff answer `seconds` after it was opened. */
  firstStaffReply(seconds: number, at: number): Promise<void>;
  /** An asker rated their ticket; `rating` is a short label (a score or an emoji), listed as given. */
  ticketRated(rating: string, at: number): Promise<void>;
}

/** The counters read back for a report. */
export interface DeskStatsSource {
  /** The `count` UTC days ending with the day of `until` (ms), oldest first; a day without counts is all zeros. */
  days(until: number, count: number): Promise<DayStats[]>;
}

export function emptyDay(day: string): DayStats {
  return {
    day,
    questions: { answered: 0, likely: 0, suggested: 0, unknown: 0 },
    answersByEntry: new Map(),
    ratingsByEntry: new Map(),
    tickets: { opened: 0, answered: 0, closed: 0 },
    firstReplySeconds: [],
    ticketRatings: new Map(),
  };
}
