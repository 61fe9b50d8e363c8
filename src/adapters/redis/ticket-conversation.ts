import type { Redis } from 'ioredis';
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
