import type { ConversationUser } from '../../src/app/follow-up/conversations.js';
import type { Arrival } from './forum-bot-api.js';
import { percentile, round } from './measure.js';

/*
 * The conversation section's bookkeeping: each message carries a marker in its text, noted with the time it
 * was handed over; the loopback's arrivals are matched to it.
 */

export type Direction = 'user → staff' | 'staff → user';

export interface BenchTicket {
  number: number;
  user: ConversationUser;
  topicId: number;
}

export interface Sent {
  direction: Direction;
  ticket: BenchTicket;
  t0: number;
  /** When the loopback received it where it belongs. */
  at?: number;
}

export interface DirectionFigures {
  direction: Direction;
  messages: number;
  delivered: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Messages in flight by their marker; an arrival counts only in the place its direction goes to. */
export function createTracker(staffChatId: number) {
  const sent = new Map<string, Sent>();
  let next = 0;
  return {
    sent,
    mark(direction: Direction, ticket: BenchTicket): string {
      const marker = `bench-${++next}`;
      sent.set(marker, { direction, ticket, t0: performance.now() });
      return marker;
    },
    arrived({ chatId, threadId, text, at }: Arrival): void {
      const record = sent.get(/bench-\d+/.exec(text)?.[0] ?? '');
      if (!record || record.at !== undefined) return;
      const { ticket } = record;
      const inPlace =
        record.direction === 'user → staff'
          ? chatId === staffChatId && threadId === ticket.topicId
          : chatId === ticket.user.chatId;
      if (inPlace) record.at = at;
    },
    allArrived: (records: Sent[]) => records.every((r) => r.at !== undefined),
  };
}

export type Tracker = ReturnType<typeof createTracker>;

/** One direction's latencies: handed over -> arrived where it belongs. */
export function figures(direction: Direction, records: Sent[]): DirectionFigures {
  const times = records
    .filter((r) => r.at !== undefined)
    .map((r) => r.at! - r.t0)
    .sort((a, b) => a - b);
  return {
    direction,
    messages: records.length,
    delivered: times.length,
    p50Ms: round(percentile(times, 0.5), 2),
    p95Ms: round(percentile(times, 0.95), 2),
    p99Ms: round(percentile(times, 0.99), 2),
    maxMs: round(times[times.length - 1] ?? 0, 2),
  };
}
