import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { FollowUpUnavailableError } from '../../../src/app/follow-up/ticket-store.js';
import type { Messenger } from '../../../src/app/types.js';
import { warnUnlessNoEviction } from '../../../src/adapters/queue/eviction-policy-check.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';
import { eventually, recordingLogger, startQueueFixture, type QueueFixture } from './follow-up-fixture.js';

const ticketNumbers = (texts: string[]) =>
  texts
    .flatMap((text) => [...text.matchAll(/#(\d{4})/g)].map((m) => Number(m[1])))
    .filter((n, i, all) => all.indexOf(n) === i);

describe('follow-up reliability', () => {
  let fx: QueueFixture | undefined;
  let server: RedisServerHandle | undefined;
  afterEach(async () => {
    await fx?.close();
    await server?.dispose();
    fx = undefined;
    server = undefined;
  });

  it('under a burst, announces every ticket in digests within the staff chat budget', async () => {
    // Four messages at once, then one a minute: the whole burst has to fit in those four.
    fx = await startQueueFixture({ worker: false, tuning: { staffLimiter: { max: 4, duration: 60_000 } } });
    for (let i = 0; i < 40; i++)
      await fx.confirm(`burst question ${i}`, 1_000 + i, { userId: 700 + i, chatId: 700 + i });
    await fx.startWorker();
    await eventually(async () => (await fx!.runtime.staffChat.backlog(1)).total === 0, 10_000);
    const posts = fx.staffMessages();
    expect(posts.length).toBeLessThanOrEqual(4);
    expect(fx.api.calls('sendMessage').every((c) => c.ok)).toBe(true);
    const announced = posts.flatMap((m) => ticketNumbers([m.text]));
    expect(announced.sort()).toEqual(Array.from({ length: 40 }, (_, i) => 1001 + i));
    expect(posts.some((m) => m.text.includes('new tickets'))).toBe(true);
  });

  it('a 429 in the staff chat holds every staff post for retry_after, then posts once', async () => {
    fx = await startQueueFixture();
    fx.api.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await fx.confirm('wait for me', 1);
    await fx.waitForStaffMessages(1, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(fx.staffMessages()).toHaveLength(1);
  });

  it('a worker that dies while posting: another takes the job over and the ticket is posted once', async () => {
    fx = await startQueueFixture({ worker: false });
    let started!: () => void;
    const posting = new Promise<void>((resolve) => (started = resolve));
    const hanging: Messenger = {
      ...fx.messenger,
      send: () => {
        started();
        return new Promise<number>(() => undefined); // the process "dies" before Telegram answers
      },
    };
    const doomed = await fx.startWorker(hanging);
    await fx.confirm('survive a crash', 1);
    await posting;
    await doomed.close(true); // stops lock renewal, as a killed process would
    fx.workers.splice(fx.workers.indexOf(doomed), 1);
    await fx.startWorker();
    await fx.waitForStaffMessages(1, 8_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fx.staffMessages()).toHaveLength(1);
    expect(fx.records.some((r) => r.msg === 'follow-up job stalled; another worker takes it over')).toBe(
      true,
    );
  });

  it('the sweeper announces a stored ticket whose announcement never reached the queue', async () => {
    fx = await startQueueFixture();
    const created = await fx.runtime.store.create(
      {
        channel: 'telegram',
        userId: 9,
        chatId: 9,
        userName: 'Zoe',
        lang: 'fr',
        question: 'orphan',
        considered: [],
        origin: 'ask',
      },
      77,
      Date.now(),
    );
    expect(created.kind).toBe('created');
    const [post] = await fx.waitForStaffMessages(1, 5_000);
    expect(post!.text).toContain('#1001');
  });

  it('a ticket confirmed to the user survives a Redis kill and restart and reaches the staff chat', async () => {
    server = await startRedisServer({ appendonly: true });
    fx = await startQueueFixture({ redisUrl: server.url, worker: false });
    const result = await fx.confirm('durable question', 1);
    expect(result).toMatchObject({ kind: 'created', ticket: { number: 1001 } });
    await server.kill();
    await server.start();
    await fx.runtime.whenReady(10_000);
    await fx.startWorker();
    const [post] = await fx.waitForStaffMessages(1, 15_000);
    expect(post!.text).toContain('#1001');
    expect(post!.text).toContain('durable question');
  });

  it('Redis down: a confirmation fails cleanly and writes nothing; when Redis returns it works without a restart', async () => {
    server = await startRedisServer({ appendonly: true });
    fx = await startQueueFixture({ redisUrl: server.url });
    const draft = await fx.runtime.requests.draft({
      channel: 'telegram',
      userId: 501,
      chatId: 501,
      userName: 'Li',
      lang: 'en',
      question: 'during the outage',
      considered: [],
      origin: 'ask',
    });
    if (draft.kind !== 'draft') throw new Error('no draft');
    await server.stop();
    await expect(
      fx.runtime.requests.confirm(draft.id, { channel: 'telegram', userId: 501 }, 2),
    ).rejects.toBeInstanceOf(FollowUpUnavailableError);
    await server.start();
    await fx.runtime.whenReady(10_000);
    const probe = new Redis(server.url);
    expect(await probe.keys('*ticket:*')).toEqual([]);
    await probe.quit();
    const again = await eventually(
      () => fx!.runtime.requests.confirm(draft.id, { channel: 'telegram', userId: 501 }, 3).catch(() => null),
      10_000,
    );
    expect(again).toMatchObject({ kind: 'created', ticket: { number: 1001 } });
    await fx.waitForStaffMessages(1, 15_000);
  });

  it('start-up warns loudly when Redis may evict keys', async () => {
    server = await startRedisServer();
    const redis = new Redis(server.url);
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const { log, records } = recordingLogger();
    expect(await warnUnlessNoEviction(redis, log)).toBe('allkeys-lru');
    expect(records.find((r) => r.level === 50)?.msg).toMatch(
      /maxmemory-policy is "allkeys-lru", not "noeviction"/,
    );
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    records.length = 0;
    expect(await warnUnlessNoEviction(redis, log)).toBe('noeviction');
    expect(records).toEqual([]);
    await redis.quit();
  });
});
