import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { FollowUpCorruptError, FollowUpUnavailableError } from '../../../src/app/follow-up/ticket-store.js';
import type { WorkItem } from '../../../src/app/follow-up/work-items.js';
import { claim, markAnswered, staffWrote } from '../../../src/core/follow-up/ticket-transitions.js';
import { RedisTicketStore } from '../../../src/adapters/redis/ticket-store.js';
import { anna, ben, draft, useTicketRecords } from './ticket-fixture.js';

describe('RedisTicketStore', () => {
  const r = useTicketRecords('tickets');

  it('numbers tickets from #1001 and stores every field, readable back', async () => {
    const first = await r.store.create(draft('怎么申请资金？'), 1, 5_000);
    const second = await r.store.create(draft('How do I join?', 8), 2, 6_000);
    expect(first).toMatchObject({
      kind: 'created',
      ticket: { number: 1001, state: 'waiting', createdAt: 5_000 },
    });
    expect(second).toMatchObject({ kind: 'created', ticket: { number: 1002 } });
    expect(await r.store.get(1001)).toEqual({
      ...draft('怎么申请资金？'),
      number: 1001,
      state: 'waiting',
      createdAt: 5_000,
      staffMessages: 0,
    });
  });

  it('a redelivered update is the same ticket, not a second one', async () => {
    const first = await r.store.create(draft('question one'), 42, 1_000);
    const again = await r.store.create(draft('question one'), 42, 1_500);
    expect(again).toEqual({ kind: 'duplicate', ticket: first.kind === 'created' ? first.ticket : null });
    expect((await r.store.listForUser({ channel: 'telegram', userId: 7 }, 10)).length).toBe(1);
  });

  it('a draft becomes at most one ticket, whichever update confirms it', async () => {
    const id = await r.store.saveDraft(draft('confirm me twice'));
    const first = await r.store.create(draft('confirm me twice'), 1, 1_000, id);
    await r.redis.del(...(await r.redis.keys(`${r.prefix}telegram:dup:*`))); // even after the duplicate window
    const second = await r.store.create(draft('confirm me twice'), 2, 120_000, id);
    expect(first).toMatchObject({ kind: 'created', ticket: { number: 1001 } });
    expect(second).toMatchObject({ kind: 'duplicate', ticket: { number: 1001 } });
  });

  it('the same question within a minute is one ticket; after the window it is a new one', async () => {
    await r.store.create(draft('How can I JOIN?'), 1, 1_000);
    expect(await r.store.create(draft('how can i join'), 2, 2_000)).toMatchObject({
      kind: 'duplicate',
      ticket: { number: 1001 },
    });
    await r.redis.del(...(await r.redis.keys(`${r.prefix}telegram:dup:*`))); // what the 60 s expiry does
    expect(await r.store.create(draft('how can i join'), 3, 70_000)).toMatchObject({
      kind: 'created',
      ticket: { number: 1002 },
    });
  });

  it('refuses a fourth open ticket, also when four confirmations race', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((q, i) => r.store.create(draft(`question ${q}`), 10 + i, 1_000)),
    );
    expect(results.filter((result) => result.kind === 'created')).toHaveLength(3);
    expect(results.filter((result) => result.kind === 'limit')).toEqual([{ kind: 'limit', open: 3 }]);
  });

  it('an answered ticket no longer counts against the limit', async () => {
    for (const [i, q] of ['a', 'b', 'c'].entries())
      await r.store.create(draft(`question ${q}`), i + 1, 1_000);
    const before = (await r.store.get(1001))!;
    const answered = markAnswered(before, anna, 2_000);
    if (!answered.ok) throw new Error('answered refused');
    expect(await r.store.commit(before, answered.ticket, { updateId: 99 })).toBe('ok');
    expect(await r.store.create(draft('question d'), 100, 3_000)).toMatchObject({ kind: 'created' });
    expect((await r.store.listOpen(10)).tickets.map((t) => t.number)).toEqual([1002, 1003, 1004]);
  });

  it('commit is compare-and-set: of two claims read at the same time, one wins', async () => {
    await r.store.create(draft('contested'), 1, 1_000);
    const seen = (await r.store.get(1001))!;
    const byAnna = claim(seen, anna, 2_000);
    const byBen = claim(seen, ben, 2_000);
    if (!byAnna.ok || !byBen.ok) throw new Error('claims refused');
    const outcomes = await Promise.all([
      r.store.commit(seen, byAnna.ticket, {}),
      r.store.commit(seen, byBen.ticket, {}),
    ]);
    expect(outcomes.sort()).toEqual(['conflict', 'ok']);
  });

  it('commit writes its work to the outbox in the same step and refuses a repeated update', async () => {
    await r.store.create(draft('answer me'), 1, 1_000);
    const before = (await r.store.get(1001))!;
    const after = staffWrote(before, anna, 2_000);
    if (!after.ok) throw new Error('refused');
    const work: WorkItem = {
      id: 'answer-u55',
      queue: 'user',
      job: { name: 'answer', ticket: 1001, text: 'Hi', by: anna },
    };
    expect(await r.store.commit(before, after.ticket, { updateId: 55, work: [work] })).toBe('ok');
    expect(await r.delivery.pendingWork(0, Date.now() + 1, 10)).toEqual([work]);
    const again = (await r.store.get(1001))!;
    expect(await r.store.commit(again, after.ticket, { updateId: 55, work: [work] })).toBe('duplicate');
    await r.delivery.clearWork(['answer-u55']);
    expect(await r.delivery.pendingWork(0, Date.now() + 1, 10)).toEqual([]);
  });

  it('keeps drafts under a short id that fits in callback data', async () => {
    const id = await r.store.saveDraft(draft('draft question'));
    expect(Buffer.byteLength(`1:fy:${id}`)).toBeLessThan(64);
    expect(await r.store.getDraft(id)).toEqual(draft('draft question'));
    expect(await r.store.getDraft('nope')).toBeNull();
  });

  it('an expected question is taken once', async () => {
    await r.store.expectQuestion({ channel: 'telegram', userId: 7 });
    expect(await r.store.takeExpectedQuestion({ channel: 'telegram', userId: 7 })).toBe(true);
    expect(await r.store.takeExpectedQuestion({ channel: 'telegram', userId: 7 })).toBe(false);
  });

  it('reports an unreachable Redis as FollowUpUnavailableError and writes nothing', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    const offline = new RedisTicketStore({ redis: dead, prefix: r.prefix });
    await expect(offline.create(draft('lost?'), 1, 1_000)).rejects.toBeInstanceOf(FollowUpUnavailableError);
    expect(await r.redis.keys(`${r.prefix}*`)).toEqual([]);
    dead.disconnect();
  });

  it("scopes a user's keys by channel; a ticket or draft stored before channels existed is Telegram's", async () => {
    await r.store.create(draft('where am I?'), 1, 1_000);
    expect(await r.redis.zrange(`${r.prefix}telegram:user:7:all`, '0', '-1')).toEqual(['1001']);
    expect(await r.redis.exists(`${r.prefix}telegram:update:1`)).toBe(1);
    await r.redis.hdel(`${r.prefix}ticket:1001`, 'channel');
    expect(await r.store.get(1001)).toMatchObject({ channel: 'telegram', userId: 7 });
    const { channel: _channel, ...old } = draft('kept before the upgrade');
    await r.redis.set(`${r.prefix}draft:old`, JSON.stringify(old));
    expect(await r.store.getDraft('old')).toMatchObject({ channel: 'telegram', userId: 7 });
  });

  it('reports unreadable data as FollowUpCorruptError, naming the field but never the text', async () => {
    await r.store.create(draft('my private question'), 1, 1_000);
    await r.redis.hset(`${r.prefix}ticket:1001`, 'considered', '{not json: my private question');
    const corrupt = await r.store.get(1001).catch((err: unknown) => err);
    expect(corrupt).toBeInstanceOf(FollowUpCorruptError);
    expect((corrupt as Error).message).toBe('follow-up data corrupt: ticket 1001: considered');
    await r.redis.hset(`${r.prefix}ticket:1001`, 'considered', '[]', 'user_id', 'seven');
    await expect(r.store.listForUser({ channel: 'telegram', userId: 7 }, 10)).rejects.toBeInstanceOf(
      FollowUpCorruptError,
    );
    await r.redis.set(`${r.prefix}draft:broken`, 'my private question');
    await expect(r.store.getDraft('broken')).rejects.toThrow('follow-up data corrupt: draft broken');
  });
});
