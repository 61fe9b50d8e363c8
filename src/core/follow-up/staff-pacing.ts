/**
 * Telegram lets a bot post about 20 messages a minute into one group. The staff chat must neither lose tickets
 * nor fall behind for ever under a burst, so when more tickets wait than the minute's remaining messages can
 * carry one by one, they are announced together in digests.
 */
export const STAFF_PACING = {
  /**
   * The staff queue's limiter (a fixed window): 3 messages per 12 s. Any minute overlaps at most six such
   * windows, so never more than 18 messages in a minute, and a burst still gets 3 out at once.
   */
  max: 3,
  durationMs: 12_000,
  /** Tickets in one digest at most; the message's size may cut it shorter (see renderDigest). */
  digestMax: 25,
} as const;

/**
 * In a forum a ticket announced in a digest gets no topic of its own, so rather than join a digest it waits up
 * to a minute for its two messages: the slots of the minute's following windows count too.
 */
const FORUM_WAIT_SLOTS = STAFF_PACING.max * (60_000 / STAFF_PACING.durationMs - 1);

export type AnnouncePlan = { kind: 'single' } | { kind: 'digest'; size: number };

/**
 * Decides how to announce the next ticket, given how many tickets wait to be announced (including this one)
 * and how many more staff-chat messages the limiter lets go in its current window after this one. One ticket
 * per announcement while the budget can carry the backlog that way, at `postsPerTicket` messages each (two in a
 * forum: the topic, then the card, with up to a minute's wait); otherwise a digest (one message) large enough
 * for the remaining budget to catch up, capped by `digestMax`.
 */
export function planAnnouncement(
  pending: number,
  slotsLeftAfterThis: number,
  digestMax: number = STAFF_PACING.digestMax,
  postsPerTicket = 1,
): AnnouncePlan {
  const budget = slotsLeftAfterThis + 1 + (postsPerTicket > 1 ? FORUM_WAIT_SLOTS : 0);
  if (pending <= 1 || pending * postsPerTicket <= budget) return { kind: 'single' };
  const perMessage = Math.ceil(pending / (slotsLeftAfterThis + 1));
  return { kind: 'digest', size: Math.min(Math.max(perMessage, 2), digestMax, pending) };
}
