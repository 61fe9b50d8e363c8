import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';

/** Set once every key of the store is in the channel-scoped layout. */
const DONE_MARK = 'migrated:channel-keys';
/** Key kinds that name a user or an update: before channels they stood straight under the prefix. */
const UNSCOPED_KINDS = ['user', 'dup', 'update', 'expect'] as const;
/** Keys of the staff-chat pacer that BullMQ's limiter replaced; nothing reads them any more. */
const RETIRED_KEYS = ['staff:pace', 'staff:hold'];
const SCAN_BATCH = 500;

/**
 * Moves the follow-up store's per-user and per-update keys written before channels existed
 * (`<prefix>user:42:open`) to their Telegram-scoped names (`<prefix>telegram:user:42:open`), once, at start-up,
 * so that open tickets, duplicate windows and idempotency marks survive the upgrade. RENAME keeps each key's
 * expiry; a user index that the new code already started is merged with the old one. Safe to run again (a
 * mark records that it is done) and on Cluster (every key shares the prefix's hash tag). Returns the keys moved.
 */
export async function migrateToChannelKeys(redis: Redis, prefix: string, log: Logger): Promise<number> {
  if ((await redis.exists(`${prefix}${DONE_MARK}`)) === 1) return 0;
  let moved = 0;
  for (const kind of UNSCOPED_KINDS) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${kind}:*`, 'COUNT', SCAN_BATCH);
      cursor = next;
      for (const key of keys) {
        await moveKey(redis, key, `${prefix}telegram:${key.slice(prefix.length)}`);
        moved++;
      }
    } while (cursor !== '0');
  }
  await redis.del(...RETIRED_KEYS.map((key) => `${prefix}${key}`));
  await redis.set(`${prefix}${DONE_MARK}`, new Date().toISOString());
  if (moved > 0) log.info({ moved }, 'follow-up keys moved to the channel-scoped layout');
  return moved;
}

async function moveKey(redis: Redis, from: string, to: string): Promise<void> {
  if ((await redis.renamenx(from, to)) === 1) return;
  // The new code wrote this user's index first (a ticket created during start-up): keep both sets of tickets.
  if ((await redis.type(from)) === 'zset') await redis.zunionstore(to, 2, to, from, 'AGGREGATE', 'MIN');
  await redis.del(from);
}
