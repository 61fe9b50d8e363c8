import { describe, expect, it } from 'vitest';
import {
  claim,
  close,
  closingAnswers,
  closingAsksRating,
  closingNeedsNotice,
  markAnswered,
  needsReminder,
  staffWrote,
  userWrote,
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

  it('a staff message takes a waiting ticket for its writer, and is not an answer', () => {
    const wrote = staffWrote(fresh(), ben, 3_000);
    expect(wrote).toMatchObject({
      ok: true,
      ticket: { state: 'claimed', claimedBy: ben, staffMessages: 1, firstReplyAt: 3_000 },
    });
    if (!wrote.ok) return;
    expect(isOpen(wrote.ticket.state)).toBe(true);
    expect(wrote.ticket.answeredBy).toBeUndefined();
  });

  it('anyone may write, even in a ticket someone else claimed; the claimer stays and the first reply time too', () => {
    const claimed = claim(fresh(), anna, 2_000);
    if (!claimed.ok) throw new Error('claim failed');
    const first = staffWrote(claimed.ticket, ben, 3_000);
    if (!first.ok) throw new Error('write failed');
    expect(staffWrote(first.ticket, anna, 4_000)).toMatchObject({
      ok: true,
      ticket: { state: 'claimed', claimedBy: anna, staffMessages: 2, firstReplyAt: 3_000 },
    });
  });

  it('staff say when it is answered: the ticket leaves the open ones, once; the user writing opens it again', () => {
    const wrote = staffWrote(fresh(), anna, 2_000);
    if (!wrote.ok) throw new Error('write failed');
    const answered = markAnswered(wrote.ticket, anna, 3_000);
    expect(answered).toMatchObject({
      ok: true,
      ticket: { state: 'answered', answeredBy: anna, answeredAt: 3_000 },
    });
    if (!answered.ok) return;
    expect(isOpen(answered.ticket.state)).toBe(false);
    expect(markAnswered(answered.ticket, anna, 4_000)).toEqual({
      ok: false,
      refusal: { reason: 'finished', state: 'answered' },
    });
    expect(userWrote(answered.ticket, 5_000)).toMatchObject({
      ok: true,
      ticket: { state: 'claimed', claimedBy: anna },
    });
  });

  it('a closed ticket refuses messages, answered, claims and a second close', () => {
    const closed = close(fresh(), anna, 2_000);
    if (!closed.ok) throw new Error('close failed');
    expect(closed.ticket).toMatchObject({ state: 'closed', closedBy: anna });
    expect(staffWrote(closed.ticket, ben, 3_000)).toEqual({ ok: false, refusal: { reason: 'closed' } });
    expect(markAnswered(closed.ticket, ben, 3_000)).toEqual({ ok: false, refusal: { reason: 'closed' } });
    expect(close(closed.ticket, ben, 3_000)).toEqual({ ok: false, refusal: { reason: 'closed' } });
    expect(claim(closed.ticket, ben, 3_000)).toEqual({
      ok: false,
      refusal: { reason: 'finished', state: 'closed' },
    });
  });

  it('closing tells the user when nobody wrote, else asks for a rating; it answers a ticket staff wrote in', () => {
    const ticket = fresh();
    expect(closingNeedsNotice(ticket)).toBe(true);
    expect(closingAsksRating(ticket)).toBe(false);
    expect(closingAnswers(ticket)).toBe(false);
    const wrote = staffWrote(ticket, anna, 2_000);
    if (!wrote.ok) throw new Error('write failed');
    expect(closingNeedsNotice(wrote.ticket)).toBe(false);
    expect(closingAsksRating(wrote.ticket)).toBe(true);
    expect(closingAnswers(wrote.ticket)).toBe(true);
    const answered = markAnswered(wrote.ticket, anna, 3_000);
    if (!answered.ok) throw new Error('answered failed');
    expect(closingAnswers(answered.ticket)).toBe(false);
    // Opened again by the user, it was answered once already: a close does not count it a second time.
    const reopened = userWrote(answered.ticket, 4_000);
    if (!reopened.ok) throw new Error('user write failed');
    expect(closingAnswers(reopened.ticket)).toBe(false);
  });

  it('a ticket said to be answered without a message (a call, say) closes without the "no answer" notice', () => {
    const answered = markAnswered(fresh(), anna, 2_000);
    if (!answered.ok) throw new Error('answered failed');
    expect(closingNeedsNotice(answered.ticket)).toBe(false);
  });
});
