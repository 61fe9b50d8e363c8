import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startQueueFixture, STAFF_CHAT_ID, type QueueFixture } from './follow-up-fixture.js';

describe('announcing tickets to the staff chat', () => {
  let fx: QueueFixture;
  afterEach(async () => fx?.close());

  it('posts the ticket with number, escaped question, user, language, considered entries and Claim/Answered/Close', async () => {
    fx = await startQueueFixture();
    const result = await fx.confirm('<b>How</b> do I apply & when?', 11, { username: 'liwei', lang: 'de' });
    expect(result).toMatchObject({ kind: 'created', ticket: { number: 1001 } });

    const [post] = await fx.waitForStaffMessages(1);
    expect(post!.text).toContain('Ticket #1001');
    expect(post!.text).toContain('&lt;b&gt;How&lt;/b&gt; do I apply &amp; when?');
    expect(post!.visibleText).toContain('Li Wei (@liwei) · German');
    expect(post!.visibleText).toContain('Funding (funding)');
    expect(post!.buttons.flat().map((b) => b.text)).toEqual(['🙋 Claim', '☑️ Answered', '✔️ Close']);
    expect(post!.buttons.flat().map((b) => b.data)).toEqual(['1:sc:1001', '1:sa:1001', '1:sx:1001']);
    expect(await eventually(() => fx.runtime.staffChat.staffMessageTarget(post!.messageId))).toEqual({
      kind: 'ticket',
      number: 1001,
    });
  });

  it('schedules the reminder at once (not left to the sweeper) and leaves the outbox empty', async () => {
    fx = await startQueueFixture({ tuning: { sweepIntervalMs: 60_000 } });
    await fx.confirm('remind me later', 16);
    await fx.waitForStaffMessages(1);
    await eventually(async () => (await fx.runtime.queues.staff.getJobCounts('delayed')).delayed === 1);
    expect(await fx.runtime.queues.staff.getJob('remind-t1001-r1')).toBeTruthy();
    await eventually(async () => (await fx.runtime.delivery.pendingWork(0, Date.now() + 1, 10)).length === 0);
  });

  it('a redelivered confirmation is one ticket and one staff message', async () => {
    fx = await startQueueFixture();
    const first = await fx.confirm('Where is the laser community?', 12);
    const again = await fx.confirm('Where is the laser community?', 12);
    expect(again).toEqual({ kind: 'duplicate', ticket: first.kind === 'created' ? first.ticket : undefined });
    await fx.waitForStaffMessages(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(fx.staffMessages()).toHaveLength(1);
  });

  it('several workers at once announce every ticket exactly once', async () => {
    // Pacing lifted, so that each ticket gets a post of its own and a double post would show.
    fx = await startQueueFixture({ tuning: { staffLimiter: { max: 1e6, duration: 1_000 } } });
    await fx.startWorker();
    await fx.startWorker();
    for (let i = 0; i < 8; i++)
      await fx.confirm(`question number ${i}`, 100 + i, { userId: 600 + i, chatId: 600 + i });
    const posts = await fx.waitForStaffMessages(8);
    await new Promise((r) => setTimeout(r, 500));
    const numbers = fx.staffMessages().map((m) => /Ticket #(\d+)/.exec(m.text)?.[1]);
    expect(numbers.sort()).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008']);
    expect(posts.every((m) => m.chatId === STAFF_CHAT_ID)).toBe(true);
  });

  it('re-announces an unclaimed ticket after the reminder delay, as a reply to the first post', async () => {
    fx = await startQueueFixture({ remindAfterMinutes: 0.01, tuning: { maxReminders: 1 } });
    await fx.confirm('Nobody claims me', 13);
    const [first, reminder] = await fx.waitForStaffMessages(2, 5_000);
    expect(reminder!.text).toContain('Ticket #1001 is still waiting');
    expect(reminder!.replyTo).toBe(first!.messageId);
    // Replies to the reminder answer the ticket too.
    expect(await eventually(() => fx.runtime.staffChat.staffMessageTarget(reminder!.messageId))).toEqual({
      kind: 'ticket',
      number: 1001,
    });
  });

  it('does not remind about a claimed ticket', async () => {
    fx = await startQueueFixture({ remindAfterMinutes: 0.01 });
    await fx.confirm('Claimed quickly', 14);
    await fx.waitForStaffMessages(1);
    const claimed = await fx.runtime.staffActions.claim(1001, { id: 9, name: 'Anna' }, 15);
    expect(claimed.kind).toBe('done');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fx.staffMessages()).toHaveLength(1);
  });
});
