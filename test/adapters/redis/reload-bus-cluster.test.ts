import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../support/redis.js';
import { invalidKb, kbText, nextKb } from '../../app/reload/support.js';
import { funding, reloadCluster } from './reload-cluster.js';

const cluster = reloadCluster();
const { instance } = cluster;

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

  it('an instance refuses shared content that does not match its hash, and keeps its knowledge base', async () => {
    const b = await instance('b');
    const serving = b.store.current();
    const text = kbText(await nextKb('forged.1'));
    const sha256 = createHash('sha256').update('other content').digest('hex');
    await b.redis.set(`${cluster.prefix}:{kb}:reload:content:${sha256}`, text);
    const listener = new Redis(testRedisUrl());
    cluster.afterTest(async () => listener.disconnect());
    await listener.subscribe(`${cluster.prefix}:{kb}:reload:replies`);
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

    await b.redis.publish(`${cluster.prefix}:{kb}:reload`, JSON.stringify(request));

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
});
