import type { AnswerOutcome } from '../answer/types.js';
import type { DayStats, TicketEvent } from './desk-stats.js';

export interface EntryCount {
  entryId: string;
  count: number;
}

/** What `/stats` shows for a period. */
export interface StatsSummary {
  /** Questions per day by outcome, oldest day first. */
  days: { day: string; questions: Record<AnswerOutcome, number> }[];
  totalQuestions: number;
  /** The entries answered most often, most first. */
  topEntries: EntryCount[];
  /** The entries with the most 👎 (at least one), most first. */
  mostDisliked: (EntryCount & { up: number })[];
  tickets: Record<TicketEvent, number>;
  /** Median seconds from a ticket's creation to its first staff answer; null when no ticket was answered. */
  medianFirstReplySeconds: number | null;
  /** Ticket ratings per label, most frequent first; empty when tickets were never rated. */
  ticketRatings: { rating: string; count: number }[];
}

/** Adds the days up. Ties between entries (and ratings) go by id, so that the report is stable. */
export function summariseStats(days: readonly DayStats[], limit: number): StatsSummary {
  const answers = new Map<string, number>();
  const ratings = new Map<string, { up: number; down: number }>();
  const ticketRatings = new Map<string, number>();
  const tickets: Record<TicketEvent, number> = { opened: 0, answered: 0, closed: 0 };
  const replySeconds: number[] = [];
  let totalQuestions = 0;
  for (const day of days) {
    for (const count of Object.values(day.questions)) totalQuestions += count;
    for (const [entryId, count] of day.answersByEntry) add(answers, entryId, count);
    for (const [entryId, { up, down }] of day.ratingsByEntry) {
      const sum = ratings.get(entryId) ?? { up: 0, down: 0 };
      ratings.set(entryId, { up: sum.up + up, down: sum.down + down });
    }
    for (const [rating, count] of day.ticketRatings) add(ticketRatings, rating, count);
    for (const event of Object.keys(tickets) as TicketEvent[]) tickets[event] += day.tickets[event];
    replySeconds.push(...day.firstReplySeconds);
  }
  const mostDisliked = [...ratings]
    .filter(([, r]) => r.down > 0)
    .map(([entryId, r]) => ({ entryId, count: r.down, up: r.up }))
    .sort(byCountThenId)
    .slice(0, limit);
  return {
    days: days.map((d) => ({ day: d.day, questions: { ...d.questions } })),
    totalQuestions,
    topEntries: [...answers]
      .map(([entryId, count]) => ({ entryId, count }))
      .sort(byCountThenId)
      .slice(0, limit),
    mostDisliked,
    tickets,
    medianFirstReplySeconds: median(replySeconds),
    ticketRatings: [...ticketRatings]
      .map(([rating, count]) => ({ rating, count }))
      .sort((a, b) => b.count - a.count || a.rating.localeCompare(b.rating)),
  };
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

function byCountThenId(a: EntryCount, b: EntryCount): number {
  return b.count - a.count || a.entryId.localeCompare(b.entryId);
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
