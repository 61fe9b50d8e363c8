import { ATTACHMENT_LIMITS } from '../../core/follow-up/attachment.js';
import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Translate } from '../../i18n/translator.js';
import type { Logger } from '../../logger.js';
import { encodeCallback } from '../callback-data.js';
import { DeliveryError } from '../delivery-error.js';
import { capHtml, shorten } from '../render/html.js';
import type { Messenger, OutMessage } from '../types.js';
import type { DeliveryRecords } from './delivery-records.js';
import { FOLLOW_UP_ACTIONS, renderRatingQuestion } from './render-user.js';
import { recordSentRelay, RelayNotYetError } from './relay-order.js';
import type { TicketStore } from './ticket-store.js';
import { workIds, type UndeliverableReason, type UserJob, type WorkDispatcher } from './work-items.js';

/** Characters of the original question quoted under an answer, to remind the user what it was about. */
const QUESTION_QUOTE = 200;
/** Characters of a staff member's caption kept, so that the frame around it fits in Telegram's caption. */
const CAPTION_KEPT = 700;

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
 * Delivers staff messages (a file is copied, under a caption of ours) and closing notices to users, framed in
 * the user's language, each ticket's in the order staff wrote them; every staff message says that a person is
 * writing and offers Back to automatic answers. A recipient who can never be reached (blocked the bot) ends the
 * job as undeliverable and staff are told; other delivery errors
 * propagate so that the queue retries them, and `giveUp` handles the last failed attempt the same way.
 */
export function createUserRelay(deps: UserRelayDeps) {
  function render(job: UserJob, ticket: Ticket): OutMessage {
    const number = formatTicketNumber(ticket.number);
    const t = (key: string, vars?: Record<string, unknown>) => deps.translate(ticket.lang, key, vars);
    if (job.name === 'closed') return { html: t('followup:closed_notice', { number }) };
    if (job.name === 'rate') return renderRatingQuestion(t, ticket);
    const question = shorten(ticket.question.replace(/\s+/g, ' '), QUESTION_QUOTE);
    const kind = job.attachment && t(`common:attachment_${job.attachment.kind}`);
    const body = kind
      ? t('followup:staff_attachment', {
          number,
          name: job.by.name,
          kind,
          text: shorten(job.text, CAPTION_KEPT),
        }).trimEnd()
      : job.frame === 'message'
        ? t('followup:staff_message', { number, name: job.by.name, text: job.text })
        : t('followup:staff_first_message', { number, name: job.by.name, text: job.text, question });
    return {
      html: capHtml(`${body}\n\n${t('followup:talking', { number })}`),
      buttons: [
        [
          {
            text: t('followup:back_button'),
            data: encodeCallback(FOLLOW_UP_ACTIONS.back, ticket.number),
          },
        ],
      ],
    };
  }

  async function fail(job: UserJob, jobId: string, reason: UndeliverableReason): Promise<void> {
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
        const message = render(job, ticket);
        const file = job.name === 'answer' ? job.attachment : undefined;
        const messageId = file
          ? await deps.messenger.copy(file.chatId, file.messageId, ticket.chatId, {
              caption: capHtml(message.html, ATTACHMENT_LIMITS.captionChars),
              buttons: message.buttons,
            })
          : await deps.messenger.send(ticket.chatId, message);
        // A reply to it goes to this ticket (and reopens it once closed); then the next relay may go.
        const to = { queue: 'user' as const, chatId: ticket.chatId };
        const sent = { ticket: ticket.number, to, messageId, ...(job.ordered ? { lineId: jobId } : {}) };
        await recordSentRelay(deps.delivery, sent, deps.log);
        return 'sent';
      } catch (error) {
        if (!(error instanceof DeliveryError) || !error.permanent) throw error;
        deps.log.info({ ticket: job.ticket, status: error.status, job: jobId }, 'relay undeliverable');
        await fail(job, jobId, error.status === 403 ? 'blocked' : 'refused');
        return 'undeliverable';
      }
    },

    /** The queue ran out of attempts on transient errors. */
    giveUp(job: UserJob, jobId: string): Promise<void> {
      deps.log.warn({ ticket: job.ticket, job: jobId }, 'relay given up after retries');
      return fail(job, jobId, 'gave-up');
    },
  };
}

export type UserRelay = ReturnType<typeof createUserRelay>;
