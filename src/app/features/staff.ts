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
import type { StaffActions } from '../follow-up/staff-actions.js';
import { answerByCommand, answerByFile, answerByMessage } from './staff-answers.js';
import { createStaffChat, type StaffChat, type StaffChatDeps } from './staff-chat.js';

/** What a command or a button does to one ticket: the staff action behind it. */
const ACTION_OF = {
  claim: 'claim',
  unclaim: 'unclaim',
  answered: 'markAnswered',
  close: 'close',
} as const satisfies Record<string, keyof StaffActions>;

/** The buttons on a ticket's card. */
const TAPPED = ['claim', 'answered', 'close'] as const;

/** A staff command's work, run once the sender is known to be staff. */
type StaffCommand = (chat: StaffChat, input: CommandInput, ctx: DeskContext) => Promise<DeskResponse>;

/** The ticket a command names: its number, else (no number given) the ticket whose topic it was sent in. */
async function named(actions: StaffActions, input: CommandInput): Promise<number | null> {
  const number = parseTicketNumber(input.args);
  if (number !== null || input.args !== '' || input.topicId === undefined) return number;
  return actions.ticketOfTopic(input.topicId);
}

/** `/close`, `/unclaim` and `/answered`: one ticket, the action's result as a reply. */
function change(kind: 'close' | 'unclaim' | 'answered'): StaffCommand {
  return async ({ actions, t, reply, who }, input, ctx) => {
    const number = await named(actions, input);
    if (number === null) return reply(t(`staff:${kind}_usage`), input.messageId);
    const result = await actions[ACTION_OF[kind]](number, who(ctx), ctx.updateId);
    return result.kind === 'repeated'
      ? {}
      : reply(renderStaffResult(t, kind, number, result), input.messageId);
  };
}

/** `/give <number>` in reply to a colleague's message: the ticket handed to them. */
const handOver: StaffCommand = async ({ actions, t, reply, who }, input, ctx) => {
  const number = await named(actions, input);
  const to = input.repliedPerson;
  if (number === null || !to) return reply(t('staff:give_usage'), input.messageId);
  const result = await actions.handOver(number, who(ctx), to, ctx.updateId);
  return result.kind === 'repeated'
    ? {}
    : reply(renderStaffResult(t, 'give', number, result), input.messageId);
};

/** `/ticket <number>`: the ticket and its whole thread. */
const showTicket: StaffCommand = async ({ actions, t, now, reply }, input) => {
  const number = await named(actions, input);
  if (number === null) return reply(t('staff:ticket_usage'), input.messageId);
  const found = await actions.show(number);
  if (!found) return reply(t('staff:missing', { number: formatTicketNumber(number) }), input.messageId);
  return reply(renderThread(t, found.ticket, found.thread, now(), 'staff'), input.messageId);
};

/**
 * `/note`'s ticket and text: in a ticket's topic the topic's ticket (a leading number naming it is left
 * out of the note), elsewhere the number in front.
 */
async function noteOf(
  actions: StaffActions,
  input: CommandInput,
): Promise<{ number: number | null; text: string }> {
  const [first = ''] = input.args.split(/\s+/);
  const inTopic = input.topicId === undefined ? null : await actions.ticketOfTopic(input.topicId);
  const number = parseTicketNumber(first);
  if (inTopic !== null && number !== inTopic) return { number: inTopic, text: input.args };
  return { number, text: input.args.slice(first.length).trim() };
}

/** `/note <number> <text>`: a note on the ticket for staff only. */
const writeNote: StaffCommand = async ({ actions, t, reply, who }, input, ctx) => {
  const { number, text } = await noteOf(actions, input);
  if (number === null || text === '') return reply(t('staff:note_usage'), input.messageId);
  const result = await actions.note(number, who(ctx), text, ctx.updateId);
  if (result.kind === 'repeated') return {};
  const n = formatTicketNumber(number);
  const html =
    result.kind === 'done' ? t('staff:note_saved', { number: n }) : t('staff:missing', { number: n });
  return reply(html, input.messageId);
};

/** `/queue`: the open tickets, and the ratings of the last days. */
const showQueue: StaffCommand = async ({ actions, t, now, reply }, input) => {
  const since = now() - RATINGS_SUMMARY_DAYS * 24 * 3600_000;
  const [open, ratings] = await Promise.all([actions.queue(QUEUE_LIMIT), actions.ratings(since)]);
  return reply(renderQueue(t, open, now(), ratings), input.messageId);
};

/** A tap on Claim, Answered or Close: a toast for the tapper, and the ticket card brought up to date. */
async function tap(
  { actions, t, now, who }: StaffChat,
  kind: (typeof TAPPED)[number],
  input: CallbackInput,
  ctx: DeskContext,
): Promise<DeskResponse> {
  const number = parseTicketNumber(input.args[0] ?? '');
  if (number === null) return { toast: { text: t('staff:missing', { number: input.args[0] ?? '?' }) } };
  const result = await actions[ACTION_OF[kind]](number, who(ctx), ctx.updateId);
  if (result.kind === 'repeated') return {};
  const response: DeskResponse = { toast: { text: renderStaffResult(t, kind, number, result) } };
  const target = await actions.targetOf(input.messageId);
  if (target?.kind === 'ticket' && target.number === number && 'ticket' in result) {
    response.edit = renderTicket(t, result.ticket, now());
  }
  return response;
}

/**
 * The staff's side: messages to users (see staff-answers.ts); Claim, Answered and Close buttons; `/queue`;
 * `/ticket <number>`; `/note <number> <text>`; `/answered <number>`; `/close <number>`; `/unclaim <number>` to
 * give a claim back; `/give <number>` in reply to a colleague's message to hand it to them. In a forum staff
 * chat, these commands in a ticket's topic need no number. Anything from another chat changes nothing: a
 * stranger replying elsewhere is not staff.
 */
export function createStaffFeature(deps: StaffChatDeps): Feature {
  const chat = createStaffChat(deps);
  /** A command for staff only; a store outage is said in reply to it. */
  const command = (run: StaffCommand) => (input: CommandInput, ctx: DeskContext) =>
    chat.staffOnly(
      ctx,
      () => run(chat, input, ctx),
      (html) => chat.reply(html, input.messageId),
    );
  /** A card's button for staff only; a store outage is said in an alert. */
  const button = (kind: (typeof TAPPED)[number]) => (input: CallbackInput, ctx: DeskContext) =>
    chat.staffOnly(
      ctx,
      () => tap(chat, kind, input, ctx),
      (text) => ({ toast: { text, alert: true } }),
    );

  return {
    name: 'staff',
    commands: {
      reply: command(answerByCommand),
      close: command(change('close')),
      unclaim: command(change('unclaim')),
      answered: command(change('answered')),
      give: command(handOver),
      ticket: command(showTicket),
      note: command(writeNote),
      queue: command(showQueue),
    },
    callbacks: Object.fromEntries(TAPPED.map((kind) => [STAFF_ACTIONS[kind], button(kind)])),
    // Only messages in a ticket's topic and replies inside the staff chat can be answers; everything else there
    // is people talking, and nothing outside the staff chat is staff's.
    text: async (input, ctx) => (chat.isStaff(ctx) ? answerByMessage(chat, input, ctx) : null),
    attachment: async (input, ctx) => (chat.isStaff(ctx) ? answerByFile(chat, input, ctx) : null),
  };
}
