import { redisIsReady, type RedisClient } from '../../runtime/redis-client.js';
import { withTimeout } from '../../with-timeout.js';
import type { RateCounter } from '../../app/rate-limit/rate-counter.js';

/** Redis did not count a hit (down, not connected, or too slow); the caller decides what failing means. */
export class RateCounterUnavailableError extends Error {
  readonly code = 'RATE_COUNTER_UNAVAILABLE';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`rate counter unavailable: ${reason}`, options);
    this.name = 'RateCounterUnavailableError';
  }
}

/**
 * One atomic step: count the hit, and start the window on the first hit (or repair a key that lost its TTL,
 * so that a counter can never block a user for good). Returns the count and the window's remaining
 * milliseconds.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

export interface RedisRateCounterOptions {
  redis: RedisClient;
  /** Keys are `<prefix>:<subject>`; default `desk:rate`. */
  prefix?: string;
  /** The window starts at a subject's first hit and lasts this long; default 60 s. */
  windowMs?: number;
  /** A hit Redis has not counted within this is given up; default 250 ms. */
  timeoutMs?: number;
}

/**
 * Counts hits per subject in Redis, so that every instance sees the same count. One key per subject with the
 * window as its TTL (one key, so it works on Redis Cluster too). Throws RateCounterUnavailableError at once
 * when the connection is not ready, rather than queueing behind a Redis that is down.
 */
export function createRedisRateCounter(opts: RedisRateCounterOptions): RateCounter {
  const prefix = opts.prefix ?? 'desk:rate';
  const windowMs = opts.windowMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 250;
  const countHit = defineHitCommand(opts.redis);
  return {
    async hit(subject) {
      if (!redisIsReady(opts.redis))
        throw new RateCounterUnavailableError(`connection is ${opts.redis.status}`);
      try {
        const reply = await withTimeout(
          countHit(`${prefix}:${subject}`, windowMs),
          timeoutMs,
          'rate counter',
        );
        const [count, resetInMs] = reply as [number, number];
        return { count, resetInMs };
      } catch (error) {
        throw new RateCounterUnavailableError(error instanceof Error ? error.message : String(error), {
          cause: error,
        });
      }
    },
  };
}

/** The name the hit script is defined under; one per client, whatever the number of counters on it. */
const HIT_COMMAND = 'deskRateHit';

type HitCommand = (key: string, windowMs: number) => Promise<unknown>;

/**
 * The hit script as a command of the client: ioredis sends EVALSHA (falling back to EVAL once after a Redis
 * restart emptied the script cache), so that each hit does not ship and hash the script's text again.
 */
function defineHitCommand(redis: RedisClient): HitCommand {
  const commands = redis as unknown as Record<string, HitCommand | undefined>;
  if (!commands[HIT_COMMAND]) redis.defineCommand(HIT_COMMAND, { numberOfKeys: 1, lua: HIT_SCRIPT });
  const command = commands[HIT_COMMAND]!;
  return (key, windowMs) => command.call(redis, key, windowMs);
}
