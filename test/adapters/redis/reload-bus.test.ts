import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisReloadBus } from '../../../src/adapters/redis/reload-bus.js';
import { createRedisConnection } from '../../../src/adapters/redis/connection.js';
import type { InstanceReloadReply, ReloadRequest } from '../../../src/app/reload/reload-types.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { silentLog } from '../../app/reload/support.js';

const opened: { bus: RedisReloadBus; redis: Redis }[] = [];
let prefix = uniquePrefix('bus');

afterEach(async () => {
  for (const { bus, redis } of opened.splice(0)) {
    await bus.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
  prefix = uniquePrefix('bus');
});

/** A bus on its own connection, made the way main.ts makes them. */
async function bus(): Promise<RedisReloadBus> {
  const redis = createRedisConnection(testRedisUrl(), { logger: silentLog, name: 'bus-test' });
  await redis.connect();
  const created = new RedisReloadBus({ redis, prefix, log: silentLog });
  opened.push({ bus: created, redis });
  return created;
}

const request = (origin: string, seq: number, extra: Partial<ReloadRequest> = {}): ReloadRequest => ({
  id: `req-${seq}-${origin}`,
  seq,
  origin,
  source: { kind: 'file' },
  requestedBy: 'test',
  at: Date.now(),
  ...extra,
});

const reply = (req: ReloadRequest, instanceId: string): InstanceReloadReply => ({
  requestId: req.id,
  instanceId,
  status: 'reloaded',
  version: 'v2',
});

describe('RedisReloadBus', () => {
  it('delivers a request to every other instance and gathers their replies without waiting for the timeout', async () => {
    const [a, b, c] = [await bus(), await bus(), await bus()];
    const seen: string[] = [];
    const handle = (id: string) => async (req: ReloadRequest) => {
      seen.push(`${id}:${req.id}`);
      return reply(req, id);
    };
    await a.listen('a', handle('a'));
    await b.listen('b', handle('b'));
    await c.listen('c', handle('c'));

    const started = Date.now();
    const replies = await a.broadcast(request('a', await a.nextSequence()), { timeoutMs: 5_000 });

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(replies.map((r) => r.instanceId).sort()).toEqual(['b', 'c']);
    // The instance that asked does not handle its own request a second time.
    expect(seen.sort()).toEqual(['b:req-1-a', 'c:req-1-a']);
  });

  it('gives up waiting after the timeout with the replies that came', async () => {
    const [a, fast, slow] = [await bus(), await bus(), await bus()];
    await fast.listen('fast', async (req) => reply(req, 'fast'));
    await slow.listen('slow', async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return reply(req, 'slow');
    });
    const started = Date.now();
    const replies = await a.broadcast(request('tool', 1), { timeoutMs: 400 });
    expect(replies.map((r) => r.instanceId)).toEqual(['fast']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('shares content by its hash and refuses content that does not match it', async () => {
    const [a, b] = [await bus(), await bus()];
    const { sha256, bytes } = await a.shareContent('{"version":"ü"}');
    expect(bytes).toBe(16);
    expect(await b.fetchContent(sha256)).toBe('{"version":"ü"}');

    const raw = new Redis(testRedisUrl());
    await raw.set(`${prefix}:{kb}:reload:content:${sha256}`, '{"version":"evil"}');
    await raw.quit();
    expect(await b.fetchContent(sha256)).toBeNull();
    expect(await b.fetchContent('0'.repeat(64))).toBeNull();
  });

  it('numbers requests in order and remembers the newest for instances that missed it', async () => {
    const [a, b] = [await bus(), await bus()];
    expect(await b.latest()).toBeNull();
    const first = await a.nextSequence();
    const second = await b.nextSequence();
    expect(second).toBe(first + 1);
    await a.broadcast(request('a', second, { source: { kind: 'content', sha256: 'ab', bytes: 2 } }), {
      timeoutMs: 100,
    });
    expect(await b.latest()).toMatchObject({ seq: second, source: { kind: 'content', sha256: 'ab' } });
  });
});
