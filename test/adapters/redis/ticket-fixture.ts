import { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { RedisDeliveryRecords } from '../../../src/adapters/redis/ticket-delivery.js';
import { RedisStaffChatRecords } from '../../../src/adapters/redis/ticket-staff-chat.js';
import { RedisTicketStore } from '../../../src/adapters/redis/ticket-store.js';
import type { TicketDraft } from '../../../src/core/follow-up/ticket.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';

export const STAFF_CHAT = -100123;
export const anna = { id: 1, name: 'Anna' };
export const ben = { id: 2, name: 'Ben' };

/** A user's question as a draft (user 7 unless told). */
export const draft = (question: string, userId = 7): TicketDraft => ({
  channel: 'telegram',
  userId,
  chatId: userId,
  userName: 'Li Wei',
  username: 'liwei',
  lang: 'zh',
  question,
  considered: [{ id: 'funding', title: 'Funding' }],
  origin: 'offer',
});

export interface TicketRecords {
  redis: Redis;
  prefix: string;
  store: RedisTicketStore;
  staffChat: RedisStaffChatRecords;
  delivery: RedisDeliveryRecords;
}

/**
 * The follow-up records over the test Redis, as the follow-ups compose them, under a prefix of their own for
 * each test; its keys are removed after it. Read the fields inside the tests (they change per test).
 */
export function useTicketRecords(label: string): TicketRecords {
  const records = {} as TicketRecords;
  beforeEach(() => {
    const redis = new Redis(testRedisUrl());
    const prefix = `${uniquePrefix(label)}:`;
    Object.assign(records, {
      redis,
      prefix,
      store: new RedisTicketStore({ redis, prefix }),
      staffChat: new RedisStaffChatRecords({ redis, staffChatId: STAFF_CHAT, prefix }),
      delivery: new RedisDeliveryRecords({ redis, staffChatId: STAFF_CHAT, prefix }),
    });
  });
  afterEach(async () => {
    const keys = await records.redis.keys(`${records.prefix}*`);
    if (keys.length) await records.redis.del(...keys);
    await records.redis.quit();
  });
  return records;
}
