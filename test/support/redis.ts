import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

/** The Redis every test shares (see global-redis.ts). */
export const testRedisUrl = (): string => inject('redisUrl');

/** A unique prefix for one test's keys and queue names, so that tests never see each other's data. */
export const uniquePrefix = (label = 't'): string => `test:${label}:${randomUUID().slice(0, 8)}`;

/**
 * One connection to the test Redis for a whole test file, handed over through `connected` once it answers;
 * after each test, the keys under the file's current prefix are removed; the connection closes after the file.
 */
export function useTestRedis(opts: {
  connected: (redis: Redis) => void;
  prefix: () => string | undefined;
}): void {
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    await redis.ping();
    opts.connected(redis);
  });
  afterEach(async () => {
    const prefix = opts.prefix();
    if (!redis || !prefix) return;
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis?.quit();
  });
}
