import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToChannelKeys } from '../../../src/adapters/redis/ticket-key-migration.js';
import { RedisTicketStore } from '../../../src/adapters/redis/ticket-store.js';
import type { TicketDraft } from '../../../src/core/follow-up/ticket.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';

interface DumpedKey {
  key: string;
  type: string;
  value: unknown;
  ttlMs: number;
}

/** Keys written by the follow-up store of the build before channels (see the fixture's `writtenBy`). */
async function fillWithPreviousBuild(redis: Redis, prefix: string): Promise<void> {
  const url = new URL('../../fixtures/redis/follow-ups-before-channels.json', import.meta.url);
  const dump = JSON.parse(await readFile(url, 'utf8')) as { keys: DumpedKey[] };
  for (const { key, type, value, ttlMs } of dump.keys) {
    const name = `${prefix}${key}`;
    if (type === 'string') await redis.set(name, value as string);
    else if (type === 'hash') await redis.hset(name, value as Record<string, string>);
    else if (type === 'zset') {
      const flat = value as string[];
      for (let i = 0; i < flat.length; i += 2) await redis.zadd(name, flat[i + 1]!, flat[i]!);
    } else throw new Error(`fixture holds a ${type}, which this loader does not know`);
    if (ttlMs > 0) await redis.pexpire(name, ttlMs);
  }
}

const telegram = (userId: number) => ({ channel: 'telegram' as const, userId });
const draft = (question: string, userId: number): TicketDraft => ({
  channel: 'telegram',
  userId,
  chatId: userId,
  userName: 'Li Wei',
  lang: 'zh',
  question,
  considered: [],
  origin: 'offer',
});

describe('moving follow-up keys to the channel-scoped layout', () => {
  let redis: Redis;
  let prefix: string;
  let store: RedisTicketStore;
  const log = pino({ level: 'silent' });

  beforeEach(async () => {
    redis = new Redis(testRedisUrl());
    prefix = `${uniquePrefix('migrate')}:{fu}:`;
    store = new RedisTicketStore({ redis, prefix });
    await fillWithPreviousBuild(redis, prefix);
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("keeps every user's tickets, duplicate windows, redelivered updates and awaited questions", async () => {
    expect(await store.listForUser(telegram(7), 10)).toEqual([]);
    expect(await migrateToChannelKeys(redis, prefix, log)).toBe(11);

    expect((await store.listForUser(telegram(7), 10)).map((t) => t.number).sort()).toEqual([1001, 1002]);
    expect((await store.listForUser(telegram(8), 10)).map((t) => t.question)).toEqual(['Wie trete ich bei?']);
    // Update 501 made ticket #1001 before the upgrade: delivered again, it is still that ticket.
    expect(await store.create(draft('怎么申请资金？', 7), 501, Date.now())).toMatchObject({
      ticket: { number: 1001 },
    });
    expect(await store.create(draft('怎么申请资金？', 7), 601, Date.now())).toMatchObject({
      kind: 'duplicate',
      ticket: { number: 1001 },
    });
    expect(await store.takeExpectedQuestion(telegram(9))).toBe(true);
    expect(await redis.keys(`${prefix}user:*`)).toEqual([]);
  });

  it('runs once, and merges a user index the new build started before it ran', async () => {
    const early = await store.create(draft('A question during start-up', 7), 900, Date.now());
    expect(early.kind).toBe('created');
    await migrateToChannelKeys(redis, prefix, log);
    expect((await store.listForUser(telegram(7), 10)).map((t) => t.number).sort()).toEqual([
      1001, 1002, 1004,
    ]);
    expect(await migrateToChannelKeys(redis, prefix, log)).toBe(0);
  });
});
