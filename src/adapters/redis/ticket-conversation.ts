import type { Redis } from 'ioredis';
import type { RelayTurn } from '../../app/follow-up/ticket-store.js';
import type { UserRef } from '../../core/channel.js';
import type { ThreadEntry } from '../../core/follow-up/thread.js';
import { parseStored } from './ticket-codec.js';
import type { TicketKeys } from './ticket-keys.js';

/** The thread of a ticket, oldest first. */
export async function readThread(redis: Redis, keys: TicketKeys, number: number): Promise<ThreadEntry[]> {
  const raw = await redis.lrange(keys.thread(number), 0, -1);
  return raw.map((json) => parseStored<ThreadEntry>(json, `thread of ticket ${number}`));
}

/** The ticket in conversation with the user whose latest staff message is newest, if any since `since`. */
export async function readLatestTalk(
  redis: Redis,
  keys: TicketKeys,
  user: UserRef,
  since: number,
): Promise<number | null> {
  const [latest] = await redis.zrevrangebyscore(keys.talk(user), '+inf', since, 'LIMIT', 0, 1);
  return latest === undefined ? null : Number(latest);
}

/**
 * Where a relay stands in its ticket's line: 'now' when every earlier relay in its direction is delivered,
 * 'later' when one is not yet, 'done' when it left the line (delivered, or given up).
 */
export async function readRelayTurn(redis: Redis, key: string, id: string): Promise<RelayTurn> {
  const position = await redis.lpos(key, id);
  if (position === null) return 'done';
  return position === 0 ? 'now' : 'later';
}
