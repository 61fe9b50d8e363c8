import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { connectInBackground, createRedisConnection } from '../../../src/adapters/redis/connection.js';
import { RedisInstanceRegistry } from '../../../src/adapters/redis/instance-registry.js';
import { ReloadBus } from '../../../src/adapters/redis/reload-bus.js';
import { createReloader } from '../../../src/app/reload/reloader.js';
import type { SwappableKnowledgeStore } from '../../../src/core/knowledge-base/store.js';
import { freePort } from '../../support/free-port.js';
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
} from '../../app/reload/support.js';

interface Instance {
  id: string;
  kbPath: string;
  store: SwappableKnowledgeStore;
  bus: ReloadBus;
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
  opts: { replyWaitMs?: number; redisUrl?: string; connecting?: boolean } = {},
): Promise<Instance> {
  const folder = await kbFolder();
  const store = storeFor(await shippedKb());
  const redis = createRedisConnection(opts.redisUrl ?? testRedisUrl(), { logger: silentLog, name: id });
  // `connecting`: started as startDesk starts it, while the connection is still being made.
  if (opts.connecting) connectInBackground(redis);
  else await redis.connect();
  const registry = new RedisInstanceRegistry({ redis, prefix });
  const handled: string[] = [];
  const reloader = createReloader({
    store,
    kbPath: folder.kbPath,
    defaultLanguage: 'en',
    log: silentLog,
    observer: { reloadFinished: (result) => handled.push(result) },
  });
  const bus = new ReloadBus({
    redis,
    prefix,
    log: silentLog,
    id,
    reloader,
    replyWaitMs: opts.replyWaitMs ?? 3_000,
  });
  await bus.start();
  cleanups.push(async () => {
    await bus.stop();
    const keys = await redis.keys(`${prefix}:*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await folder.dispose();
  });
  return { id, kbPath: folder.kbPath, store, bus, redis, registry, handled };
}

const funding = (i: Instance) => i.store.current().answer(FUNDING_QUESTION, {}).entry?.answer.en ?? '';

describe('a reload on one instance', () => {
  it('reaches every instance: each re-reads its file, validates it and reports', async () => {
    const [a, b, c] = [await instance('a'), await instance('b'), await instance('c')];
    for (const i of [a, b, c]) await writeFile(i.kbPath, kbText(await nextKb('v2')));

    const started = Date.now();
    const result = await a.bus.reloadEverywhere({ kind: 'file' }, 'test');

    // Every instance that received the request replied: no waiting for the 3 s timeout.
    expect(Date.now() - started).toBeLessThan(2_000);
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
    // The instance that asked reloaded once: it does not handle its own request again.
    expect(a.handled).toEqual(['ok']);
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

    const result = await a.bus.reloadEverywhere({ kind: 'file' }, 'test');

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

    const result = await a.bus.reloadEverywhere({ kind: 'content', text }, 'test');

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

    const result = await a.bus.reloadEverywhere({ kind: 'content', text: kbText(await invalidKb()) }, 'test');

    expect(result).toMatchObject({ kind: 'refused', totalErrors: 2, version: old[0]!.version });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([a.store.current(), b.store.current()]).toEqual(old);
    expect(b.handled).toEqual([]);
  });

  it('waits no longer than its limit for an instance that hangs, and names it', async () => {
    const [a, b] = [await instance('a', { replyWaitMs: 300 }), await instance('b')];
    // A registered instance that receives the request and never answers.
    const hung = new Redis(testRedisUrl());
    cleanups.push(async () => hung.disconnect());
    await hung.subscribe(`${prefix}:{kb}:reload`);
    await a.registry.announce({ id: 'hung', version: 'v1', entries: 1, loadedAt: 0, seenAt: Date.now() });

    const started = Date.now();
    const result = await a.bus.reloadEverywhere({ kind: 'file' }, 'test');

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(result).toMatchObject({ kind: 'done', others: [{ instanceId: b.id }], silent: ['hung'] });
  });

  it('an instance refuses shared content that does not match its hash, and keeps its knowledge base', async () => {
    const b = await instance('b');
    const serving = b.store.current();
    const text = kbText(await nextKb('forged.1'));
    const sha256 = createHash('sha256').update('other content').digest('hex');
    await b.redis.set(`${prefix}:{kb}:reload:content:${sha256}`, text);
    const listener = new Redis(testRedisUrl());
    cleanups.push(async () => listener.disconnect());
    await listener.subscribe(`${prefix}:{kb}:reload:replies`);
    const reply = new Promise<string>((resolve) =>
      listener.on('message', (_channel, message) => resolve(message)),
    );
    const source = { kind: 'content', sha256, bytes: Buffer.byteLength(text) };
    const request = {
      id: 'forged',
      seq: 1_000,
      origin: 'elsewhere',
      source,
      requestedBy: 'test',
      at: Date.now(),
    };

    await b.redis.publish(`${prefix}:{kb}:reload`, JSON.stringify(request));

    expect(JSON.parse(await reply)).toMatchObject({
      requestId: 'forged',
      instanceId: 'b',
      status: 'failed',
      problems: ['the uploaded content could not be fetched from Redis'],
    });
    expect(b.store.current()).toBe(serving);
    expect(await readFile(b.kbPath, 'utf8')).not.toBe(text);
  });

  it('applies concurrent reloads in one order everywhere, so every instance ends on the same version', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const [one, two] = [kbText(await nextKb('one.1')), kbText(await nextKb('two.1'))];
    await Promise.all([
      a.bus.reloadEverywhere({ kind: 'content', text: one }, 'test'),
      b.bus.reloadEverywhere({ kind: 'content', text: two }, 'test'),
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
    const bus = new ReloadBus({ redis, prefix, log: silentLog, id: 'never-up', reloader });
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
