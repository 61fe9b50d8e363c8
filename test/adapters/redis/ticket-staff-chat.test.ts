import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../../src/app/follow-up/work-items.js';
import { draft, useTicketRecords } from './ticket-fixture.js';

describe('RedisStaffChatRecords', () => {
  const r = useTicketRecords('staff-chat');

  it('new tickets wait in the announcement backlog until marked announced, then route replies', async () => {
    await r.store.create(draft('one'), 1, 1_000);
    await r.store.create(draft('two', 8), 2, 2_000);
    expect(await r.staffChat.backlog(10)).toEqual({ numbers: [1001, 1002], total: 2 });
    expect(await r.delivery.staleBacklog(500, 2_000, 10)).toEqual([1001]);

    await r.staffChat.markAnnounced([1001], 555, 3_000, []);
    expect(await r.staffChat.backlog(10)).toEqual({ numbers: [1002], total: 1 });
    expect(await r.store.get(1001)).toMatchObject({ staffMessageId: 555, announcedAt: 3_000 });
    expect(await r.staffChat.staffMessageTarget(555)).toEqual({ kind: 'ticket', number: 1001 });

    await r.staffChat.markAnnounced([1002], 556, 3_000, []);
    await r.staffChat.mapStaffMessage(600, { kind: 'digest', numbers: [1001, 1002] });
    expect(await r.staffChat.staffMessageTarget(600)).toEqual({ kind: 'digest', numbers: [1001, 1002] });
    expect(await r.staffChat.staffMessageTarget(999)).toBeNull();
  });

  it('a ticket forgets its deleted topic once: of two posts finding it gone, one writes the notice', async () => {
    await r.store.create(draft('topic'), 1, 1_000);
    await r.staffChat.setTopic({ number: 1001, threadId: 77, name: '#1001', closed: false });
    const notice: WorkItem = {
      id: 'topic-gone-t1001',
      queue: 'staff',
      job: { name: 'topic-gone', ticket: 1001 },
    };
    const both = await Promise.all([1, 2].map(() => r.staffChat.forgetTopic(1001, 77, [notice])));
    expect(both.sort()).toEqual([false, true]);
    expect((await r.store.get(1001))!.topicId).toBeUndefined();
    expect(await r.delivery.pendingWork(0, Date.now() + 1, 10)).toEqual([notice]);
    // Should Telegram still show the topic, a staff message there still finds its ticket.
    expect(await r.staffChat.topic(77)).toMatchObject({ number: 1001 });
    await r.delivery.clearWork([notice.id]);
    expect(await r.staffChat.forgetTopic(1001, 77, [notice])).toBe(false);
    expect(await r.delivery.pendingWork(0, Date.now() + 1, 10)).toEqual([]);
  });
});
