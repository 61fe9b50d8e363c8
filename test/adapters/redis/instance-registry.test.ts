import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisInstanceRegistry } from '../../../src/adapters/redis/instance-registry.js';
import type { InstanceStatus } from '../../../src/app/reload/reload-types.js';
import { uniquePrefix, useTestRedis } from '../../support/redis.js';

let redis: Redis;
let prefix: string;

useTestRedis({ connected: (r) => (redis = r), prefix: () => prefix });

const status = (id: string, version: string, seenAt = Date.now()): InstanceStatus => ({
  id,
  version,
  entries: 27,
  loadedAt: seenAt - 1000,
  seenAt,
});

describe('RedisInstanceRegistry', () => {
  it('lists every instance with the version it serves, the latest record of each', async () => {
    prefix = uniquePrefix('registry');
    const registry = new RedisInstanceRegistry({ redis, prefix });
    await registry.announce(status('b-2', 'v1'));
    await registry.announce(status('a-1', 'v1'));
    await registry.announce({
      ...status('b-2', 'v2'),
      lastFailure: { at: 1, status: 'invalid', detail: 'x' },
    });

    const listed = await registry.list();
    expect(listed.map((s) => [s.id, s.version])).toEqual([
      ['a-1', 'v1'],
      ['b-2', 'v2'],
    ]);
    expect(listed[1]!.lastFailure).toEqual({ at: 1, status: 'invalid', detail: 'x' });
  });

  it('forgets an instance that stops announcing itself, and one that withdraws', async () => {
    prefix = uniquePrefix('registry');
    const registry = new RedisInstanceRegistry({ redis, prefix, ttlSeconds: 1 });
    await registry.announce(status('silent', 'v1'));
    await registry.announce(status('leaving', 'v1'));
    await registry.withdraw('leaving');
    expect((await registry.list()).map((s) => s.id)).toEqual(['silent']);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await registry.list()).toEqual([]);
  });
});
