import { ATTACHMENT_LIMITS, type AttachmentRef } from '../../core/follow-up/attachment.js';
import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import { DeliveryError } from '../delivery-error.js';
import { capHtml, shorten } from '../render/html.js';
import type { OutMessage } from '../types.js';
import { displayName } from './render-staff.js';
import { recordSentRelay, RelayNotYetError } from './relay-order.js';
import type { StaffOutcome, StaffPosterDeps } from './staff-poster.js';
import type { StaffJob, UndeliverableReason } from './work-items.js';

/** Characters of a user's caption kept, so that the frame around it fits in Telegram's caption. */
const CAPTION_KEPT = 800;

/** Where a post about a ticket goes: a reply to its card, inside its topic when it has one. */
export const inTicket = (ticket: Ticket): Pick<OutMessage, 'replyTo' | 'threadId'> => ({
  replyTo: ticket.staffMessageId,
  threadId: ticket.topicId,
});

/** The staff chat's notice per reason a message did not reach the user. */
const UNDELIVERABLE_KEYS: Record<UndeliverableReason, string> = {
  blocked: 'staff:undeliverable_blocked',
  refused: 'staff:undeliverable_refused',
  'gave-up': 'staff:undeliverable_gave_up',
};

/**
 * Posts about one ticket once it is announced, each in the ticket's thread (a reply to its card, in its topic):
 * the user's messages and files of a conversation, a 👎, and the notice that a staff message did not reach the
 * user.
 */
export function createTicketPosts(
  deps: Pick<StaffPosterDeps, 'store' | 'messenger' | 'staffChatId' | 't' | 'log'>,
) {
  /**
   * Copies a user's file into the staff chat under a caption naming the ticket and the user, as a reply to
   * `replyTo` (the ticket's card); nothing is downloaded.
   */
  function copyToStaff(
    ticket: Ticket,
    file: AttachmentRef,
    text: string,
    where: Pick<OutMessage, 'replyTo' | 'threadId'>,
  ): Promise<number> {
    const caption = deps
      .t('staff:user_attachment', {
        number: formatTicketNumber(ticket.number),
        user: displayName(ticket),
        kind: deps.t(`common:attachment_${file.kind}`),
        text: shorten(text, CAPTION_KEPT),
      })
      .trimEnd();
    return deps.messenger.copy(file.chatId, file.messageId, deps.staffChatId, {
      caption: capHtml(caption, ATTACHMENT_LIMITS.captionChars),
      ...where,
    });
  }

  async function undeliverable(job: Extract<StaffJob, { name: 'undeliverable' }>): Promise<StaffOutcome> {
    const ticket = await deps.store.get(job.ticket);
    const key = UNDELIVERABLE_KEYS[job.reason];
    const html = deps.t(key, {
      number: formatTicketNumber(job.ticket),
      user: ticket ? displayName(ticket) : '?',
    });
    const messageId = await deps.messenger.send(deps.staffChatId, { html, ...(ticket && inTicket(ticket)) });
    return { kind: 'posted', messageId, announced: [] };
  }

  /**
   * A user's message (or file) in a conversation, as a reply to the ticket's card, after the ticket's earlier
   * ones; a reply to it answers the ticket like a reply to the card.
   */
  async function userMessage(
    job: Extract<StaffJob, { name: 'user-message' }>,
    jobId: string,
  ): Promise<StaffOutcome> {
    const ticket = await deps.store.get(job.ticket);
    const turn = await deps.store.relayTurn(job.ticket, 'staff', jobId);
    if (!ticket || turn === 'done') return { kind: 'skipped' };
    if (turn === 'later') throw new RelayNotYetError(job.ticket);
    const html = deps.t(job.reopened ? 'staff:user_reopened' : 'staff:user_message', {
      number: formatTicketNumber(ticket.number),
      user: displayName(ticket),
      text: job.text,
    });
    let messageId: number;
    try {
      messageId = job.attachment
        ? await copyToStaff(ticket, job.attachment, job.text, inTicket(ticket))
        : await deps.messenger.send(deps.staffChatId, { html, ...inTicket(ticket) });
    } catch (err) {
      // Refused for good (a file the user deleted, a topic staff deleted): the ticket's later messages must not
      // wait behind this one for ever.
      if (!(err instanceof DeliveryError) || !err.permanent) throw err;
      deps.log.warn({ err, ticket: ticket.number }, "a user's message could not be posted to staff");
      await deps.store.relayDone(job.ticket, 'staff', jobId);
      return { kind: 'skipped' };
    }
    const sent = { ticket: ticket.number, to: { queue: 'staff' as const }, messageId, lineId: jobId };
    await recordSentRelay(deps.store, sent, deps.log);
    return { kind: 'posted', messageId, announced: [] };
  }

  /** A 👎: a short post in the ticket's thread (a reply to its card), so that whoever had it sees it. */
  async function ratedDown(number: number): Promise<StaffOutcome> {
    const ticket = await deps.store.get(number);
    if (!ticket) return { kind: 'skipped' };
    const html = deps.t('staff:rated_down', {
      number: formatTicketNumber(number),
      user: displayName(ticket),
    });
    const messageId = await deps.messenger.send(deps.staffChatId, { html, ...inTicket(ticket) });
    await deps.store.mapStaffMessage(messageId, { kind: 'ticket', number });
    return { kind: 'posted', messageId, announced: [] };
  }

  return { copyToStaff, undeliverable, userMessage, ratedDown };
}
