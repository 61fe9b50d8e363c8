import { formatTicketNumber, parseTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { CallbackInput, CommandInput, DeskContext, DeskResponse, Feature } from '../feature.js';
import {
  QUEUE_LIMIT,
  RATINGS_SUMMARY_DAYS,
  renderStaffResult,
  renderQueue,
} from '../follow-up/render-staff-replies.js';
import { renderTicket, STAFF_ACTIONS } from '../follow-up/render-staff.js';
import { renderThread } from '../follow-up/render-thread.js';
import type { StaffActionResult } from '../follow-up/commit-transition.js';
import { createStaffAnswers } from './staff-answers.js';
import { createStaffChat, type StaffChatDeps } from './staff-chat.js';

/**
 * The staff's side: messages to users (see staff-answers.ts); Claim, Answered and Close buttons; `/queue`;
 * `/ticket <number>`; `/note <number> <text>`; `/answered <number>`; `/close <number>`; `/unclaim <number>` to
 * give a claim back; `/give <number>` in reply to a colleague's message to hand it to them. In a forum staff
 * chat, these commands in a ticket's topic need no number. Anything from another chat changes nothing: a
 * stranger replying elsewhere is not staff.
 */
export function createStaffFeature(deps: StaffChatDeps): Feature {
  const chat = createStaffChat(deps);
  const { actions, t, now, reply, who } = chat;
  const answers = createStaffAnswers(chat);
  const replyOnUnavailable = (input: { messageId: number }) => (html: string) => reply(html, input.messageId);

  /** The ticket a command names: its number, else (no number given) the ticket whose topic it was sent in. */
  async function named(input: CommandInput): Promise<number | null> {
    const number = parseTicketNumber(input.args);
    if (number !== null || input.args !== '' || input.topicId === undefined) return number;
    return actions.ticketOfTopic(input.topicId);
  }

  /** What a command or a button does to one ticket. */
  const act = {
    claim: actions.claim,
    unclaim: actions.unclaim,
    answered: actions.markAnswered,
    close: actions.close,
  };

  /** `/close`, `/unclaim` and `/answered`: one ticket, the action's result as a reply. */
  const change = (kind: 'close' | 'unclaim' | 'answered') => (input: CommandInput, ctx: DeskContext) =>
    chat.staffOnly(
      ctx,
      async () => {
        const number = await named(input);
        if (number === null) return reply(t(`staff:${kind}_usage`), input.messageId);
        const result = await act[kind](number, who(ctx), ctx.updateId);
        return result.kind === 'repeated'
          ? {}
          : reply(renderStaffResult(t, kind, number, result), input.messageId);
      },
      replyOnUnavailable(input),
    );

  /**
   * `/note`'s ticket and text: in a ticket's topic the topic's ticket (a leading number naming it is left
   * out of the note), elsewhere the number in front.
   */
  async function noteOf(input: CommandInput): Promise<{ number: number | null; text: string }> {
    const [first = ''] = input.args.split(/\s+/);
    const inTopic = input.topicId === undefined ? null : await actions.ticketOfTopic(input.topicId);
    const number = parseTicketNumber(first);
    if (inTopic !== null && number !== inTopic) return { number: inTopic, text: input.args };
    return { number, text: input.args.slice(first.length).trim() };
  }

  /** A tap on Claim, Answered or Close: a toast for the tapper, and the ticket card brought up to date. */
  async function tap(
    ctx: DeskContext,
    kind: 'claim' | 'answered' | 'close',
    args: string[],
    messageId: number,
  ) {
    const number = parseTicketNumber(args[0] ?? '');
    if (number === null) return { toast: { text: t('staff:missing', { number: args[0] ?? '?' }) } };
    const result: StaffActionResult = await act[kind](number, who(ctx), ctx.updateId);
    if (result.kind === 'repeated') return {};
    const response: DeskResponse = { toast: { text: renderStaffResult(t, kind, number, result) } };
    const target = await actions.targetOf(messageId);
    if (target?.kind === 'ticket' && target.number === number && 'ticket' in result) {
      response.edit = renderTicket(t, result.ticket, now());
    }
    return response;
  }

  return {
    name: 'staff',
    commands: {
      reply: answers.replyCommand,
      close: change('close'),
      unclaim: change('unclaim'),
      answered: change('answered'),
      give: (input, ctx) =>
        chat.staffOnly(
          ctx,
          async () => {
            const number = await named(input);
            const to = input.repliedPerson;
            if (number === null || !to) return reply(t('staff:give_usage'), input.messageId);
            const result = await actions.handOver(number, who(ctx), to, ctx.updateId);
            return result.kind === 'repeated'
              ? {}
              : reply(renderStaffResult(t, 'give', number, result), input.messageId);
          },
          replyOnUnavailable(input),
        ),
      ticket: (input, ctx) =>
        chat.staffOnly(
          ctx,
          async () => {
            const number = await named(input);
            if (number === null) return reply(t('staff:ticket_usage'), input.messageId);
            const found = await actions.show(number);
            if (!found)
              return reply(t('staff:missing', { number: formatTicketNumber(number) }), input.messageId);
            return reply(renderThread(t, found.ticket, found.thread, now(), 'staff'), input.messageId);
          },
          replyOnUnavailable(input),
        ),
      note: (input, ctx) =>
        chat.staffOnly(
          ctx,
          async () => {
            const { number, text } = await noteOf(input);
            if (number === null || text === '') return reply(t('staff:note_usage'), input.messageId);
            const result = await actions.note(number, who(ctx), text, ctx.updateId);
            if (result.kind === 'repeated') return {};
            const n = formatTicketNumber(number);
            const html =
              result.kind === 'done'
                ? t('staff:note_saved', { number: n })
                : t('staff:missing', { number: n });
            return reply(html, input.messageId);
          },
          replyOnUnavailable(input),
        ),
      queue: (input, ctx) =>
        chat.staffOnly(
          ctx,
          async () => {
            const since = now() - RATINGS_SUMMARY_DAYS * 24 * 3600_000;
            const [open, ratings] = await Promise.all([actions.queue(QUEUE_LIMIT), actions.ratings(since)]);
            return reply(renderQueue(t, open, now(), ratings), input.messageId);
          },
          replyOnUnavailable(input),
        ),
    },
    callbacks: Object.fromEntries(
      (['claim', 'answered', 'close'] as const).map((kind) => [
        STAFF_ACTIONS[kind],
        (input: CallbackInput, ctx: DeskContext) =>
          chat.staffOnly(
            ctx,
            () => tap(ctx, kind, input.args, input.messageId),
            (text) => ({ toast: { text, alert: true } }),
          ),
      ]),
    ),
    // Only messages in a ticket's topic and replies inside the staff chat can be answers; everything else there
    // is people talking, and nothing outside the staff chat is staff's.
    text: async (input, ctx) => (chat.isStaff(ctx) ? answers.text(input, ctx) : null),
    attachment: async (input, ctx) => (chat.isStaff(ctx) ? answers.attachment(input, ctx) : null),
  };
}
