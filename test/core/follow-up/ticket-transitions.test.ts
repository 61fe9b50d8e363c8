import { describe, expect, it } from 'vitest';
import {
  answer,
  claim,
  close,
  closingNeedsNotice,
  needsReminder,
} from '../../../src/core/follow-up/ticket-transitions.js';
import { isOpen, openTicket, type Ticket } from '../../../src/core/follow-up/ticket.js';

const anna = { id: 1, name: 'Anna' };
const ben = { id: 2, name: 'Ben' };
const fresh = (): Ticket =>
  openTicket(
    {
      channel: 'telegram',
      userId: 7,
      chatId: 7,
      userName: 'Li',
      lang: 'zh',
      question: '怎么申请？',
      considered: [],
      origin: 'ask',
    },
    1001,
    1_000,
  );

describe('ticket transitions', () => {
  it('a new ticket waits, is open and needs reminders', () => {
    const ticket = fresh();
    expect(ticket.state).toBe('waiting');
    expect(isOpen(ticket.state)).toBe(true);
    expect(needsReminder(ticket)).toBe(true);
  });

  it('a claim records who has it; a second claim by someone else is refused with the claimer', () => {
    const first = claim(fresh(), anna, 2_000);
    expect(first).toMatchObject({
      ok: true,
      ticket: { state: 'claimed', claimedBy: anna, claimedAt: 2_000 },
    });
    if (!first.ok) return;
    expect(claim(first.ticket, ben, 3_000)).toEqual({
      ok: false,
      refusal: { reason: 'claimed-by-other', by: anna },
    });
    expect(claim(first.ticket, anna, 3_000)).toEqual({ ok: false, refusal: { reason: 'already-yours' } });
    expect(needsReminder(first.ticket)).toBe(false);
  });

  it('anyone may answer, even a ticket someone else claimed, and answer again; the claimer stays', () => {
    const claimed = claim(fresh(), anna, 2_000);
    if (!claimed.ok) throw new Error('claim failed');
    const answered = answer(claimed.ticket, ben, 3_000);
    expect(answered).toMatchObject({
      ok: true,
      ticket: { state: 'answered', answeredBy: ben, claimedBy: anna, answers: 1 },
    });
    if (!answered.ok) return;
    expect(isOpen(answered.ticket.state)).toBe(false);
    expect(answer(answered.ticket, anna, 4_000)).toMatchObject({
      ok: true,
      ticket: { answers: 2, answeredBy: anna },
    });
    expect(claim(answered.ticket, anna, 4_000)).toEqual({
      ok: false,
      refusal: { reason: 'finished', state: 'answered' },
    });
  });

  it('a closed ticket refuses answers, claims and a second close', () => {
    const closed = close(fresh(), anna, 2_000);
    if (!closed.ok) throw new Error('close failed');
    expect(closed.ticket).toMatchObject({ state: 'closed', closedBy: anna });
    expect(answer(closed.ticket, ben, 3_000)).toEqual({ ok: false, refusal: { reason: 'closed' } });
    expect(close(closed.ticket, ben, 3_000)).toEqual({ ok: false, refusal: { reason: 'closed' } });
    expect(claim(closed.ticket, ben, 3_000)).toEqual({
      ok: false,
      refusal: { reason: 'finished', state: 'closed' },
    });
  });

  it('the user is told about a close only when nobody answered', () => {
    const ticket = fresh();
    expect(closingNeedsNotice(ticket)).toBe(true);
    const answered = answer(ticket, anna, 2_000);
    if (!answered.ok) throw new Error('answer failed');
    expect(closingNeedsNotice(answered.ticket)).toBe(false);
  });
});
