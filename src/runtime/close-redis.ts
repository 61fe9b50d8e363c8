import { withTimeout } from '../with-timeout.js';
import type { RedisClient } from './redis-client.js';

/**
 * Closes a Redis connection for shutdown: QUIT (pending replies arrive first) when connected, else, or when
 * QUIT does not answer within `timeoutMs`, a plain disconnect. Never throws, never waits for a Redis that is
 * down.
 */
export async function closeRedis(redis: RedisClient, timeoutMs = 1_000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    try {
      await withTimeout(redis.quit(), timeoutMs, 'redis quit');
      return;
    } catch {
      // fall through: a connection that does not answer QUIT is cut
    }
  }
  redis.disconnect();
}
