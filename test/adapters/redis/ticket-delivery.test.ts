import { describe, expect, it } from 'vitest';
import { staffWrote } from '../../../src/core/follow-up/ticket-transitions.js';
import { anna, draft, useTicketRecords } from './ticket-fixture.js';

describe('RedisDeliveryRecords', () => {
  const r = useTicketRecords('delivery');

  it("keeps a ticket's relays in line: the next goes once the one before was sent or given up", async () => {
    await r.store.create(draft('talk to me'), 1, 1_000);
    for (const [i, id] of ['answer-u10', 'answer-u11'].entries()) {
      const before = (await r.store.get(1001))!;
      const after = staffWrote(before, anna, 2_000 + i);
      if (!after.ok) throw new Error('refused');
      const relay = { queue: 'user' as const, id };
      expect(await r.store.commit(before, after.ticket, { updateId: 10 + i, relay })).toBe('ok');
    }
    expect(await r.delivery.relayTurn(1001, 'user', 'answer-u10')).toBe('now');
    expect(await r.delivery.relayTurn(1001, 'user', 'answer-u11')).toBe('later');

    const sent = { ticket: 1001, to: { queue: 'user' as const, chatId: 7 }, messageId: 300 };
    await r.delivery.relaySent({ ...sent, lineId: 'answer-u10' });
    expect(await r.delivery.relayTurn(1001, 'user', 'answer-u10')).toBe('done');
    expect(await r.delivery.relayTurn(1001, 'user', 'answer-u11')).toBe('now');
    expect(await r.delivery.userMessageTicket(7, 300)).toBe(1001);
    expect(await r.delivery.userMessageTicket(7, 301)).toBeNull();

    await r.delivery.relayDone(1001, 'user', 'answer-u11');
    expect(await r.delivery.relayTurn(1001, 'user', 'answer-u11')).toBe('done');
  });

  it('a relay into the staff chat leads replies to its ticket, as the staff chat reads them', async () => {
    await r.delivery.relaySent({ ticket: 1001, to: { queue: 'staff' }, messageId: 700 });
    expect(await r.staffChat.staffMessageTarget(700)).toEqual({ kind: 'ticket', number: 1001 });
  });

  it('marks a ticket undeliverable once', async () => {
    await r.store.create(draft('can you reach me?'), 1, 1_000);
    expect(await r.delivery.markUndeliverable(1001)).toBe(true);
    expect(await r.delivery.markUndeliverable(1001)).toBe(false);
    expect(await r.store.get(1001)).toMatchObject({ undeliverable: true });
  });
});
