import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startQueueFixture, type QueueFixture } from './follow-up-fixture.js';

const anna = { id: 9, name: 'Anna' };
const USER = 501;

describe('relaying staff answers to users', () => {
  let fx: QueueFixture;
  afterEach(async () => fx?.close());

  async function ticketAnnounced() {
    fx = await startQueueFixture();
    await fx.confirm('怎么申请资金？', 1);
    await fx.waitForStaffMessages(1);
  }

  it("delivers a staff message with the writer's name and the ticket number, in the user's language; the writer has the ticket", async () => {
    await ticketAnnounced();
    const result = await fx.runtime.staffActions.write(1001, anna, 'Please see <the portal> & apply.', 2);
    expect(result).toMatchObject({
      kind: 'done',
      ticket: { state: 'claimed', claimedBy: anna, staffMessages: 1 },
    });
    const call = await fx.api.waitForCall('sendMessage', (c) => c.params.chat_id === USER, 5_000, {
      since: 0,
    });
    const text = String(call.params.text);
    expect(text).toContain('Anna</b>（工作人员）关于您的问题 #1001');
    expect(text).toContain('Please see &lt;the portal&gt; &amp; apply.');
    expect(text).toContain('怎么申请资金？');
  });

  it('reports tickets created, written to, answered and open, and the queue depth, for metrics', async () => {
    await ticketAnnounced();
    expect(fx.observed).toEqual({ created: 1, wrote: 0, answered: 0 });
    expect(await fx.runtime.openTickets()).toBe(1);
    await fx.runtime.staffActions.write(1001, anna, 'Counted', 20);
    await fx.runtime.staffActions.write(1001, anna, 'Counted', 20); // a redelivery counts once
    expect(fx.observed).toEqual({ created: 1, wrote: 1, answered: 0 });
    // A message is not an answer: the ticket stays open, with Anna, until she says it is answered.
    expect(await fx.runtime.openTickets()).toBe(1);
    await fx.runtime.staffActions.markAnswered(1001, anna, 21);
    expect(fx.observed).toEqual({ created: 1, wrote: 1, answered: 1 });
    expect(await fx.runtime.openTickets()).toBe(0);
    await fx.api.waitForCall('sendMessage', (c) => c.params.chat_id === USER, 5_000, { since: 0 });
    expect(await eventually(async () => (await fx.runtime.queueDepth()).completed === 2)).toBe(true);
  });

  it('a redelivered staff answer is relayed once', async () => {
    await ticketAnnounced();
    await fx.runtime.staffActions.write(1001, anna, 'Once only', 3);
    expect(await fx.runtime.staffActions.write(1001, anna, 'Once only', 3)).toMatchObject({
      kind: 'repeated',
    });
    await fx.api.waitForCall('sendMessage', (c) => c.params.chat_id === USER, 5_000, { since: 0 });
    await new Promise((r) => setTimeout(r, 600));
    expect(fx.api.sentTo(USER)).toHaveLength(1);
  });

  it('tells the user when a ticket is closed without an answer, and asks for a rating after an answer, once', async () => {
    await ticketAnnounced();
    await fx.runtime.staffActions.close(1001, anna, 4);
    const call = await fx.api.waitForCall('sendMessage', (c) => c.params.chat_id === USER, 5_000, {
      since: 0,
    });
    expect(String(call.params.text)).toContain('#1001 已被工作人员关闭');

    await fx.confirm('second question', 5);
    await fx.waitForStaffMessages(2);
    await fx.runtime.staffActions.write(1002, anna, 'Answer', 6);
    await fx.runtime.staffActions.close(1002, anna, 7);
    await fx.runtime.staffActions.close(1002, anna, 7); // a redelivered close asks once
    await eventually(() => fx.api.sentTo(USER).length === 3);
    await new Promise((r) => setTimeout(r, 600));
    const sent = fx.api.sentTo(USER);
    expect(sent).toHaveLength(3);
    const asked = sent.at(-1)!;
    expect(asked.visibleText).toContain('工作人员已关闭 #1002');
    expect(asked.visibleText).toContain('这解决了您的问题吗？');
    expect(asked.buttons.flat().map((b) => b.text)).toEqual(['👍 是', '👎 否']);
  });

  it('waits retry_after on 429 and then delivers exactly once', async () => {
    await ticketAnnounced();
    fx.api.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await fx.runtime.staffActions.write(1001, anna, 'After a pause', 8);
    await fx.api.waitForCall('sendMessage', (c) => c.params.chat_id === USER, 5_000, { since: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(fx.api.sentTo(USER)).toHaveLength(1);
  });

  it('retries 5xx and network errors with backoff and delivers once', async () => {
    await ticketAnnounced();
    fx.api.failNext('sendMessage', { status: 502 }, 2);
    fx.api.failNext('sendMessage', { network: true });
    await fx.runtime.staffActions.write(1001, anna, 'Through the storm', 9);
    await fx.api.waitForCall('sendMessage', (c) => c.params.chat_id === USER, 8_000, { since: 0 });
    const attempts = fx.api.calls('sendMessage').filter((c) => c.params.chat_id === USER);
    expect(attempts.map((c) => c.ok)).toEqual([false, false, false, true]);
    expect(fx.api.sentTo(USER)).toHaveLength(1);
  });

  it('a user who blocked the bot: one attempt, ticket marked undeliverable, staff told', async () => {
    await ticketAnnounced();
    fx.api.blockChat(USER);
    await fx.runtime.staffActions.write(1001, anna, 'You will not see this', 10);
    const [, notice] = await fx.waitForStaffMessages(2);
    expect(notice!.visibleText).toContain(
      'The answer to #1001 could not be delivered: Li Wei has blocked the bot',
    );
    expect(notice!.replyTo).toBe(fx.staffMessages()[0]!.messageId);
    expect(await fx.runtime.store.get(1001)).toMatchObject({ undeliverable: true, state: 'claimed' });
    await new Promise((r) => setTimeout(r, 800));
    expect(fx.api.calls('sendMessage').filter((c) => c.params.chat_id === USER)).toHaveLength(1);
  });

  it('gives up on a relay that keeps failing and tells staff', async () => {
    fx = await startQueueFixture({ tuning: { backoff: { baseMs: 20, capMs: 40 } } });
    await fx.confirm('question', 1);
    await fx.waitForStaffMessages(1);
    fx.api.failNext('sendMessage', { status: 500 }, 12);
    await fx.runtime.staffActions.write(1001, anna, 'Lost in transit', 11);
    const [, notice] = await fx.waitForStaffMessages(2, 10_000);
    expect(notice!.visibleText).toContain('Telegram kept failing after several attempts');
    expect(fx.api.calls('sendMessage').filter((c) => c.params.chat_id === USER)).toHaveLength(12);
  });
});
