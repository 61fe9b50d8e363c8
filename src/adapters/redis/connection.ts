import type { Redis } from 'ioredis';
import { createRedisFromUrl } from '../../runtime/redis-from-url.js';
import type { Logger } from '../../logger.js';

export interface RedisConnectionOptions {
  logger: Logger;
  /** Shown in CLIENT LIST and in logs. */
  name?: string;
  /** A command without a reply after this long fails, so that nothing waits on a hung Redis. Default 1000 ms. */
  commandTimeoutMs?: number;
}

/** Reconnection delay: 100 ms doubling up to 5 s, with jitter so that many instances do not reconnect in step. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 10), 5_000) + Math.floor(Math.random() * 100);
}

/**
 * A Redis connection for the desk's own short commands (language choices and the like). It never queues
 * commands while disconnected (they fail at once, so answers never wait on Redis), gives up on a command after
 * a short timeout, and keeps reconnecting with backoff for as long as the process lives. It connects lazily:
 * call `connectInBackground` once. An outage is logged once when it starts and once when it ends.
 */
export function createRedisConnection(url: string, opts: RedisConnectionOptions): Redis {
  const log = opts.logger.child({ redis: opts.name ?? 'desk' });
  const redis = createRedisFromUrl(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: opts.commandTimeoutMs ?? 1_000,
    connectTimeout: 2_000,
    retryStrategy: reconnectDelay,
    connectionName: opts.name ?? 'community-desk',
    // Commands issued in the same tick (dedupe, rate limit, language of many updates in flight) leave in one
    // write: fewer system calls per update under load, and no change for a lone command.
    enableAutoPipelining: true,
  });
  let down = false;
  redis.on('ready', () => {
    if (down) log.info('Redis is back');
    else log.info('Redis connected');
    down = false;
  });
  redis.on('error', (err: Error) => {
    if (!down)
      log.warn(
        { err: err.message },
        'Redis unavailable; answers go on without it, retrying in the background',
      );
    down = true;
  });
  return redis;
}

/**
 * Resolves true when the connection is ready, false when it has ended for good first (a shutdown before Redis
 * came); never rejects, and leaves no listener behind either way.
 */
export function untilReady(redis: Redis): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const ready = () => settle(true);
    const ended = () => settle(false);
    const settle = (isReady: boolean) => {
      redis.off('ready', ready).off('end', ended);
      resolve(isReady);
    };
    redis.once('ready', ready).once('end', ended);
  });
}

/** Starts connecting without waiting: a Redis that is down at start-up must not stop the bot from answering. */
export function connectInBackground(redis: Redis): void {
  // A failed first attempt is reported through the 'error' event; ioredis then keeps retrying on its own.
  redis.connect().catch(() => undefined);
}

/**
 * A connection for BullMQ producers that must never keep a user waiting: commands fail at once while Redis is
 * down (the outbox keeps the work for the sweeper). Outages are reported by the store's own connection, so
 * errors here are logged at debug only.
 */
export function createQueueProducerConnection(url: string, opts: { logger: Logger; name: string }): Redis {
  const redis = createRedisFromUrl(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectDelay,
    connectionName: opts.name,
  });
  redis.on('error', (err: Error) => opts.logger.debug({ err: err.message }, 'queue producer Redis error'));
  return redis;
}

/**
 * A connection for BullMQ workers: `maxRetriesPerRequest: null`, as BullMQ requires, so that they wait a Redis
 * outage out. Outages are reported by the store's own connection, so errors here are logged at debug only.
 */
export function createQueueWorkerConnection(url: string, opts: { logger: Logger; name: string }): Redis {
  const redis = createRedisFromUrl(url, {
    maxRetriesPerRequest: null,
    retryStrategy: reconnectDelay,
    connectionName: opts.name,
  });
  redis.on('error', (err: Error) => opts.logger.debug({ err: err.message }, 'queue worker Redis error'));
  return redis;
}
