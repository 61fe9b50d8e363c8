import { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { RedisDeskStats } from '../../src/adapters/redis/desk-stats-store.js';
import { RedisGapStore } from '../../src/adapters/redis/gap-store.js';
import { openTicket, type Ticket } from '../../src/core/follow-up/ticket.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { followUpObserver } from '../../src/wiring/follow-up-observer.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';

let redis: Redis;
let prefix: string;
useTestRedis({ connected: (r) => (redis = r), prefix: () => prefix });

const OPENED = Date.now() - 3600_000;
const anna = { id: 1, name: 'Anna' };

function ticket(): Ticket {
  const draft = {
    channel: 'telegram' as const,
    userId: 42,
    chatId: 42,
    userName: 'Mia',
    lang: 'en' as const,
  };
  return openTicket({ ...draft, question: 'Where can I park?', considered: [], origin: 'ask' }, 1001, OPENED);
}

describe('the follow-up observer as startDesk wires it', () => {
  it("counts a ticket's day in /stats: opened, first staff reply (with its delay) once, answered, closed, rated", async () => {
    prefix = uniquePrefix('observer');
    const stats = new RedisDeskStats({ redis, prefix });
    const observer = followUpObserver({
      logger: pino({ level: 'silent' }),
      metrics: createMetrics({ defaultMetrics: false }),
      gaps: new RedisGapStore({ redis, prefix }),
      stats,
    });
    const opened = ticket();
    observer.ticketCreated(opened);
    const first = {
      ...opened,
      state: 'claimed' as const,
      claimedBy: anna,
      staffMessages: 1,
      firstReplyAt: OPENED + 90_000,
    };
    observer.staffWrote(first, 'Behind building B.');
    observer.staffWrote({ ...first, staffMessages: 2 }, 'Or in the garage.');
    const answered = { ...first, state: 'answered' as const, answeredBy: anna, answeredAt: OPENED + 600_000 };
    observer.ticketAnswered(answered);
    observer.ticketClosed({ ...answered, state: 'closed', closedBy: anna, closedAt: OPENED + 700_000 });
    observer.ticketRated(first, '👍');

    await vi.waitFor(async () => {
      const total = (await stats.days(Date.now(), 2)).reduce(
        (sum, day) => ({
          opened: sum.opened + day.tickets.opened,
          answered: sum.answered + day.tickets.answered,
          closed: sum.closed + day.tickets.closed,
          replies: [...sum.replies, ...day.firstReplySeconds],
          ratings: sum.ratings + (day.ticketRatings.get('👍') ?? 0),
        }),
        { opened: 0, answered: 0, closed: 0, replies: [] as number[], ratings: 0 },
      );
      expect(total).toEqual({ opened: 1, answered: 1, closed: 1, replies: [90], ratings: 1 });
    });
  });
});
