import { writeFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { connectInBackground, createRedisConnection } from '../../../src/adapters/redis/connection.js';
import { ReloadBus } from '../../../src/adapters/redis/reload-bus.js';
import { createReloader } from '../../../src/app/reload/reloader.js';
import { freePort } from '../../support/free-port.js';
import { testRedisUrl } from '../../support/redis.js';
import { kbFolder, kbText, nextKb, shippedKb, silentLog, storeFor } from '../../app/reload/support.js';
import { reloadCluster } from './reload-cluster.js';

const cluster = reloadCluster();
const { instance } = cluster;

describe('a reload on one instance', () => {
  it('waits no longer than its limit for an instance that hangs, and names it', async () => {
    const [a, b] = [await instance('a', { replyWaitMs: 300 }), await instance('b')];
    // A registered instance that receives the request and never answers.
    const hung = new Redis(testRedisUrl());
    cluster.afterTest(async () => hung.disconnect());
    await hung.subscribe(`${cluster.prefix}:{kb}:reload`);
    await a.registry.announce({ id: 'hung', version: 'v1', entries: 1, loadedAt: 0, seenAt: Date.now() });

    const started = Date.now();
    const result = await a.bus.reloadEverywhere({ kind: 'file' }, 'test');

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(result).toMatchObject({ kind: 'done', others: [{ instanceId: b.id }], silent: ['hung'] });
  });

  it('an instance cut off from Redis during a reload catches up when it reconnects', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    await writeFile(b.kbPath, kbText(await nextKb('while-away.1')));
    const clients = (await a.redis.client('LIST')) as string;
    const subscriberOfB = clients.split('\n').find((line) => / name=b-reload-bus /.test(line));
    expect(subscriberOfB).toBeDefined();
    await a.redis.client('KILL', 'ID', /id=(\d+)/.exec(subscriberOfB!)![1]!);

    await a.bus.reloadEverywhere({ kind: 'file' }, 'test');

    await expect.poll(() => b.store.current().version, { timeout: 5_000 }).toBe('while-away.1');
  });

  it('an instance started while its Redis connection is still being made joins once it is up', async () => {
    const a = await instance('a');
    const b = await instance('b', { connecting: true });
    await writeFile(b.kbPath, kbText(await nextKb('joined-late.1')));

    const result = await a.bus.reloadEverywhere({ kind: 'file' }, 'test');

    expect(result).toMatchObject({ kind: 'done', silent: [] });
    expect(b.store.current().version).toBe('joined-late.1');
    expect((await a.registry.list()).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('an instance shut down before its Redis ever answered stops waiting to join', async () => {
    const redis = createRedisConnection(`redis://127.0.0.1:${await freePort()}`, {
      logger: silentLog,
      name: 'never-up',
    });
    connectInBackground(redis);
    const reloader = createReloader({
      store: storeFor(await shippedKb()),
      kbPath: (await kbFolder()).kbPath,
      defaultLanguage: 'en',
      log: silentLog,
    });
    const bus = new ReloadBus({ redis, prefix: cluster.prefix, log: silentLog, id: 'never-up', reloader });
    let joined = false;
    const started = bus.start().then(() => (joined = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(joined).toBe(false);
    await bus.stop();
    await started;
    expect(joined).toBe(true);
    redis.disconnect();
  });
});
