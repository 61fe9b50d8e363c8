import { checkAttachment, type AttachmentRef } from '../../core/follow-up/attachment.js';
import { canReopen } from '../../core/follow-up/ticket-transitions.js';
import { FOLLOW_UP_LIMITS } from '../../core/follow-up/limits.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import { formatTicketNumber, parseTicketNumber } from '../../core/follow-up/ticket-number.js';
import { withTimeout } from '../../with-timeout.js';
import type {
  AttachmentInput,
  BoundTranslate,
  CallbackInput,
  DeskContext,
  DeskResponse,
  Feature,
  TextInput,
} from '../feature.js';
import type { ConversationUser, Conversations } from '../follow-up/conversations.js';
import type { ClosedTickets } from '../follow-up/closed-tickets.js';
import { FOLLOW_UP_ACTIONS, renderAttachmentProblem } from '../follow-up/render-user.js';
import { renderThread } from '../follow-up/render-thread.js';
import { whenFollowUpsAway } from './follow-up-outage.js';
import { writeToClosedTicket } from './closed-ticket.js';

/** Every private text asks the store whether it belongs to a conversation; that must never hold up an answer. */
const ROUTE_CHECK_MS = 300;

const say = (html: string): DeskResponse => ({ replies: [{ html }] });

const userOf = (ctx: DeskContext): ConversationUser => ({
  channel: ctx.sender.channel,
  userId: ctx.sender.userId,
  chatId: ctx.sender.chatId,
  name: ctx.sender.firstName ?? ctx.sender.username ?? `user ${ctx.sender.userId}`,
});

export interface ConversationFeatureDeps {
  conversations: Conversations;
  closed: ClosedTickets;
  now?: () => number;
}

/** The stores a conversation reads and writes, and the clock that says whether a closed ticket may reopen. */
type ConversationStores = ConversationFeatureDeps & { now: () => number };

/** The open ticket a private message belongs to, if any; a store that is down or slow means none. */
async function route(
  conversations: Conversations,
  ctx: DeskContext,
  input: Pick<TextInput, 'replyToBot' | 'replyToMessageId'>,
) {
  try {
    const replyTo = input.replyToBot ? input.replyToMessageId : undefined;
    return await withTimeout(conversations.route(userOf(ctx), replyTo), ROUTE_CHECK_MS, 'conversation');
  } catch (err) {
    // The store is down or slow: the text is simply a question for the knowledge base.
    ctx.log.debug({ err }, 'conversation not checked');
    return null;
  }
}

/** The message goes to the ticket, acknowledged quietly in the ticket's language. */
function passOn(
  conversations: Conversations,
  ctx: DeskContext,
  ticket: Ticket,
  message: { text: string; attachment?: AttachmentRef },
) {
  const t: BoundTranslate = (key, vars) => ctx.tIn(ticket.lang, key, vars);
  const number = formatTicketNumber(ticket.number);
  return whenFollowUpsAway(ctx, 'conversation store unavailable', async () => {
    const result = await conversations.write(userOf(ctx), ticket.number, message, ctx.updateId);
    if (result.kind === 'repeated') return {};
    // Closed or gone meanwhile: say so rather than pretend it was passed on.
    if (result.kind !== 'done') return say(t('followup:message_not_sent', { number }));
    ctx.note({
      conversation: ticket.number,
      ...(message.attachment ? { attachment: message.attachment.kind } : {}),
    });
    return say(t('followup:message_sent', { number }));
  });
}

/**
 * A private text in a conversation goes to its ticket (one closed reopens, or is followed up: see
 * closed-ticket.ts); any other text is not this feature's.
 */
async function textToTicket(
  { conversations, closed }: ConversationStores,
  input: TextInput,
  ctx: DeskContext,
) {
  if (ctx.sender.chatType !== 'private' || input.edited || input.text.trim() === '') return null;
  const ticket = await route(conversations, ctx, input);
  if (!ticket) return null;
  const text = input.text.trim();
  if ([...text].length > FOLLOW_UP_LIMITS.questionChars) {
    const max = FOLLOW_UP_LIMITS.questionChars;
    return say(ctx.tIn(ticket.lang, 'followup:message_too_long', { max }));
  }
  if (ticket.state === 'closed') return writeToClosedTicket(ctx, closed, userOf(ctx), ticket, { text });
  return passOn(conversations, ctx, ticket, { text });
}

/**
 * A file in a conversation goes to staff like a text (and reopens a closed ticket like one); one the desk
 * cannot relay is refused, saying why.
 */
async function fileToTicket(
  { conversations, closed, now }: ConversationStores,
  input: AttachmentInput,
  ctx: DeskContext,
) {
  if (ctx.sender.chatType !== 'private') return null;
  const ticket = await route(conversations, ctx, input);
  if (!ticket) return null;
  const t: BoundTranslate = (key, vars) => ctx.tIn(ticket.lang, key, vars);
  const problem = checkAttachment(input.kind, input.fileSize);
  if (problem || input.kind === 'unsupported')
    return say(renderAttachmentProblem(t, problem ?? 'unsupported', input.fileSize));
  const attachment: AttachmentRef = {
    kind: input.kind,
    chatId: ctx.sender.chatId,
    messageId: input.messageId,
  };
  const message = { text: input.caption?.trim() ?? '', attachment };
  // Too late to reopen, the file would start a new ticket, and a ticket needs its question: the caption.
  if (ticket.state === 'closed' && !canReopen(ticket, now()) && message.text === '')
    return say(t('followup:attachment_no_caption'));
  if (ticket.state === 'closed') return writeToClosedTicket(ctx, closed, userOf(ctx), ticket, message);
  return passOn(conversations, ctx, ticket, message);
}

/** Back to automatic answers tapped: the user leaves the conversation, and the button goes. */
async function backToAutomatic(
  conversations: Conversations,
  input: CallbackInput,
  ctx: DeskContext,
): Promise<DeskResponse> {
  const number = parseTicketNumber(input.args[0] ?? '');
  const left = number !== null && (await conversations.leave(ctx.sender, number));
  if (!left) return { toast: { text: ctx.t('followup:back_already') } };
  const n = formatTicketNumber(number);
  return {
    toast: { text: '' },
    editButtons: [],
    send: [{ html: ctx.t('followup:back_done', { number: n }) }],
  };
}

/** A ticket of one's own tapped in /mytickets: its thread, in the ticket's language. */
async function showThread(
  { conversations, now }: ConversationStores,
  input: CallbackInput,
  ctx: DeskContext,
): Promise<DeskResponse> {
  const number = parseTicketNumber(input.args[0] ?? '');
  const found = number === null ? null : await conversations.thread(ctx.sender, number);
  if (!found) return { toast: { text: ctx.t('followup:not_yours'), alert: true } };
  const t: BoundTranslate = (key, vars) => ctx.tIn(found.ticket.lang, key, vars);
  return {
    toast: { text: '' },
    send: [{ html: renderThread(t, found.ticket, found.thread, now(), 'followup') }],
  };
}

/**
 * Human takeover, the user's side: from the first staff message until the ticket is closed or the user taps
 * Back to automatic answers, private messages go to the ticket (a reply to a relayed message to its ticket;
 * otherwise the conversation with the newest staff message), each acknowledged quietly, none a new question.
 * A message routed to a closed ticket reopens it, or starts a new one naming it (see closed-ticket.ts). Also
 * the thread of one's own ticket, opened from /mytickets.
 */
export function createConversationFeature(deps: ConversationFeatureDeps): Feature {
  const stores: ConversationStores = { ...deps, now: deps.now ?? Date.now };
  return {
    name: 'conversation',
    callbacks: {
      [FOLLOW_UP_ACTIONS.back]: (input, ctx) =>
        whenFollowUpsAway(
          ctx,
          'conversation store unavailable',
          () => backToAutomatic(stores.conversations, input, ctx),
          true,
        ),
      [FOLLOW_UP_ACTIONS.thread]: (input, ctx) =>
        whenFollowUpsAway(ctx, 'conversation store unavailable', () => showThread(stores, input, ctx), true),
    },
    text: (input, ctx) => textToTicket(stores, input, ctx),
    attachment: (input, ctx) => fileToTicket(stores, input, ctx),
  };
}
