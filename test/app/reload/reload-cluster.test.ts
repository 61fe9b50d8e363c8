import { readFile, writeFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../../src/adapters/redis/connection.js';
import { RedisInstanceRegistry } from '../../../src/adapters/redis/instance-registry.js';
import { RedisReloadBus } from '../../../src/adapters/redis/reload-bus.js';
import { createReloadService, type ReloadService } from '../../../src/app/reload/reload-service.js';
import type { SwappableKnowledgeStore } from '../../../src/core/knowledge-base/store.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';
import {
  FUNDING_QUESTION,
  invalidKb,
  kbFolder,
  kbText,
  nextKb,
  shippedKb,
  silentLog,
  storeFor,
} from './support.js';

interface Instance {
  id: string;
  kbPath: string;
  store: SwappableKnowledgeStore;
  service: ReloadService;
  redis: Redis;
  registry: RedisInstanceRegistry;
  handled: string[];
}

let prefix = uniquePrefix('cluster');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  prefix = uniquePrefix('cluster');
});

/** One bot instance's reload side: its own KB_PATH, store and Redis connection, on the shared prefix. */
async function instance(
  id: string,
  opts: { replyWaitMs?: number; redisUrl?: string } = {},
): Promise<Instance> {
  const folder = await kbFolder();
  const store = storeFor(await shippedKb());
  const redis = createRedisConnection(opts.redisUrl ?? testRedisUrl(), { logger: silentLog, name: id });
  await redis.connect();
  const registry = new RedisInstanceRegistry({ redis, prefix });
  const handled: string[] = [];
  const service = createReloadService({
    store,
    kbPath: folder.kbPath,
    defaultLanguage: 'en',
    log: silentLog,
    bus: new RedisReloadBus({ redis, prefix, log: silentLog }),
    registry,
    instanceId: id,
    replyWaitMs: opts.replyWaitMs ?? 3_000,
    observer: { reloadFinished: (result) => handled.push(result) },
  });
  await service.start();
  cleanups.push(async () => {
    await service.stop();
    const keys = await redis.keys(`${prefix}:*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await folder.dispose();
  });
  return { id, kbPath: folder.kbPath, store, service, redis, registry, handled };
}

const funding = (i: Instance) => i.store.current().answer(FUNDING_QUESTION, {}).entry?.answer.en ?? '';

describe('a reload on one instance', () => {
  it('reaches every instance: each re-reads its file, validates it and reports', async () => {
    const [a, b, c] = [await instance('a'), await instance('b'), await instance('c')];
    for (const i of [a, b, c]) await writeFile(i.kbPath, kbText(await nextKb('v2')));

    const result = await a.service.coordinator.requestReload({ kind: 'file' }, 'test');

    expect(result).toMatchObject({
      kind: 'done',
      local: { status: 'reloaded', version: 'v2' },
      silent: [],
      broadcast: 'sent',
    });
    if (result.kind !== 'done') throw new Error(result.kind);
    expect(result.others.map((r) => [r.instanceId, r.status, r.version]).sort()).toEqual([
      ['b', 'reloaded', 'v2'],
      ['c', 'reloaded', 'v2'],
    ]);
    expect(result.others[0]!.changes).toEqual({ added: 1, removed: 1, changed: expect.any(Number) });
    for (const i of [a, b, c]) expect(funding(i)).toMatch(/^NEW ANSWER/);
    expect((await a.registry.list()).map((s) => [s.id, s.version])).toEqual([
      ['a', 'v2'],
      ['b', 'v2'],
      ['c', 'v2'],
    ]);
  });

  it('an instance whose file is invalid keeps its old knowledge base and says so', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const old = b.store.current();
    await writeFile(a.kbPath, kbText(await nextKb('v2')));
    await writeFile(b.kbPath, kbText(await invalidKb()));

    const result = await a.service.coordinator.requestReload({ kind: 'file' }, 'test');

    if (result.kind !== 'done') throw new Error(result.kind);
    expect(result.others).toEqual([
      expect.objectContaining({ instanceId: 'b', status: 'invalid', version: old.version, totalErrors: 2 }),
    ]);
    expect(result.others[0]!.problems).toEqual(
      expect.arrayContaining(['entry funding: answer.fr: is missing']),
    );
    expect(b.store.current()).toBe(old);
    const recorded = (await a.registry.list()).find((s) => s.id === 'b');
    expect(recorded).toMatchObject({ version: old.version, lastFailure: { status: 'invalid' } });
  });

  it('sends uploaded content to every instance, which writes it to its own KB_PATH with a backup', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const before = await readFile(b.kbPath, 'utf8');
    const text = kbText(await nextKb('uploaded.1'));

    const result = await a.service.coordinator.requestReload({ kind: 'content', text }, 'test');

    expect(result).toMatchObject({
      kind: 'done',
      others: [{ instanceId: 'b', status: 'reloaded', version: 'uploaded.1' }],
    });
    expect(await readFile(b.kbPath, 'utf8')).toBe(text);
    expect(await readFile(`${b.kbPath}.bak`, 'utf8')).toBe(before);
    expect(funding(b)).toMatch(/^NEW ANSWER/);
  });

  it('refuses invalid content before any other instance hears of it', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const old = [a.store.current(), b.store.current()];

    const result = await a.service.coordinator.requestReload(
      { kind: 'content', text: kbText(await invalidKb()) },
      'test',
    );

    expect(result).toMatchObject({ kind: 'refused', totalErrors: 2, version: old[0]!.version });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([a.store.current(), b.store.current()]).toEqual(old);
    expect(b.handled).toEqual([]);
  });

  it('names a registered instance that does not answer in time', async () => {
    const a = await instance('a', { replyWaitMs: 300 });
    await a.registry.announce({ id: 'ghost', version: 'v1', entries: 1, loadedAt: 0, seenAt: Date.now() });
    const result = await a.service.coordinator.requestReload({ kind: 'file' }, 'test');
    expect(result).toMatchObject({ kind: 'done', others: [], silent: ['ghost'] });
  });

  it('applies concurrent reloads in one order everywhere, so every instance ends on the same version', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const [one, two] = [kbText(await nextKb('one.1')), kbText(await nextKb('two.1'))];
    await Promise.all([
      a.service.coordinator.requestReload({ kind: 'content', text: one }, 'test'),
      b.service.coordinator.requestReload({ kind: 'content', text: two }, 'test'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.store.current().version).toBe(b.store.current().version);
    expect(await readFile(a.kbPath, 'utf8')).toBe(await readFile(b.kbPath, 'utf8'));
  });

  it('an instance cut off from Redis during a reload catches up when it reconnects', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    await writeFile(b.kbPath, kbText(await nextKb('while-away.1')));
    const clients = (await a.redis.client('LIST')) as string;
    const subscriberOfB = clients.split('\n').find((line) => / name=b-reload-bus /.test(line));
    expect(subscriberOfB).toBeDefined();
    await a.redis.client('KILL', 'ID', /id=(\d+)/.exec(subscriberOfB!)![1]!);

    await a.service.coordinator.requestReload({ kind: 'file' }, 'test');

    await expect.poll(() => b.store.current().version, { timeout: 5_000 }).toBe('while-away.1');
  });
});
