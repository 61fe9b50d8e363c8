import type { StaffMember, Ticket } from './ticket.js';

/** A staff action that cannot happen, with what the staff member should be told. */
export type Refusal =
  | { reason: 'claimed-by-other'; by: StaffMember }
  | { reason: 'already-yours' }
  | { reason: 'finished'; state: 'answered' | 'closed' }
  | { reason: 'closed' }
  /** Unclaim of a ticket that nobody has. */
  | { reason: 'not-claimed' };

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
 * Answer: any staff member may answer a ticket that is not closed, claimed or not (the claim is a courtesy,
 * not a lock); an answered ticket may be answered again. The claimer stays recorded.
 */
export function answer(ticket: Ticket, by: StaffMember, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  return accept({
    ...ticket,
    state: 'answered',
    answeredBy: by,
    answeredAt: now,
    answers: ticket.answers + 1,
  });
}

/**
 * The user writes in a ticket's conversation: the ticket is open again (an answered ticket goes back to the
 * staff member who answered), so that it shows in /queue until staff reply. A closed ticket takes nothing.
 */
export function userWrote(ticket: Ticket, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  if (ticket.state !== 'answered') return accept(ticket);
  const by = ticket.claimedBy ?? ticket.answeredBy;
  if (!by) return accept({ ...ticket, state: 'waiting' });
  return accept({ ...ticket, state: 'claimed', claimedBy: by, claimedAt: ticket.claimedAt ?? now });
}

/** Close: anything not yet closed. */
export function close(ticket: Ticket, by: StaffMember, now: number): Transition {
  if (ticket.state === 'closed') return refuse({ reason: 'closed' });
  return accept({ ...ticket, state: 'closed', closedBy: by, closedAt: now });
}

/** The user hears about a closed ticket only when nobody answered it (otherwise the answer said it all). */
export function closingNeedsNotice(before: Ticket): boolean {
  return before.answers === 0;
}

/** A reminder re-announces a ticket that nobody has claimed, answered or closed since. */
export function needsReminder(ticket: Ticket): boolean {
  return ticket.state === 'waiting';
}
