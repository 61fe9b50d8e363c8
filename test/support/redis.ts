import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

/** The Redis every test shares (see global-redis.ts). */
export const testRedisUrl = (): string => inject('redisUrl');

/** A unique prefix for one test's keys and queue names, so that tests never see each other's data. */
export const uniquePrefix = (label = 't'): string => `test:${label}:${randomUUID().slice(0, 8)}`;
