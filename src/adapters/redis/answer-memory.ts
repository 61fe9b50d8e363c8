import { randomBytes } from 'node:crypto';
import {
  ANSWER_MEMORY_RULES,
  type AnswerMemory,
  type DislikedEntry,
  type Rating,
  type RatingResult,
  type RememberedAnswer,
} from '../../app/answer-memory.js';
import { normalizeGapText } from '../../core/gaps/normalize-gap.js';
import { isLanguage } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import { redisIsReady, type RedisClient } from '../../runtime/redis-client.js';
import { withTimeout } from '../../with-timeout.js';

export interface RedisAnswerMemoryOptions {
  redis: RedisClient;
  /** Keys start with `<prefix>:{answers}:`; the hash tag keeps what one step writes in one Cluster slot. */
  prefix: string;
  log: Logger;
  /** Longest wait for Redis on the path of an answer. Default 250 ms. */
  timeoutMs?: number;
}

const {
  recentEntrySeconds: RECENT_ENTRY_SECONDS,
  ratingWindowSeconds: RATING_WINDOW_SECONDS,
  dislikedSeconds: DISLIKED_SECONDS,
  questionsKept: QUESTIONS_KEPT,
  questionsShown: QUESTIONS_SHOWN,
} = ANSWER_MEMORY_RULES;

const RATING_CODES: Record<Rating, string> = { up: 'u', down: 'd' };

function parseAnswer(raw: string | null): RememberedAnswer | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<RememberedAnswer>;
    if (typeof value.entryId !== 'string' || typeof value.question !== 'string' || !isLanguage(value.lang))
      return null;
    return { entryId: value.entryId, lang: value.lang, question: value.question };
  } catch {
    return null; // a value this code did not write: the answer is as good as forgotten
  }
}

/** A tap on 👍/👎: counted once per answer, a 👎 also kept with its normalised question for `/gaps`. */
async function countRating(
  redis: RedisClient,
  base: string,
  token: string,
  rating: Rating,
): Promise<RatingResult> {
  const answer = parseAnswer(await redis.get(`${base}answer:${token}`));
  if (!answer) return { kind: 'expired' };
  const first = await redis.set(`${base}rated:${token}`, rating, 'EX', RATING_WINDOW_SECONDS, 'NX');
  if (first !== 'OK') return { kind: 'already' };
  const step = redis
    .multi()
    .hincrby(`${base}feedback`, `${answer.entryId}|${answer.lang}|${RATING_CODES[rating]}`, 1);
  if (rating === 'down') {
    const questions = `${base}disliked:${answer.entryId}`;
    step.zincrby(`${base}disliked`, 1, answer.entryId).expire(`${base}disliked`, DISLIKED_SECONDS);
    const normalized = normalizeGapText(answer.question);
    if (normalized !== '')
      step
        .zincrby(questions, 1, normalized)
        .zremrangebyrank(questions, 0, -(QUESTIONS_KEPT + 1))
        .expire(questions, DISLIKED_SECONDS);
  }
  await step.exec();
  return { kind: 'counted', answer };
}

/** The entries with the most 👎, each with its most frequent questions. */
async function readMostDisliked(redis: RedisClient, base: string, limit: number): Promise<DislikedEntry[]> {
  const ranked = await redis.zrevrange(`${base}disliked`, 0, limit - 1, 'WITHSCORES');
  const entries: DislikedEntry[] = [];
  for (let i = 0; i < ranked.length; i += 2) {
    const entryId = ranked[i]!;
    const questions = await redis.zrevrange(`${base}disliked:${entryId}`, 0, QUESTIONS_SHOWN - 1);
    entries.push({ entryId, count: Number(ranked[i + 1]), questions });
  }
  return entries;
}

/**
 * Answers and their feedback in Redis: `answer:<token>` (JSON, a week), `recent:<userId>` (entry id, ten
 * minutes), `rated:<token>` (the one-tap mark), `feedback` (hash `<entry>|<lang>|u|d` → count), `disliked`
 * (entries by 👎) and `disliked:<entry>` (normalised questions by 👎), forgotten a month after the last 👎;
 * answers (with their question) are kept a week, like a ticket draft; only the recent-entry key names a user.
 * Reads on the path of an answer give up after `timeoutMs` and never throw.
 */
export function createRedisAnswerMemory(opts: RedisAnswerMemoryOptions): AnswerMemory {
  const { redis } = opts;
  const base = `${opts.prefix}:{answers}:`;
  const timeoutMs = opts.timeoutMs ?? 250;
  let failing = false;

  /** For the answer path: undefined instead of an error, logged once per outage. */
  async function quietly<T>(what: string, command: () => Promise<T>): Promise<T | undefined> {
    try {
      if (!redisIsReady(redis)) throw new Error(`redis connection is ${redis.status}`);
      const result = await withTimeout(command(), timeoutMs, `answer memory ${what}`);
      failing = false;
      return result;
    } catch (err) {
      if (!failing) opts.log.warn({ err: (err as Error).message }, `answer memory ${what} failed`);
      failing = true;
      return undefined;
    }
  }

  return {
    async remember(userId, answer) {
      const token = randomBytes(6).toString('base64url');
      const written = await quietly('write', () =>
        redis
          .multi()
          .set(`${base}answer:${token}`, JSON.stringify(answer), 'EX', RATING_WINDOW_SECONDS)
          .set(`${base}recent:${userId}`, answer.entryId, 'EX', RECENT_ENTRY_SECONDS)
          .exec(),
      );
      return written ? token : null;
    },

    async recentEntry(userId) {
      return (await quietly('read', () => redis.get(`${base}recent:${userId}`))) ?? null;
    },

    rate: (token, rating) => countRating(redis, base, token, rating),
    mostDisliked: (limit) => readMostDisliked(redis, base, limit),
  };
}
