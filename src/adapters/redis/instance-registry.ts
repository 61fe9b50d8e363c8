import type { Redis } from 'ioredis';
import type { InstanceStatus } from '../../app/reload/reload-types.js';

export interface RedisInstanceRegistryOptions {
  redis: Redis;
  /** Keys start with `<prefix>:{kb}:`; the hash tag keeps them in one Cluster slot (MGET). Default `desk`. */
  prefix?: string;
  /** An instance not heard from for this long is gone. Default 30 s (three heartbeats). */
  ttlSeconds?: number;
}

/**
 * Instances and the knowledge-base version each serves: one key per instance holding its status, with a TTL so
 * that a crashed instance disappears on its own, and a sorted set of ids by last heartbeat so that listing needs
 * no SCAN.
 */
export class RedisInstanceRegistry {
  private readonly redis: Redis;
  private readonly base: string;
  private readonly ttlSeconds: number;

  constructor(options: RedisInstanceRegistryOptions) {
    this.redis = options.redis;
    this.base = `${options.prefix ?? 'desk'}:{kb}:`;
    this.ttlSeconds = options.ttlSeconds ?? 30;
  }

  private get indexKey(): string {
    return `${this.base}instances`;
  }

  private statusKey(id: string): string {
    return `${this.base}instance:${id}`;
  }

  async announce(status: InstanceStatus): Promise<void> {
    await this.redis
      .multi()
      .set(this.statusKey(status.id), JSON.stringify(status), 'EX', this.ttlSeconds)
      .zadd(this.indexKey, status.seenAt, status.id)
      .zremrangebyscore(this.indexKey, '-inf', status.seenAt - this.ttlSeconds * 1000)
      .exec();
  }

  async list(): Promise<InstanceStatus[]> {
    const ids = await this.redis.zrangebyscore(this.indexKey, Date.now() - this.ttlSeconds * 1000, '+inf');
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => this.statusKey(id)));
    return values
      .flatMap((value) => {
        const status = parseStatus(value);
        return status ? [status] : [];
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async withdraw(id: string): Promise<void> {
    await this.redis.multi().del(this.statusKey(id)).zrem(this.indexKey, id).exec();
  }
}

function parseStatus(value: string | null): InstanceStatus | null {
  if (value === null) return null;
  try {
    const status = JSON.parse(value) as InstanceStatus;
    return typeof status?.id === 'string' && typeof status.version === 'string' ? status : null;
  } catch {
    return null;
  }
}
