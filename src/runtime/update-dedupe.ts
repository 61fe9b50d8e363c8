import type { Logger } from '../logger.js';
import { redisIsReady, type RedisClient } from './redis-client.js';
import { withTimeout } from '../with-timeout.js';

/**
 * Telegram may deliver an update twice (a retried webhook call); this lets only the first delivery through.
 */
export interface UpdateDedupe {
  /** True for the first delivery of this update_id, false for a repeat (seen here or by another instance). */
  claim(updateId: number): Promise<boolean>;
  /** The claimed update was handled: keep the mark for the long TTL. */
  done(updateId: number): Promise<void>;
}

export interface UpdateDedupeOptions {
  redis: RedisClient;
  /** Keys are `<prefix>:<update_id>`; include the bot id, since update ids are per bot. */
  prefix: string;
  log: Logger;
  /**
   * While an update is being handled its mark lives this long, so that if the instance dies mid-update a
   * later redelivery is handled after all. Default 60 s.
   */
  processingTtlSeconds?: number;
  /** How long a handled update_id is remembered. Telegram retries within minutes; default 1 h. */
  doneTtlSeconds?: number;
  /** Update ids remembered in memory, which is all there is while Redis is down. Default 10,000. */
  memorySize?: number;
  redisTimeoutMs?: number;
  /** What the marks are for, in log lines; default "update dedupe". */
  label?: string;
}

/**
 * Claims update ids in Redis (`SET NX EX`), shared by every instance behind one webhook, and in memory as
 * well, so that repeats are still caught on this instance while Redis is down. Never throws: a Redis failure
 * falls back to memory and is logged once per outage.
 */
export function createUpdateDedupe(opts: UpdateDedupeOptions): UpdateDedupe {
  const processingTtl = opts.processingTtlSeconds ?? 60;
  const doneTtl = opts.doneTtlSeconds ?? 3_600;
  const timeoutMs = opts.redisTimeoutMs ?? 250;
  const memory = createExpiringSet(opts.memorySize ?? 10_000);
  const label = opts.label ?? 'update dedupe';
  let degraded = false;

  const viaRedis = async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    if (!redisIsReady(opts.redis)) return noteOutage(new Error(`redis connection is ${opts.redis.status}`));
    try {
      const result = await withTimeout(command(), timeoutMs, label);
      if (degraded) opts.log.info(`${label} uses Redis again`);
      degraded = false;
      return result;
    } catch (err) {
      return noteOutage(err);
    }
  };
  const noteOutage = (err: unknown): undefined => {
    if (!degraded) opts.log.warn({ err }, `${label} falls back to memory: Redis unavailable`);
    degraded = true;
    return undefined;
  };
  const key = (updateId: number) => `${opts.prefix}:${updateId}`;

  return {
    async claim(updateId) {
      if (memory.has(updateId)) return false;
      // Marked before asking Redis, so that a repeat arriving meanwhile on this instance is caught here.
      memory.add(updateId, processingTtl);
      const reply = await viaRedis(() =>
        opts.redis.set(key(updateId), 'processing', 'EX', processingTtl, 'NX'),
      );
      if (reply !== null) return true;
      // Another instance holds it: its mark, not ours, decides when a redelivery may run again.
      memory.delete(updateId);
      return false;
    },
    async done(updateId) {
      memory.add(updateId, doneTtl);
      await viaRedis(() => opts.redis.set(key(updateId), 'done', 'EX', doneTtl));
    },
  };
}

/** A bounded set of numbers with expiry; the oldest entries go first when it is full. */
function createExpiringSet(capacity: number) {
  const expiries = new Map<number, number>();
  return {
    has(id: number): boolean {
      const expiry = expiries.get(id);
      if (expiry === undefined) return false;
      if (expiry > Date.now()) return true;
      expiries.delete(id);
      return false;
    },
    delete(id: number): void {
      expiries.delete(id);
    },
    add(id: number, ttlSeconds: number): void {
      expiries.delete(id);
      expiries.set(id, Date.now() + ttlSeconds * 1000);
      if (expiries.size > capacity) expiries.delete(expiries.keys().next().value!);
    },
  };
}
