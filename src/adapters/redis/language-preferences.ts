import { isLanguage } from '../../core/language/languages.js';
import type { LanguagePreferences } from '../../app/language-preferences.js';
import type { Logger } from '../../logger.js';
import { redisIsReady, type RedisClient } from '../../runtime/redis-client.js';
import { withTimeout } from '../../with-timeout.js';

export interface RedisLanguagePreferencesOptions {
  redis: RedisClient;
  /** Keys are `<prefix>:lang:<userId>`; tests pass a unique prefix. */
  prefix: string;
  log: Logger;
  /** Longest wait for Redis on the path of an answer. Default 250 ms. */
  timeoutMs?: number;
}

/**
 * /lang choices in Redis, kept without expiry so that they survive restarts. When Redis is not connected
 * nothing is sent at all (reads give null, writes false) so that answers never wait for it; a slow Redis is cut
 * off after `timeoutMs`. Failures are logged once per outage.
 */
export function createRedisLanguagePreferences(opts: RedisLanguagePreferencesOptions): LanguagePreferences {
  const timeoutMs = opts.timeoutMs ?? 250;
  const key = (userId: number) => `${opts.prefix}:lang:${userId}`;
  let failing = false;

  async function attempt<T>(what: string, command: () => Promise<T>): Promise<T | undefined> {
    try {
      if (!redisIsReady(opts.redis)) throw new Error(`redis connection is ${opts.redis.status}`);
      const result = await withTimeout(command(), timeoutMs, `language preference ${what}`);
      failing = false;
      return result;
    } catch (err) {
      if (!failing) opts.log.warn({ err: (err as Error).message }, `language preference ${what} failed`);
      failing = true;
      return undefined;
    }
  }

  return {
    async get(userId) {
      const value = await attempt('read', () => opts.redis.get(key(userId)));
      return isLanguage(value) ? value : null;
    },
    async set(userId, lang) {
      return (await attempt('write', () => opts.redis.set(key(userId), lang))) === 'OK';
    },
  };
}
