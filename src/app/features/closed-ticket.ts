import { FOLLOW_UP_LIMITS } from '../../core/follow-up/limits.js';
import { formatTicketNumber, parseTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket, TicketRating } from '../../core/follow-up/ticket.js';
import type { BoundTranslate, DeskContext, DeskResponse, Feature } from '../feature.js';
import type { ClosedTickets } from '../follow-up/closed-tickets.js';
import type { ConversationUser, UserMessage } from '../follow-up/conversations.js';
import { backButton, FOLLOW_UP_ACTIONS, RATING_CODES } from '../follow-up/render-user.js';
import { whenFollowUpsAway } from './follow-up-outage.js';

const RATINGS = new Map<string, TicketRating>([
  [RATING_CODES.up, 'up'],
  [RATING_CODES.down, 'down'],
]);

const say = (html: string): DeskResponse => ({ replies: [{ html }] });

/**
 * A message or file the conversation routing gave to a closed ticket (a reply to one of its messages, or the
 * message after a 👎): the ticket reopens with it within a week of its close; later, it starts a new ticket
 * naming it.
 */
export function writeToClosedTicket(
  ctx: DeskContext,
  closed: ClosedTickets,
  user: ConversationUser,
  ticket: Ticket,
  message: UserMessage,
): Promise<DeskResponse> {
  const t: BoundTranslate = (key, vars) => ctx.tIn(ticket.lang, key, vars);
  const number = formatTicketNumber(ticket.number);
  return whenFollowUpsAway(
    ctx,
    'closed ticket not reached: store unavailable',
    async () => {
      const written = await closed.write(user, ticket, message, ctx.updateId);
      if (written.result.kind === 'repeated') return {};
      if (written.kind === 'reopened') {
        if (written.result.kind !== 'done') return say(t('followup:message_not_sent', { number }));
        ctx.note({ reopened: ticket.number });
        return say(t('followup:reopened', { number }));
      }
      const result = written.result;
      if (result.kind === 'limit') return say(t('followup:limit', { max: FOLLOW_UP_LIMITS.openPerUser }));
      if (result.kind === 'duplicate')
        return say(t('followup:duplicate', { number: formatTicketNumber(result.ticket.number) }));
      if (result.kind !== 'created') return say(t('followup:message_not_sent', { number }));
      ctx.note({ followsUp: ticket.number });
      const created = formatTicketNumber(result.ticket.number);
      return say(t('followup:follow_up_created', { number: created, earlier: number }));
    },
    false,
  );
}

/**
 * 👍 / 👎 under "Did this solve your question?": one rating per ticket, by its asker. The buttons go once
 * tapped; a 👎 asks what is missing (the next message reopens the ticket) and offers Back to automatic answers.
 */
export function createClosedTicketFeature(deps: { closed: ClosedTickets }): Feature {
  return {
    name: 'closed-ticket',
    callbacks: {
      [FOLLOW_UP_ACTIONS.rate]: (input, ctx) =>
        whenFollowUpsAway(
          ctx,
          'closed ticket not reached: store unavailable',
          async () => {
            const number = parseTicketNumber(input.args[0] ?? '');
            const rating = RATINGS.get(input.args[1] ?? '');
            if (number === null || !rating) return { toast: { text: ctx.t('errors:stale_button') } };
            const result = await deps.closed.rate(ctx.sender, number, rating, ctx.updateId);
            if (result.kind === 'repeated') return {};
            if (result.kind === 'missing')
              return { toast: { text: ctx.t('followup:not_yours'), alert: true } };
            const t: BoundTranslate = (key, vars) => ctx.tIn(result.ticket.lang, key, vars);
            const n = formatTicketNumber(number);
            if (result.kind === 'refused')
              return result.refusal.reason === 'rated'
                ? { toast: { text: t('followup:rate_already', { number: n }) } }
                : { toast: { text: ctx.t('errors:stale_button') } };
            ctx.note({ rated: number, rating });
            if (rating === 'up') return { toast: { text: t('followup:rate_thanks') }, editButtons: [] };
            return {
              toast: { text: '' },
              editButtons: [],
              send: [{ html: t('followup:rate_missing', { number: n }), buttons: [[backButton(t, number)]] }],
            };
          },
          true,
        ),
    },
  };
}
