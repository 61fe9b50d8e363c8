import type { ReadinessCheck } from '../routes/readiness.js';

/** What a readiness check needs of an ioredis client or cluster. */
export interface PingableRedis {
  readonly status: string;
  ping(): Promise<string>;
}

/**
 * Redis answers PING. A client that is not connected fails at once instead of queueing the PING until Redis
 * returns (ioredis's offline queue would make the probe hang until the readiness timeout).
 */
export function redisCheck(redis: PingableRedis, name = 'redis'): ReadinessCheck {
  return {
    name,
    async check() {
      if (redis.status !== 'ready') throw new Error(`connection is ${redis.status}`);
      const reply = await redis.ping();
      if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
    },
  };
}
