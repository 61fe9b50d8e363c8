import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisGapStore } from '../../../src/adapters/redis/gap-store.js';
import { uniquePrefix, useTestRedis } from '../../support/redis.js';

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2030, 4, 20, 12, 0, 0);
let redis: Redis;
let prefix: string;

useTestRedis({ connected: (r) => (redis = r), prefix: () => prefix });

function store(now = NOW) {
  prefix = uniquePrefix('gaps');
  return new RedisGapStore({ redis, prefix, now: () => now });
}

describe('RedisGapStore', () => {
  it('counts questions by normalised text and language, unanswered and tickets apart', async () => {
    const gaps = store();
    await gaps.record({ text: 'How do I rent an office?', lang: 'en', kind: 'unanswered' }, NOW);
    await gaps.record({ text: 'how do i RENT an office', lang: 'en', kind: 'unanswered' }, NOW - DAY);
    await gaps.record({ text: 'How do I rent an office？', lang: 'en', kind: 'ticket' }, NOW);
    await gaps.record({ text: 'How do I rent an office?', lang: 'de', kind: 'unanswered' }, NOW);
    await gaps.record({ text: 'Wo ist die Kantine?', lang: 'de', kind: 'unanswered' }, NOW);
    await gaps.record({ text: 'Wo ist die Kantine?', lang: 'de', kind: 'unanswered' }, NOW);

    const top = await gaps.top(NOW - 7 * DAY, 10);

    expect(top).toEqual([
      {
        normalized: 'how do i rent an office',
        lang: 'en',
        example: 'how do i RENT an office',
        unanswered: 2,
        tickets: 1,
        total: 3,
      },
      expect.objectContaining({
        normalized: 'wo ist die kantine',
        lang: 'de',
        total: 2,
        example: 'Wo ist die Kantine?',
      }),
      expect.objectContaining({ normalized: 'how do i rent an office', lang: 'de', total: 1 }),
    ]);
  });

  it('counts questions that are the names of object properties like any other', async () => {
    const gaps = store();
    const words = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    for (const text of words) await gaps.record({ text, lang: 'en', kind: 'unanswered' }, NOW);
    const top = await gaps.top(NOW - DAY, 10);
    expect(top.map((g) => [g.example, g.total]).sort()).toEqual(words.map((w) => [w, 1]).sort());
  });

  it('reports only the period asked for, and the limit', async () => {
    const gaps = store();
    await gaps.record({ text: 'old question', lang: 'en', kind: 'unanswered' }, NOW - 9 * DAY);
    await gaps.record({ text: 'new question', lang: 'en', kind: 'unanswered' }, NOW - DAY);
    await gaps.record({ text: 'newer question', lang: 'en', kind: 'unanswered' }, NOW);
    await gaps.record({ text: 'newer question', lang: 'en', kind: 'unanswered' }, NOW);

    expect((await gaps.top(NOW - 7 * DAY, 10)).map((g) => g.normalized)).toEqual([
      'newer question',
      'new question',
    ]);
    expect((await gaps.top(NOW - 30 * DAY, 1)).map((g) => g.normalized)).toEqual(['newer question']);
  });

  it('forgets what is older than 30 days', async () => {
    // Expiry is Redis's own clock, so this test runs on the real one.
    const now = Date.now();
    const gaps = store(now);
    await gaps.record({ text: 'ancient question', lang: 'en', kind: 'unanswered' }, now - 32 * DAY);
    await gaps.record({ text: 'recent question', lang: 'en', kind: 'unanswered' }, now - 29 * DAY);

    expect((await gaps.top(0, 10)).map((g) => g.normalized)).toEqual(['recent question']);
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys).toHaveLength(1);
    // The day of 29 days ago is kept until 30 days after it ended: one or two more days.
    const ttl = await redis.ttl(keys[0]!);
    expect(ttl).toBeGreaterThan(DAY / 1000);
    expect(ttl).toBeLessThanOrEqual((2 * DAY) / 1000);
  });

  it('stores the text and the counts, nothing that names a user', async () => {
    const gaps = store();
    await gaps.record({ text: 'Where can I park?', lang: 'en', kind: 'ticket' }, NOW);
    const [key] = await redis.keys(`${prefix}:*`);
    expect(await redis.hgetall(key!)).toEqual({
      'x|en|where can i park': 'Where can I park?',
      't|en|where can i park': '1',
    });
  });

  it('keeps staff answers for the export, by time', async () => {
    const gaps = store();
    await gaps.recordStaffAnswer({ question: 'Q1', lang: 'en', answer: 'A1', answeredAt: NOW - 10 * DAY });
    await gaps.recordStaffAnswer({ question: 'Q2', lang: 'fr', answer: 'A2', answeredAt: NOW - DAY });
    expect(await gaps.answeredSince(NOW - 7 * DAY)).toEqual([
      { question: 'Q2', lang: 'fr', answer: 'A2', answeredAt: NOW - DAY },
    ]);
  });

  it('ignores a question with nothing countable in it', async () => {
    const gaps = store();
    await gaps.record({ text: ' ?!… ', lang: 'en', kind: 'unanswered' }, NOW);
    expect(await gaps.top(0, 10)).toEqual([]);
  });
});
