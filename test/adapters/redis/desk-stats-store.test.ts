import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisDeskStats } from '../../../src/adapters/redis/desk-stats-store.js';
import { uniquePrefix, useTestRedis } from '../../support/redis.js';

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2030, 4, 20, 12, 0, 0);
let redis: Redis;
let prefix: string;

useTestRedis({ connected: (r) => (redis = r), prefix: () => prefix });

function store() {
  prefix = uniquePrefix('stats');
  return new RedisDeskStats({ redis, prefix });
}

describe('RedisDeskStats', () => {
  it('counts each UTC day apart: questions by outcome, answers and ratings per entry, tickets', async () => {
    const stats = store();
    await stats.question('answered', 'laser-equipment', NOW);
    await stats.question('answered', 'laser-equipment', NOW);
    await stats.question('likely', 'biomedicine', NOW);
    await stats.question('unknown', null, NOW);
    await stats.question('answered', 'biomedicine', NOW - DAY);
    await stats.answerRated('laser-equipment', 'down', NOW);
    await stats.answerRated('laser-equipment', 'up', NOW);
    await stats.ticket('opened', NOW);
    await stats.ticket('answered', NOW);
    await stats.firstStaffReply(90.4, NOW);
    await stats.ticketRated('5', NOW);

    const [yesterday, today] = await stats.days(NOW, 2);

    expect(yesterday!.day).toBe('2030-05-19');
    expect(yesterday!.questions).toEqual({ answered: 1, likely: 0, suggested: 0, unknown: 0 });
    expect(today!.day).toBe('2030-05-20');
    expect(today!.questions).toEqual({ answered: 2, likely: 1, suggested: 0, unknown: 1 });
    expect(today!.answersByEntry).toEqual(
      new Map([
        ['laser-equipment', 2],
        ['biomedicine', 1],
      ]),
    );
    expect(today!.ratingsByEntry).toEqual(new Map([['laser-equipment', { up: 1, down: 1 }]]));
    expect(today!.tickets).toEqual({ opened: 1, answered: 1, closed: 0 });
    expect(today!.firstReplySeconds).toEqual([90]);
    expect(today!.ticketRatings).toEqual(new Map([['5', 1]]));
  });

  it('gives every day of the period, oldest first, days without counts as zeros', async () => {
    const stats = store();
    await stats.question('suggested', null, NOW - 20 * DAY);
    await stats.question('suggested', null, NOW - 13 * DAY);
    const days = await stats.days(NOW, 14);
    expect(days.map((d) => d.day)).toEqual(
      Array.from({ length: 14 }, (_, i) => new Date(NOW - (13 - i) * DAY).toISOString().slice(0, 10)),
    );
    expect(days.map((d) => d.questions.suggested)).toEqual([1, ...Array(13).fill(0)]);
  });

  it('keeps a day 90 days after it ends, under keys that name no user', async () => {
    const stats = store();
    const at = Date.now();
    await stats.question('answered', 'laser-equipment', at);
    const keys = await redis.keys(`${prefix}:*`);
    const dayStart = Math.floor(at / DAY) * DAY;
    expect(keys).toEqual([`${prefix}:{stats}:day:${new Date(at).toISOString().slice(0, 10)}`]);
    expect(await redis.expiretime(keys[0]!)).toBe((dayStart + DAY + 90 * DAY) / 1000);
  });
});
