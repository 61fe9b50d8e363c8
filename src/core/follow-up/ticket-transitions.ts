import type { StaffMember, Ticket, TicketRating } from './ticket.js';

/** A staff action that cannot happen, with what the staff member should be told. */
export type Refusal =
  | { reason: 'claimed-by-other'; by: StaffMember }
  | { reason: 'already-yours' }
  /** A hand-over to the person who has the ticket already. */
  | { reason: 'already-theirs'; by: StaffMember }
  | { reason: 'finished'; state: 'answered' | 'closed' }
  | { reason: 'closed' }
  /** Unclaim of a ticket that nobody has. */
  | { reason: 'not-claimed' }
  /** A second rating of the same ticket. */
  | { reason: 'rated' }
  /** A rating of a ticket that is open, or was closed without an answer (a forged button). */
  | { reason: 'not-rateable' }
  /** A reopen of a ticket closed longer ago than REOPEN_WINDOW_MS. */
  | { reason: 'too-old' };

export type Transition = { ok: true; ticket: Ticket } | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal): Transition => ({ ok: false, refusal });
const accept = (ticket: Ticket): Transition => ({ ok: true, ticket });

/**
 * Claim: only a waiting ticket can be claimed. A second claim by someone else is refused with the current
 * claimer, so the chat can say who has it; a repeated claim by the same person is refused as "already yours"
 * so that a double tap changes nothing.
 */
export function claim(ticket: Ticket, by: StaffMember, now: number): Transition {
  if (ticket.state === 'claimed') {
    return ticket.claimedBy?.id === by.id
      ? refuse({ reason: 'already-yours' })
      : refuse({ reason: 'claimed-by-other', by: ticket.claimedBy ?? by });
  }
  if (ticket.state !== 'waiting') return refuse({ reason: 'finished', state: ticket.state });
  return accept({ ...ticket, state: 'claimed', claimedBy: by, claimedAt: now });
}

/**
 * Unclaim: the claimer gives the ticket back; it waits again for anyone to claim (a colleague, say). Only the
 * claimer may: somebody else's claim is refused with their name.
 */
export function unclaim(ticket: Ticket, by: StaffMember): Transition {
  if (ticket.state !== 'claimed') return refuse({ reason: 'not-claimed' });
  if (ticket.claimedBy?.id !== by.id)
    return refuse({ reason: 'claimed-by-other', by: ticket.claimedBy ?? by });
  const { claimedBy: _by, claimedAt: _at, ...rest } = ticket;
  return accept({ ...rest, state: 'waiting' });
}

/**
 * Hand-over: the claimer gives the ticket to a colleague, or anyone gives a waiting ticket to one. The ticket
 * is the colleague's claim from then on (an answered ticket stays answered).
 */
export function handOver(ticket: Ticket, by: StaffMember, to: StaffMember, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  const holder = ticket.claimedBy;
  if (ticket.state !== 'waiting' && holder && holder.id !== by.id)
    return refuse({ reason: 'claimed-by-other', by: holder });
  if (holder?.id === to.id && ticket.state !== 'waiting') return refuse({ reason: 'already-theirs', by: to });
  const state = ticket.state === 'answered' ? 'answered' : 'claimed';
  return accept({ ...ticket, state, claimedBy: to, claimedAt: now });
}

/**
 * A staff message to the user: any staff member may write in a ticket that is not closed (the claim is a
 * courtesy, not a lock). Writing to the user of a waiting ticket takes it, since the writer is now in the
 * conversation. A message does not answer the ticket: staff say when it is answered, or close it.
 */
export function staffWrote(ticket: Ticket, by: StaffMember, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  const written = {
    ...ticket,
    staffMessages: ticket.staffMessages + 1,
    firstReplyAt: ticket.firstReplyAt ?? now,
  };
  if (ticket.state !== 'waiting') return accept(written);
  return accept({ ...written, state: 'claimed', claimedBy: by, claimedAt: now });
}

/**
 * Staff say the ticket is answered: it leaves /queue and stops counting against the user's open tickets; the
 * conversation goes on until it is closed, and a message from the user opens it again.
 */
export function markAnswered(ticket: Ticket, by: StaffMember, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  if (ticket.state === 'answered') return refuse({ reason: 'finished', state: 'answered' });
  return accept({ ...ticket, state: 'answered', answeredBy: by, answeredAt: now });
}

/**
 * The user writes in a ticket's conversation: the ticket is open again (an answered ticket goes back to the
 * staff member who answered), so that it shows in /queue until staff reply. A closed ticket takes nothing.
 * A user who writes can be reached again: the undeliverable mark goes, so that a later failure is news.
 */
export function userWrote(written: Ticket, now: number): Transition {
  if (written.state === 'closed') return refuse({ reason: 'closed' });
  const { undeliverable: _reached, ...ticket } = written;
  if (ticket.state !== 'answered') return accept(ticket);
  const by = ticket.claimedBy ?? ticket.answeredBy;
  if (!by) return accept({ ...ticket, state: 'waiting' });
  return accept({ ...ticket, state: 'claimed', claimedBy: by, claimedAt: ticket.claimedAt ?? now });
}

/** How long after its close a reply from the user reopens a ticket; later, it starts a new ticket. */
export const REOPEN_WINDOW_MS = 7 * 24 * 3600_000;

export function canReopen(ticket: Ticket, now: number): boolean {
  return ticket.state === 'closed' && now - (ticket.closedAt ?? ticket.createdAt) <= REOPEN_WINDOW_MS;
}

/**
 * Reopen: the user wrote to a ticket closed within the window. It is open again as it was before the close:
 * with the staff member who had it (or answered it), else waiting for anyone.
 */
export function reopen(ticket: Ticket, now: number): Transition {
  if (ticket.state !== 'closed') return userWrote(ticket, now);
  if (!canReopen(ticket, now)) return refuse({ reason: 'too-old' });
  const { closedBy: _by, closedAt: _at, undeliverable: _reached, ...rest } = ticket;
  const by = rest.claimedBy ?? rest.answeredBy;
  if (!by) return accept({ ...rest, state: 'waiting' });
  return accept({ ...rest, state: 'claimed', claimedBy: by, claimedAt: rest.claimedAt ?? now });
}

/** Rate: once per ticket, by its asker, after staff closed it having written to them. */
export function rate(ticket: Ticket, rating: TicketRating, now: number): Transition {
  if (ticket.rating) return refuse({ reason: 'rated' });
  if (ticket.state !== 'closed' || ticket.staffMessages === 0) return refuse({ reason: 'not-rateable' });
  return accept({ ...ticket, rating, ratedAt: now });
}

/** Close: anything not yet closed. */
export function close(ticket: Ticket, by: StaffMember, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  return accept({ ...ticket, state: 'closed', closedBy: by, closedAt: now });
}

/**
 * The user hears about a closed ticket only when no staff member wrote to them and nobody said it was answered
 * (answered some other way, a call say).
 */
export function closingNeedsNotice(before: Ticket): boolean {
  return before.staffMessages === 0 && before.answeredAt === undefined;
}

/** Closing a ticket staff wrote in asks the user whether it solved their question, unless they rated it. */
export function closingAsksRating(before: Ticket): boolean {
  return before.staffMessages > 0 && before.rating === undefined;
}

/** Closing counts as answering when staff wrote to the user and never said it was answered. */
export function closingAnswers(before: Ticket): boolean {
  return before.staffMessages > 0 && before.answeredAt === undefined;
}

/** A reminder re-announces a ticket that nobody has claimed, answered or closed since. */
export function needsReminder(ticket: Ticket): boolean {
  return ticket.state === 'waiting';
}
