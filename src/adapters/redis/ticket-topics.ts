import type { Redis } from 'ioredis';
import type { TicketTopic } from '../../app/follow-up/staff-chat-records.js';
import { FollowUpCorruptError } from '../../app/follow-up/ticket-store.js';
import type { TicketKeys } from './ticket-keys.js';

/*
 * Forum topics of tickets: the ticket hash names its topic (`topic_id`), and each topic has a small hash of its
 * own (its ticket, and the title and closed state last applied in Telegram), read when a staff member writes
 * in the topic and when the topic is brought up to date with its ticket.
 */

/** The ticket gets its topic: both sides written at once, the ticket's version bumped (compare-and-set). */
export async function writeTopic(
  redis: Redis,
  keys: TicketKeys,
  topic: TicketTopic & { threadId: number },
  ttlSeconds: number,
): Promise<void> {
  const ticket = keys.ticket(topic.number);
  const record = keys.topic(topic.threadId);
  await redis
    .multi()
    .hset(ticket, 'topic_id', String(topic.threadId))
    .hincrby(ticket, 'v', 1)
    .hset(record, 'number', String(topic.number), 'name', topic.name, 'closed', topic.closed ? '1' : '0')
    .expire(record, ttlSeconds)
    .exec();
}

/** What the topic shows now, as last applied. */
export async function markTopic(
  redis: Redis,
  keys: TicketKeys,
  threadId: number,
  shown: Pick<TicketTopic, 'name' | 'closed'>,
): Promise<void> {
  await redis.hset(keys.topic(threadId), 'name', shown.name, 'closed', shown.closed ? '1' : '0');
}

export async function readTopic(
  redis: Redis,
  keys: TicketKeys,
  threadId: number,
): Promise<TicketTopic | null> {
  const hash = await redis.hgetall(keys.topic(threadId));
  if (hash.number === undefined) return null;
  const number = Number(hash.number);
  if (!Number.isInteger(number)) throw new FollowUpCorruptError(`topic ${threadId}: number`);
  return { number, name: hash.name ?? '', closed: hash.closed === '1' };
}

/**
 * KEYS: ticket, outbox, outboxDue. ARGV: threadId, now, work (JSON array of [id, json]).
 * The ticket forgets its topic only while it still names it, so that the outbox gets the work once.
 */
const FORGET_TOPIC = `
if redis.call('HGET', KEYS[1], 'topic_id') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'topic_id')
redis.call('HINCRBY', KEYS[1], 'v', 1)
for _, item in ipairs(cjson.decode(ARGV[3])) do
  redis.call('HSET', KEYS[2], item[1], item[2])
  redis.call('ZADD', KEYS[3], ARGV[2], item[1])
end
return 1
`;

/**
 * The ticket no longer has topic `threadId` (deleted in Telegram); true when this call made it forget it.
 * The topic's own record stays: should Telegram still show the topic, a staff message there still finds
 * its ticket.
 */
export async function forgetTopic(
  redis: Redis,
  keys: TicketKeys,
  args: { number: number; threadId: number; work: [string, string][]; now: number },
): Promise<boolean> {
  const forgot = await redis.eval(
    FORGET_TOPIC,
    3,
    keys.ticket(args.number),
    keys.outbox,
    keys.outboxDue,
    String(args.threadId),
    args.now,
    JSON.stringify(args.work),
  );
  return forgot === 1;
}
