import type { Cluster, Redis } from 'ioredis';

/** A standalone/Sentinel client or a Cluster: everything here uses single-key commands that work on both. */
export type RedisClient = Redis | Cluster;

/**
 * True when commands would go out now. ioredis queues commands while disconnected and (with BullMQ's
 * `maxRetriesPerRequest: null`) waits for Redis forever; paths that must not wait check this first.
 */
export const redisIsReady = (redis: RedisClient): boolean => redis.status === 'ready';
