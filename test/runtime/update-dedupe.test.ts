import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpdateDedupe } from '../../src/runtime/update-dedupe.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startRedisServer } from '../support/redis-server.js';

const log = pino({ level: 'silent' });
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  await redis.ping();
});
afterAll(() => redis.quit());

describe('update dedupe', () => {
  it('lets one delivery of an update_id through, across instances sharing Redis', async () => {
    const prefix = uniquePrefix('dedupe');
    const other = new Redis(testRedisUrl());
    await other.ping();
    try {
      const a = createUpdateDedupe({ redis, prefix, log });
      const b = createUpdateDedupe({ redis: other, prefix, log });
      const claims = await Promise.all([a.claim(1), b.claim(1), a.claim(1), b.claim(2)]);
      expect(claims.filter(Boolean)).toHaveLength(2);
      expect(claims[3]).toBe(true);
      await a.done(1);
      expect(await redis.get(`${prefix}:1`)).toBe('done');
      expect(await redis.ttl(`${prefix}:1`)).toBeGreaterThan(3_000);
    } finally {
      await other.quit();
      await redis.del(`${prefix}:1`, `${prefix}:2`);
    }
  });

  it('marks every handled update as done, so that no other instance handles it again', async () => {
    const prefix = uniquePrefix('dedupe');
    const ids = [11, 12, 13, 14];
    try {
      const a = createUpdateDedupe({ redis, prefix, log });
      for (const id of ids) expect(await a.claim(id)).toBe(true);
      await Promise.all(ids.map((id) => a.done(id)));
      expect(await redis.mget(ids.map((id) => `${prefix}:${id}`))).toEqual(ids.map(() => 'done'));
      for (const id of ids) expect(await redis.ttl(`${prefix}:${id}`)).toBeGreaterThan(3_000);
      const b = createUpdateDedupe({ redis, prefix, log });
      for (const id of ids) expect(await b.claim(id)).toBe(false);
    } finally {
      await redis.del(...ids.map((id) => `${prefix}:${id}`));
    }
  });

  it('lets a redelivery through once the processing mark of a dead instance expires', async () => {
    const prefix = uniquePrefix('dedupe');
    const dead = createUpdateDedupe({ redis, prefix, log, processingTtlSeconds: 1 });
    expect(await dead.claim(9)).toBe(true);
    const survivor = createUpdateDedupe({ redis, prefix, log });
    expect(await survivor.claim(9)).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await survivor.claim(9)).toBe(true);
    await redis.del(`${prefix}:9`);
  });

  it('still catches repeats in memory while Redis is down', async () => {
    const server = await startRedisServer();
    const client = new Redis(server.url, { maxRetriesPerRequest: null });
    client.on('error', () => {});
    await client.ping();
    try {
      const dedupe = createUpdateDedupe({ redis: client, prefix: uniquePrefix('dedupe'), log });
      await server.stop();
      const started = Date.now();
      expect(await dedupe.claim(5)).toBe(true);
      expect(await dedupe.claim(5)).toBe(false);
      await dedupe.done(5);
      expect(await dedupe.claim(5)).toBe(false);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      client.disconnect();
      await server.dispose();
    }
  });
});
