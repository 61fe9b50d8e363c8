import type { Redis } from 'ioredis';
import type { AnswerOutcome } from '../../core/answer/types.js';
import {
  ANSWER_OUTCOMES,
  emptyDay,
  STATS_RETENTION_DAYS,
  TICKET_EVENTS,
  type DayStats,
  type DeskStatsRecorder,
  type DeskStatsSource,
  type EntryRating,
  type TicketEvent,
} from '../../core/stats/desk-stats.js';

const DAY_MS = 24 * 3600_000;
const RATING_CODES: Record<EntryRating, string> = { up: 'u', down: 'd' };

export interface RedisDeskStatsOptions {
  redis: Redis;
  /** Keys start with `<prefix>:{stats}:`; the hash tag keeps them in one Cluster slot. Default `desk`. */
  prefix?: string;
  /** Default 90. */
  retentionDays?: number;
}

/**
 * The desk's daily counters in Redis, one hash per UTC day (`<prefix>:{stats}:day:YYYY-MM-DD`): `q|<outcome>`
 * questions, `e|<entry>` answers per entry, `r|u|<entry>` and `r|d|<entry>` 👍/👎, `t|<event>` tickets opened,
 * answered and closed, `f|<seconds>` tickets first answered after that many seconds, `tr|<rating>` ticket ratings.
 * A day's hash expires `retentionDays` after the day ends, so nothing older is kept and no sweeping is needed.
 * Nothing stored names a user.
 */
export class RedisDeskStats implements DeskStatsRecorder, DeskStatsSource {
  private readonly redis: Redis;
  private readonly base: string;
  private readonly retentionMs: number;

  constructor(options: RedisDeskStatsOptions) {
    this.redis = options.redis;
    this.base = `${options.prefix ?? 'desk'}:{stats}:day:`;
    this.retentionMs = (options.retentionDays ?? STATS_RETENTION_DAYS) * DAY_MS;
  }

  async question(outcome: AnswerOutcome, entryId: string | null, at: number): Promise<void> {
    await this.count(at, [`q|${outcome}`, ...(entryId === null ? [] : [`e|${entryId}`])]);
  }

  answerRated(entryId: string, rating: EntryRating, at: number): Promise<void> {
    return this.count(at, [`r|${RATING_CODES[rating]}|${entryId}`]);
  }

  ticket(event: TicketEvent, at: number): Promise<void> {
    return this.count(at, [`t|${event}`]);
  }

  firstStaffReply(seconds: number, at: number): Promise<void> {
    return this.count(at, [`f|${Math.max(0, Math.round(seconds))}`]);
  }

  ticketRated(rating: string, at: number): Promise<void> {
    return this.count(at, [`tr|${rating}`]);
  }

  async days(until: number, count: number): Promise<DayStats[]> {
    const last = startOfDay(until);
    const days = Array.from({ length: count }, (_, i) => dayName(last - (count - 1 - i) * DAY_MS));
    const pipeline = this.redis.pipeline();
    for (const day of days) pipeline.hgetall(this.base + day);
    const replies = (await pipeline.exec()) ?? [];
    return days.map((day, i) => {
      const [error, hash] = replies[i] ?? [new Error('no reply')];
      if (error) throw error;
      return readDay(day, hash as Record<string, string>);
    });
  }

  private async count(at: number, fields: string[]): Promise<void> {
    const key = this.base + dayName(at);
    const step = this.redis.multi();
    for (const field of fields) step.hincrby(key, field, 1);
    await step.expireat(key, Math.ceil((startOfDay(at) + DAY_MS + this.retentionMs) / 1000)).exec();
  }
}

function startOfDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

function dayName(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** A day's hash back into counts; fields it does not understand are skipped. */
function readDay(day: string, hash: Record<string, string>): DayStats {
  const stats = emptyDay(day);
  // Entry ids and rating labels come from outside this code: read from a Map, never as keys of a plain object.
  for (const [field, value] of new Map(Object.entries(hash))) {
    const count = Number(value) || 0;
    const [code = '', ...rest] = field.split('|');
    const name = rest.join('|');
    if (code === 'q' && (ANSWER_OUTCOMES as readonly string[]).includes(name))
      stats.questions[name as AnswerOutcome] += count;
    else if (code === 'e' && name !== '') stats.answersByEntry.set(name, count);
    else if (code === 'r') readRating(stats, name, count);
    else if (code === 't' && (TICKET_EVENTS as readonly string[]).includes(name))
      stats.tickets[name as TicketEvent] += count;
    else if (code === 'f' && Number.isFinite(Number(name)))
      for (let i = 0; i < count; i++) stats.firstReplySeconds.push(Number(name));
    else if (code === 'tr' && name !== '') stats.ticketRatings.set(name, count);
  }
  return stats;
}

function readRating(stats: DayStats, name: string, count: number): void {
  const [code, ...id] = name.split('|');
  const entryId = id.join('|');
  const rating = code === 'u' ? 'up' : code === 'd' ? 'down' : null;
  if (!rating || entryId === '') return;
  const counts = stats.ratingsByEntry.get(entryId) ?? { up: 0, down: 0 };
  counts[rating] += count;
  stats.ratingsByEntry.set(entryId, counts);
}
