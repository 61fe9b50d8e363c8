import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  GAP_RETENTION_DAYS,
  type GapCount,
  type GapKind,
  type GapObservation,
  type GapStore,
} from '../../core/gaps/gap.js';
import { gapExample, normalizeGapText } from '../../core/gaps/normalize-gap.js';
import { rankGaps, type GapTally } from '../../core/gaps/rank-gaps.js';
import type { StaffAnswer, StaffAnswerSource } from '../../core/gaps/staff-answers.js';
import { isLanguage } from '../../core/language/languages.js';

const DAY_MS = 24 * 3600_000;
const KIND_CODES: Record<GapKind, string> = { unanswered: 'u', ticket: 't' };
const EXAMPLE_CODE = 'x';

export interface RedisGapStoreOptions {
  redis: Redis;
  /** Keys start with `<prefix>:{gaps}:`; the hash tag keeps them in one Cluster slot. Default `desk`. */
  prefix?: string;
  /** Default 30. */
  retentionDays?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/**
 * Gap counters in Redis, one hash per UTC day: field `u|<lang>|<text>` counts unanswered questions, `t|...`
 * tickets, `x|...` keeps the first phrasing seen. A day's hash expires `retentionDays` after the day ends, so
 * nothing older is kept and no sweeping is needed. Staff answers (when fed here) live in one sorted set by time,
 * trimmed on every write. Nothing stored names a user.
 */
export class RedisGapStore implements GapStore, StaffAnswerSource {
  private readonly redis: Redis;
  private readonly base: string;
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: RedisGapStoreOptions) {
    this.redis = options.redis;
    this.base = `${options.prefix ?? 'desk'}:{gaps}:`;
    this.retentionMs = (options.retentionDays ?? GAP_RETENTION_DAYS) * DAY_MS;
    this.now = options.now ?? Date.now;
  }

  async record(observation: GapObservation, at: number): Promise<void> {
    const normalized = normalizeGapText(observation.text);
    if (normalized === '') return;
    const field = `${observation.lang}|${normalized}`;
    const key = this.dayKey(at);
    const expiresAt = Math.ceil((startOfDay(at) + DAY_MS + this.retentionMs) / 1000);
    await this.redis
      .multi()
      .hincrby(key, `${KIND_CODES[observation.kind]}|${field}`, 1)
      .hsetnx(key, `${EXAMPLE_CODE}|${field}`, gapExample(observation.text))
      .expireat(key, expiresAt)
      .exec();
  }

  async top(since: number, limit: number): Promise<GapCount[]> {
    const now = this.now();
    const keys: string[] = [];
    for (let day = startOfDay(Math.max(since, now - this.retentionMs)); day <= now; day += DAY_MS) {
      keys.push(this.dayKey(day));
    }
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const replies = (await pipeline.exec()) ?? [];
    const tallies: GapTally[] = [];
    for (const [error, hash] of replies) {
      if (error) throw error;
      tallies.push(...talliesOf(hash as Record<string, string>));
    }
    return rankGaps(tallies, limit);
  }

  /** Keeps a staff answer for `/gaps export`; the ticket side calls it when an answer is recorded. */
  async recordStaffAnswer(answer: StaffAnswer): Promise<void> {
    // A random suffix keeps two identical answers as two members of the set.
    const member = JSON.stringify({ ...answer, n: randomBytes(4).toString('hex') });
    await this.redis
      .multi()
      .zadd(this.answersKey, answer.answeredAt, member)
      .zremrangebyscore(this.answersKey, '-inf', this.now() - this.retentionMs)
      .exec();
  }

  async answeredSince(since: number): Promise<StaffAnswer[]> {
    const members = await this.redis.zrangebyscore(this.answersKey, since, '+inf');
    return members.flatMap((member) => {
      const parsed = parseStaffAnswer(member);
      return parsed ? [parsed] : [];
    });
  }

  private get answersKey(): string {
    return `${this.base}staff-answers`;
  }

  private dayKey(at: number): string {
    return `${this.base}day:${new Date(at).toISOString().slice(0, 10)}`;
  }
}

function startOfDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** Reads a day's hash back into tallies; fields it does not understand are skipped. */
function talliesOf(hash: Record<string, string>): GapTally[] {
  const tallies: GapTally[] = [];
  // Fields are made of users' words: looked up in a Map, never as keys of a plain object.
  const fields = new Map(Object.entries(hash));
  for (const [field, value] of fields) {
    const [code, lang, ...rest] = field.split('|');
    const normalized = rest.join('|');
    if (!isLanguage(lang) || normalized === '') continue;
    const kind = code === 'u' ? 'unanswered' : code === 't' ? 'ticket' : null;
    if (!kind) continue;
    const example = fields.get(`${EXAMPLE_CODE}|${lang}|${normalized}`);
    tallies.push({ normalized, lang, kind, count: Number(value) || 0, ...(example ? { example } : {}) });
  }
  return tallies;
}

function parseStaffAnswer(member: string): StaffAnswer | null {
  try {
    const value = JSON.parse(member) as Partial<StaffAnswer>;
    if (typeof value.question !== 'string' || typeof value.answer !== 'string' || !isLanguage(value.lang))
      return null;
    return {
      question: value.question,
      lang: value.lang,
      answer: value.answer,
      answeredAt: Number(value.answeredAt),
    };
  } catch {
    return null;
  }
}
