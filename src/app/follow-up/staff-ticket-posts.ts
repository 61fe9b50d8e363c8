import { ATTACHMENT_LIMITS, type AttachmentRef } from '../../core/follow-up/attachment.js';
import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import { isPermanentDeliveryError } from '../delivery-error.js';
import { capHtml, shorten } from '../render/html.js';
import { displayName } from './render-staff.js';
import { recordSentRelay, RelayNotYetError } from './relay-order.js';
import type { StaffOutcome, StaffPosterDeps } from './staff-poster.js';
import type { TicketPlace } from './staff-topics.js';
import type { StaffJob, UndeliverableReason } from './work-items.js';

/*
 * Posts about one ticket once it is announced, each in the ticket's thread (a reply to its card, in its topic;
 * in the General topic once staff deleted the topic): the file sent with its question, the user's messages and
 * files of a conversation, a 👎, and the notice that a staff message did not reach the user. Also the notice
 * that its topic was deleted.
 */

/** Characters of a user's caption kept, so that the frame around it fits in Telegram's caption. */
const CAPTION_KEPT = 800;

/** The staff chat's notice per reason a message did not reach the user. */
const UNDELIVERABLE_KEYS: Record<UndeliverableReason, string> = {
  blocked: 'staff:undeliverable_blocked',
  refused: 'staff:undeliverable_refused',
  'gave-up': 'staff:undeliverable_gave_up',
};

const skipped: StaffOutcome = { kind: 'skipped' };

/** What the posts in a ticket's thread take from the poster's deps. */
export type TicketPostsDeps = Pick<
  StaffPosterDeps,
  'store' | 'staffChat' | 'delivery' | 'messenger' | 'staffChatId' | 't' | 'log' | 'topics'
>;

/**
 * Copies a user's file into the staff chat under a caption naming the ticket and the user, in the ticket's
 * place `where` (its topic, or as a reply to its card); nothing is downloaded.
 */
function copyToStaff(
  deps: Pick<TicketPostsDeps, 'messenger' | 'staffChatId' | 't'>,
  ticket: Ticket,
  file: AttachmentRef,
  text: string,
  where: TicketPlace,
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

/** A staff message did not reach the user: staff hear why, in the ticket's thread. */
export async function postUndeliverable(
  deps: TicketPostsDeps,
  job: Extract<StaffJob, { name: 'undeliverable' }>,
): Promise<StaffOutcome> {
  const ticket = await deps.store.get(job.ticket);
  const key = UNDELIVERABLE_KEYS[job.reason];
  const html = deps.t(key, {
    number: formatTicketNumber(job.ticket),
    user: ticket ? displayName(ticket) : '?',
  });
  const send = (place: TicketPlace) => deps.messenger.send(deps.staffChatId, { html, ...place });
  const messageId = ticket ? await deps.topics.post(ticket, send) : await send({});
  return { kind: 'posted', messageId, announced: [] };
}

/**
 * The file sent with a question, under the post that announced it (the card, or a digest), the question as
 * its caption; a job of its own, so that a retried copy never posts the announcement again. A copy Telegram
 * refuses for good (the user deleted the file) is logged and left out.
 */
export async function postQuestionFile(
  deps: TicketPostsDeps,
  job: Extract<StaffJob, { name: 'question-file' }>,
): Promise<StaffOutcome> {
  const ticket = await deps.store.get(job.ticket);
  const file = ticket?.attachment;
  if (!ticket || !file) return skipped;
  try {
    const copy = await deps.topics.post(ticket, (place) =>
      copyToStaff(deps, ticket, file, ticket.question, { ...place, replyTo: job.under }),
    );
    await deps.staffChat.mapStaffMessage(copy, { kind: 'ticket', number: ticket.number });
    return { kind: 'posted', messageId: copy, announced: [] };
  } catch (err) {
    if (!isPermanentDeliveryError(err)) throw err;
    deps.log.warn({ err, ticket: ticket.number }, 'a file sent with a question could not be copied to staff');
    return skipped;
  }
}

/** Staff deleted the ticket's topic: said once in the General topic; a reply to it answers the ticket. */
export async function postTopicGone(deps: TicketPostsDeps, number: number): Promise<StaffOutcome> {
  const ticket = await deps.store.get(number);
  if (!ticket) return skipped;
  const html = deps.t('staff:topic_deleted', {
    number: formatTicketNumber(number),
    user: displayName(ticket),
  });
  const messageId = await deps.messenger.send(deps.staffChatId, { html });
  await deps.staffChat.mapStaffMessage(messageId, { kind: 'ticket', number });
  return { kind: 'posted', messageId, announced: [] };
}

/**
 * A user's message (or file) in a conversation, as a reply to the ticket's card, after the ticket's earlier
 * ones; a reply to it answers the ticket like a reply to the card.
 */
export async function postUserMessage(
  deps: TicketPostsDeps,
  job: Extract<StaffJob, { name: 'user-message' }>,
  jobId: string,
): Promise<StaffOutcome> {
  const ticket = await deps.store.get(job.ticket);
  const turn = await deps.delivery.relayTurn(job.ticket, 'staff', jobId);
  if (!ticket || turn === 'done') return skipped;
  if (turn === 'later') throw new RelayNotYetError(job.ticket);
  const html = deps.t(job.reopened ? 'staff:user_reopened' : 'staff:user_message', {
    number: formatTicketNumber(ticket.number),
    user: displayName(ticket),
    text: job.text,
  });
  let messageId: number;
  try {
    messageId = await deps.topics.post(ticket, (place) =>
      job.attachment
        ? copyToStaff(deps, ticket, job.attachment, job.text, place)
        : deps.messenger.send(deps.staffChatId, { html, ...place }),
    );
  } catch (err) {
    // Refused for good (a file the user deleted): the ticket's later messages must not wait behind this one
    // for ever.
    if (!isPermanentDeliveryError(err)) throw err;
    deps.log.warn({ err, ticket: ticket.number }, "a user's message could not be posted to staff");
    await deps.delivery.relayDone(job.ticket, 'staff', jobId);
    return skipped;
  }
  const sent = { ticket: ticket.number, to: { queue: 'staff' as const }, messageId, lineId: jobId };
  await recordSentRelay(deps.delivery, sent, deps.log);
  return { kind: 'posted', messageId, announced: [] };
}

/** A 👎: a short post in the ticket's thread (a reply to its card), so that whoever had it sees it. */
export async function postRatedDown(deps: TicketPostsDeps, number: number): Promise<StaffOutcome> {
  const ticket = await deps.store.get(number);
  if (!ticket) return skipped;
  const html = deps.t('staff:rated_down', {
    number: formatTicketNumber(number),
    user: displayName(ticket),
  });
  const messageId = await deps.topics.post(ticket, (place) =>
    deps.messenger.send(deps.staffChatId, { html, ...place }),
  );
  await deps.staffChat.mapStaffMessage(messageId, { kind: 'ticket', number });
  return { kind: 'posted', messageId, announced: [] };
}
