import type { Redis } from 'ioredis';
import type { WorkItem } from '../../app/follow-up/work-items.js';
import type { TicketKeys } from './ticket-keys.js';
import { readWork } from './ticket-serialise.js';

/** Outbox entries written more than `ageMs` ago (their writer did not get to dispatch them). */
export async function readPendingWork(
  redis: Redis,
  keys: TicketKeys,
  ageMs: number,
  now: number,
  limit: number,
): Promise<WorkItem[]> {
  const ids = await redis.zrangebyscore(keys.outboxDue, '-inf', now - ageMs, 'LIMIT', 0, limit);
  if (ids.length === 0) return [];
  const raw = await redis.hmget(keys.outbox, ...ids);
  return raw.flatMap((json) => (json ? [readWork(json)] : []));
}

/** Tickets in the announcement backlog for more than `ageMs`. */
export async function readStaleBacklog(
  redis: Redis,
  keys: TicketKeys,
  ageMs: number,
  now: number,
  limit: number,
): Promise<number[]> {
  const numbers = await redis.zrangebyscore(keys.backlog, '-inf', now - ageMs, 'LIMIT', 0, limit);
  return numbers.map(Number);
}

/** Removes dispatched work from the outbox. */
export async function deleteWork(redis: Redis, keys: TicketKeys, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await redis
    .multi()
    .hdel(keys.outbox, ...ids)
    .zrem(keys.outboxDue, ...ids)
    .exec();
}
