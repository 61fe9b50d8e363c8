import { ATTACHMENT_LIMITS } from '../../core/follow-up/attachment.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Translate } from '../../i18n/translator.js';
import type { Logger } from '../../logger.js';
import { isPermanentDeliveryError } from '../delivery-error.js';
import type { BoundTranslate } from '../feature.js';
import { capHtml } from '../render/html.js';
import type { Messenger, OutMessage } from '../types.js';
import type { DeliveryRecords } from './delivery-records.js';
import { renderRelay } from './render-user.js';
import { recordSentRelay, RelayNotYetError } from './relay-order.js';
import type { TicketStore } from './ticket-store.js';
import { workIds, type UndeliverableReason, type UserJob, type WorkDispatcher } from './work-items.js';

export type RelayOutcome = 'sent' | 'undeliverable' | 'skipped';

export interface UserRelayDeps {
  store: Pick<TicketStore, 'get'>;
  delivery: Pick<DeliveryRecords, 'relayTurn' | 'relayDone' | 'relaySent' | 'markUndeliverable'>;
  messenger: Messenger;
  translate: Translate;
  dispatcher: WorkDispatcher;
  log: Logger;
}

/**
 * Sends the relay's message to the user; a staff member's file is copied from the staff chat instead, the
 * message its caption. Resolves with the user's message id.
 */
function sendToUser(
  messenger: Messenger,
  job: UserJob,
  ticket: Ticket,
  message: OutMessage,
): Promise<number> {
  const file = job.name === 'answer' ? job.attachment : undefined;
  return file
    ? messenger.copy(file.chatId, file.messageId, ticket.chatId, {
        caption: capHtml(message.html, ATTACHMENT_LIMITS.captionChars),
        buttons: message.buttons,
      })
    : messenger.send(ticket.chatId, message);
}

/**
 * A relay that can never reach the user: the user is marked unreachable (unless Telegram refused only this
 * message), the relay's place in the ticket's line is freed, and staff hear of a lost answer.
 */
async function recordUndeliverable(
  deps: Pick<UserRelayDeps, 'delivery' | 'dispatcher'>,
  job: UserJob,
  jobId: string,
  reason: UndeliverableReason,
): Promise<void> {
  // A message refused on its own says nothing about the user, who stays reachable: staff hear of it each time.
  const news = reason === 'refused' ? true : await deps.delivery.markUndeliverable(job.ticket);
  if (job.ordered) await deps.delivery.relayDone(job.ticket, 'user', jobId);
  // Only a lost answer needs staff attention (a lost closing notice changes nothing for them), and only the
  // first while the user stays unreachable: their next message clears the mark.
  if (job.name !== 'answer' || !news) return;
  await deps.dispatcher.dispatch([
    {
      id: workIds.undeliverable(jobId),
      queue: 'staff',
      job: { name: 'undeliverable', ticket: job.ticket, by: job.by, reason },
    },
  ]);
}

/**
 * Delivers staff messages (a file is copied, under a caption of ours) and closing notices to users, framed in
 * the user's language, each ticket's in the order staff wrote them; every staff message says that a person is
 * writing and offers Back to automatic answers. A recipient who can never be reached (blocked the bot) ends the
 * job as undeliverable and staff are told; other delivery errors
 * propagate so that the queue retries them, and `giveUp` handles the last failed attempt the same way.
 */
export function createUserRelay(deps: UserRelayDeps) {
  return {
    async handle(job: UserJob, jobId: string): Promise<RelayOutcome> {
      const ticket = await deps.store.get(job.ticket);
      if (!ticket) return 'skipped';
      if (job.ordered) {
        const turn = await deps.delivery.relayTurn(job.ticket, 'user', jobId);
        if (turn === 'done') return 'skipped';
        if (turn === 'later') throw new RelayNotYetError(job.ticket);
      }
      try {
        const t: BoundTranslate = (key, vars) => deps.translate(ticket.lang, key, vars);
        const messageId = await sendToUser(deps.messenger, job, ticket, renderRelay(t, job, ticket));
        // A reply to it goes to this ticket (and reopens it once closed); then the next relay may go.
        const to = { queue: 'user' as const, chatId: ticket.chatId };
        const sent = { ticket: ticket.number, to, messageId, ...(job.ordered ? { lineId: jobId } : {}) };
        await recordSentRelay(deps.delivery, sent, deps.log);
        return 'sent';
      } catch (error) {
        if (!isPermanentDeliveryError(error)) throw error;
        deps.log.info({ ticket: job.ticket, status: error.status, job: jobId }, 'relay undeliverable');
        await recordUndeliverable(deps, job, jobId, error.status === 403 ? 'blocked' : 'refused');
        return 'undeliverable';
      }
    },

    /** The queue ran out of attempts on transient errors. */
    giveUp(job: UserJob, jobId: string): Promise<void> {
      deps.log.warn({ ticket: job.ticket, job: jobId }, 'relay given up after retries');
      return recordUndeliverable(deps, job, jobId, 'gave-up');
    },
  };
}

export type UserRelay = ReturnType<typeof createUserRelay>;
