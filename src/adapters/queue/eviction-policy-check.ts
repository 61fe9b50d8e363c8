import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';

/** Reads `maxmemory_policy` from INFO (works where CONFIG is disabled, as on many managed services). */
export async function readEvictionPolicy(redis: Redis): Promise<string | null> {
  const info = await redis.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
}

/**
 * Warns loudly when Redis may evict keys under memory pressure: with any policy but `noeviction`, Redis could
 * silently drop tickets and queued jobs, which breaks "a confirmed ticket is never lost". Returns the policy
 * (null when it could not be read; that is logged too and never stops start-up).
 */
export async function warnUnlessNoEviction(redis: Redis, log: Logger): Promise<string | null> {
  try {
    const policy = await readEvictionPolicy(redis);
    if (policy !== 'noeviction') {
      log.error(
        { maxmemoryPolicy: policy },
        `Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis may delete tickets and ` +
          'queued follow-up jobs. Set "maxmemory-policy noeviction" in redis.conf (or your provider\'s settings).',
      );
    }
    return policy;
  } catch (err) {
    log.warn({ err }, 'could not read Redis maxmemory-policy; make sure it is "noeviction"');
    return null;
  }
}
