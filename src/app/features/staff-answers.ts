import { checkAttachment, type AttachmentRef } from '../../core/follow-up/attachment.js';
import { formatTicketNumber, parseTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { AttachmentInput, CommandInput, DeskContext, DeskResponse, TextInput } from '../feature.js';
import { renderStaffResult } from '../follow-up/render-staff-replies.js';
import { renderAttachmentProblem } from '../follow-up/render-user.js';
import type { StaffChat } from './staff-chat.js';

/*
 * Every way staff answer a ticket: `/reply <number> <text>`, a reply to the ticket's message (routed by the
 * stored mapping, never by parsing its text), any message in the ticket's topic of a forum staff chat, and files
 * sent the same ways. A reply to one of the bot's messages that is no ticket gets a hint on how to answer.
 */

/**
 * Longest answer relayed, in characters as Telegram counts them (what the user sees, not the escaped HTML),
 * leaving room for the frame and the quoted question under 4096.
 */
export const MAX_ANSWER_CHARS = 3500;

/** A file's caption that answers a ticket by number: `/reply 1042 text` (the text is optional). */
const REPLY_CAPTION = /^\/reply(?:@\w+)?\s+#?(\d+)\s*([\s\S]*)$/i;

async function answer(
  { actions, t, reply, who }: StaffChat,
  ctx: DeskContext,
  number: number,
  text: string,
  messageId: number,
  attachment?: AttachmentRef,
): Promise<DeskResponse> {
  if (text.length > MAX_ANSWER_CHARS) {
    return reply(t('staff:answer_too_long', { count: text.length, max: MAX_ANSWER_CHARS }), messageId);
  }
  const result = await actions.write(number, who(ctx), text, ctx.updateId, attachment);
  return result.kind === 'repeated' ? {} : reply(renderStaffResult(t, 'answer', number, result), messageId);
}

/**
 * A message in a ticket's topic, or a reply in the staff chat to the ticket it names (by the stored mapping
 * of the replied-to message). A reply to the bot's /queue list or to a notice is meant as an answer but names
 * no ticket: a hint.
 */
function replyToTicket(
  chat: StaffChat,
  ctx: DeskContext,
  input: Pick<TextInput, 'messageId' | 'replyToMessageId' | 'replyToBot' | 'topicId'>,
  run: (number: number) => Promise<DeskResponse>,
): Promise<DeskResponse> {
  const { actions, t, reply } = chat;
  const { replyToMessageId: replyTo, topicId } = input;
  if (replyTo === undefined && topicId === undefined) return Promise.resolve({});
  return chat.staffOnly(
    ctx,
    async () => {
      const inTopic = topicId === undefined ? null : await actions.ticketOfTopic(topicId);
      if (inTopic !== null) return run(inTopic);
      if (replyTo === undefined) return {};
      const target = await actions.targetOf(replyTo);
      if (!target) return input.replyToBot ? reply(t('staff:not_a_ticket'), input.messageId) : {};
      if (target.kind === 'digest') {
        const numbers = target.numbers.map(formatTicketNumber).join(', ');
        return reply(t('staff:digest_reply', { numbers }), input.messageId);
      }
      return run(target.number);
    },
    (html) => reply(html, input.messageId),
  );
}

/** `/reply <number> <text>`, once the sender is known to be staff. */
export async function answerByCommand(
  chat: StaffChat,
  input: CommandInput,
  ctx: DeskContext,
): Promise<DeskResponse> {
  const [first = '', ...rest] = input.args.split(/\s+/);
  const number = parseTicketNumber(first);
  const text = input.args.slice(first.length).trim();
  if (number === null || rest.length === 0 || text === '')
    return chat.reply(chat.t('staff:reply_usage'), input.messageId);
  return answer(chat, ctx, number, text, input.messageId);
}

/** A message in the staff chat: an answer when it is in a ticket's topic or replies to a ticket. */
export function answerByMessage(chat: StaffChat, input: TextInput, ctx: DeskContext): Promise<DeskResponse> {
  return replyToTicket(chat, ctx, input, (number) => answer(chat, ctx, number, input.text, input.messageId));
}

/**
 * A file from staff: relayed when it replies to a ticket's message, is sent in its topic or is captioned
 * `/reply <number> [text]`; a kind or size the desk cannot relay is refused, saying why.
 */
export function answerByFile(
  chat: StaffChat,
  input: AttachmentInput,
  ctx: DeskContext,
): Promise<DeskResponse> {
  const command = REPLY_CAPTION.exec(input.caption ?? '');
  const viaCommand = command ? parseTicketNumber(command[1]!) : null;
  if (input.replyToMessageId === undefined && input.topicId === undefined && viaCommand === null)
    return Promise.resolve({});
  const send = async (number: number) => {
    const problem = checkAttachment(input.kind, input.fileSize);
    if (problem || input.kind === 'unsupported') {
      const html = renderAttachmentProblem(chat.t, problem ?? 'unsupported', input.fileSize, 'staff');
      return chat.reply(html, input.messageId);
    }
    const file = { kind: input.kind, chatId: ctx.sender.chatId, messageId: input.messageId };
    const caption = command ? (command[2] ?? '') : (input.caption ?? '');
    return answer(chat, ctx, number, caption.trim(), input.messageId, file);
  };
  if (viaCommand !== null)
    return chat.staffOnly(
      ctx,
      () => send(viaCommand),
      (html) => chat.reply(html, input.messageId),
    );
  return replyToTicket(chat, ctx, input, send);
}
