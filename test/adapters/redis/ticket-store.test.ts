import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowUpCorruptError, FollowUpUnavailableError } from '../../../src/app/follow-up/ticket-store.js';
import type { WorkItem } from '../../../src/app/follow-up/work-items.js';
import { claim, markAnswered, staffWrote } from '../../../src/core/follow-up/ticket-transitions.js';
import type { TicketDraft } from '../../../src/core/follow-up/ticket.js';
import { RedisTicketStore } from '../../../src/adapters/redis/ticket-store.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';

const STAFF_CHAT = -100123;
const anna = { id: 1, name: 'Anna' };
const ben = { id: 2, name: 'Ben' };

const draft = (question: string, userId = 7): TicketDraft => ({
  channel: 'telegram',
  userId,
  chatId: userId,
  userName: 'Li Wei',
  username: 'liwei',
  lang: 'zh',
  question,
  considered: [{ id: 'funding', title: 'Funding' }],
  origin: 'offer',
});

describe('RedisTicketStore', () => {
  let redis: Redis;
  let prefix: string;
  let store: RedisTicketStore;

  beforeEach(() => {
    redis = new Redis(testRedisUrl());
    prefix = `${uniquePrefix('tickets')}:`;
    store = new RedisTicketStore({ redis, staffChatId: STAFF_CHAT, prefix });
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('numbers tickets from #1001 and stores every field, readable back', async () => {
    const first = await store.create(draft('怎么申请资金？'), 1, 5_000);
    const second = await store.create(draft('How do I join?', 8), 2, 6_000);
    expect(first).toMatchObject({
      kind: 'created',
      ticket: { number: 1001, state: 'waiting', createdAt: 5_000 },
    });
    expect(second).toMatchObject({ kind: 'created', ticket: { number: 1002 } });
    expect(await store.get(1001)).toEqual({
      ...draft('怎么申请资金？'),
      number: 1001,
      state: 'waiting',
      createdAt: 5_000,
      staffMessages: 0,
    });
  });

  it('a redelivered update is the same ticket, not a second one', async () => {
    const first = await store.create(draft('question one'), 42, 1_000);
    const again = await store.create(draft('question one'), 42, 1_500);
    expect(again).toEqual({ kind: 'duplicate', ticket: first.kind === 'created' ? first.ticket : null });
    expect((await store.listForUser({ channel: 'telegram', userId: 7 }, 10)).length).toBe(1);
  });

  it('a draft becomes at most one ticket, whichever update confirms it', async () => {
    const id = await store.saveDraft(draft('confirm me twice'));
    const first = await store.create(draft('confirm me twice'), 1, 1_000, id);
    await redis.del(...(await redis.keys(`${prefix}telegram:dup:*`))); // even after the duplicate window
    const second = await store.create(draft('confirm me twice'), 2, 120_000, id);
    expect(first).toMatchObject({ kind: 'created', ticket: { number: 1001 } });
    expect(second).toMatchObject({ kind: 'duplicate', ticket: { number: 1001 } });
  });

  it('the same question within a minute is one ticket; after the window it is a new one', async () => {
    await store.create(draft('How can I JOIN?'), 1, 1_000);
    expect(await store.create(draft('how can i join'), 2, 2_000)).toMatchObject({
      kind: 'duplicate',
      ticket: { number: 1001 },
    });
    await redis.del(...(await redis.keys(`${prefix}telegram:dup:*`))); // what the 60 s expiry does
    expect(await store.create(draft('how can i join'), 3, 70_000)).toMatchObject({
      kind: 'created',
      ticket: { number: 1002 },
    });
  });

  it('refuses a fourth open ticket, also when four confirmations race', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((q, i) => store.create(draft(`question ${q}`), 10 + i, 1_000)),
    );
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(3);
    expect(results.filter((r) => r.kind === 'limit')).toEqual([{ kind: 'limit', open: 3 }]);
  });

  it('an answered ticket no longer counts against the limit', async () => {
    for (const [i, q] of ['a', 'b', 'c'].entries()) await store.create(draft(`question ${q}`), i + 1, 1_000);
    const before = (await store.get(1001))!;
    const answered = markAnswered(before, anna, 2_000);
    if (!answered.ok) throw new Error('answered refused');
    expect(await store.commit(before, answered.ticket, { updateId: 99 })).toBe('ok');
    expect(await store.create(draft('question d'), 100, 3_000)).toMatchObject({ kind: 'created' });
    expect((await store.listOpen(10)).tickets.map((t) => t.number)).toEqual([1002, 1003, 1004]);
  });

  it('commit is compare-and-set: of two claims read at the same time, one wins', async () => {
    await store.create(draft('contested'), 1, 1_000);
    const seen = (await store.get(1001))!;
    const byAnna = claim(seen, anna, 2_000);
    const byBen = claim(seen, ben, 2_000);
    if (!byAnna.ok || !byBen.ok) throw new Error('claims refused');
    const outcomes = await Promise.all([
      store.commit(seen, byAnna.ticket, {}),
      store.commit(seen, byBen.ticket, {}),
    ]);
    expect(outcomes.sort()).toEqual(['conflict', 'ok']);
  });

  it('commit writes its work to the outbox in the same step and refuses a repeated update', async () => {
    await store.create(draft('answer me'), 1, 1_000);
    const before = (await store.get(1001))!;
    const after = staffWrote(before, anna, 2_000);
    if (!after.ok) throw new Error('refused');
    const work: WorkItem = {
      id: 'answer-u55',
      queue: 'user',
      job: { name: 'answer', ticket: 1001, text: 'Hi', by: anna },
    };
    expect(await store.commit(before, after.ticket, { updateId: 55, work: [work] })).toBe('ok');
    expect(await store.pendingWork(0, Date.now() + 1, 10)).toEqual([work]);
    const again = (await store.get(1001))!;
    expect(await store.commit(again, after.ticket, { updateId: 55, work: [work] })).toBe('duplicate');
    await store.clearWork(['answer-u55']);
    expect(await store.pendingWork(0, Date.now() + 1, 10)).toEqual([]);
  });

  it('new tickets wait in the announcement backlog until marked announced, then route replies', async () => {
    await store.create(draft('one'), 1, 1_000);
    await store.create(draft('two', 8), 2, 2_000);
    expect(await store.backlog(10)).toEqual({ numbers: [1001, 1002], total: 2 });
    expect(await store.staleBacklog(500, 2_000, 10)).toEqual([1001]);

    await store.markAnnounced([1001], 555, 3_000, []);
    expect(await store.backlog(10)).toEqual({ numbers: [1002], total: 1 });
    expect(await store.get(1001)).toMatchObject({ staffMessageId: 555, announcedAt: 3_000 });
    expect(await store.staffMessageTarget(555)).toEqual({ kind: 'ticket', number: 1001 });

    await store.markAnnounced([1002], 556, 3_000, []);
    await store.mapStaffMessage(600, { kind: 'digest', numbers: [1001, 1002] });
    expect(await store.staffMessageTarget(600)).toEqual({ kind: 'digest', numbers: [1001, 1002] });
    expect(await store.staffMessageTarget(999)).toBeNull();
  });

  it('a ticket forgets its deleted topic once: of two posts finding it gone, one writes the notice', async () => {
    await store.create(draft('topic'), 1, 1_000);
    await store.setTopic({ number: 1001, threadId: 77, name: '#1001', closed: false });
    const notice: WorkItem = {
      id: 'topic-gone-t1001',
      queue: 'staff',
      job: { name: 'topic-gone', ticket: 1001 },
    };
    const both = await Promise.all([1, 2].map(() => store.forgetTopic(1001, 77, [notice])));
    expect(both.sort()).toEqual([false, true]);
    expect((await store.get(1001))!.topicId).toBeUndefined();
    expect(await store.pendingWork(0, Date.now() + 1, 10)).toEqual([notice]);
    // Should Telegram still show the topic, a staff message there still finds its ticket.
    expect(await store.topic(77)).toMatchObject({ number: 1001 });
    await store.clearWork([notice.id]);
    expect(await store.forgetTopic(1001, 77, [notice])).toBe(false);
    expect(await store.pendingWork(0, Date.now() + 1, 10)).toEqual([]);
  });

  it('keeps drafts under a short id that fits in callback data', async () => {
    const id = await store.saveDraft(draft('draft question'));
    expect(Buffer.byteLength(`1:fy:${id}`)).toBeLessThan(64);
    expect(await store.getDraft(id)).toEqual(draft('draft question'));
    expect(await store.getDraft('nope')).toBeNull();
  });

  it('an expected question is taken once', async () => {
    await store.expectQuestion({ channel: 'telegram', userId: 7 });
    expect(await store.takeExpectedQuestion({ channel: 'telegram', userId: 7 })).toBe(true);
    expect(await store.takeExpectedQuestion({ channel: 'telegram', userId: 7 })).toBe(false);
  });

  it('reports an unreachable Redis as FollowUpUnavailableError and writes nothing', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    const offline = new RedisTicketStore({ redis: dead, staffChatId: STAFF_CHAT, prefix });
    await expect(offline.create(draft('lost?'), 1, 1_000)).rejects.toBeInstanceOf(FollowUpUnavailableError);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    dead.disconnect();
  });

  it("scopes a user's keys by channel; a ticket or draft stored before channels existed is Telegram's", async () => {
    await store.create(draft('where am I?'), 1, 1_000);
    expect(await redis.zrange(`${prefix}telegram:user:7:all`, '0', '-1')).toEqual(['1001']);
    expect(await redis.exists(`${prefix}telegram:update:1`)).toBe(1);
    await redis.hdel(`${prefix}ticket:1001`, 'channel');
    expect(await store.get(1001)).toMatchObject({ channel: 'telegram', userId: 7 });
    const { channel: _channel, ...old } = draft('kept before the upgrade');
    await redis.set(`${prefix}draft:old`, JSON.stringify(old));
    expect(await store.getDraft('old')).toMatchObject({ channel: 'telegram', userId: 7 });
  });

  it('reports unreadable data as FollowUpCorruptError, naming the field but never the text', async () => {
    await store.create(draft('my private question'), 1, 1_000);
    await redis.hset(`${prefix}ticket:1001`, 'considered', '{not json: my private question');
    const corrupt = await store.get(1001).catch((err: unknown) => err);
    expect(corrupt).toBeInstanceOf(FollowUpCorruptError);
    expect((corrupt as Error).message).toBe('follow-up data corrupt: ticket 1001: considered');
    await redis.hset(`${prefix}ticket:1001`, 'considered', '[]', 'user_id', 'seven');
    await expect(store.listForUser({ channel: 'telegram', userId: 7 }, 10)).rejects.toBeInstanceOf(
      FollowUpCorruptError,
    );
    await redis.set(`${prefix}draft:broken`, 'my private question');
    await expect(store.getDraft('broken')).rejects.toThrow('follow-up data corrupt: draft broken');
  });
});
