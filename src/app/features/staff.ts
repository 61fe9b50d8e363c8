import { checkAttachment, type AttachmentRef } from '../../core/follow-up/attachment.js';
import { formatTicketNumber, parseTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { StaffMember } from '../../core/follow-up/ticket.js';
import type { Language } from '../../core/language/languages.js';
import type { Translate } from '../../i18n/translator.js';
import type {
  AttachmentInput,
  BoundTranslate,
  CommandInput,
  DeskContext,
  DeskResponse,
  Feature,
  TextInput,
} from '../feature.js';
import {
  QUEUE_LIMIT,
  RATINGS_SUMMARY_DAYS,
  renderStaffResult,
  renderQueue,
} from '../follow-up/render-staff-replies.js';
import { renderTicket, STAFF_ACTIONS } from '../follow-up/render-staff.js';
import { renderThread } from '../follow-up/render-thread.js';
import { renderAttachmentProblem } from '../follow-up/render-user.js';
import type { StaffActionResult } from '../follow-up/commit-transition.js';
import type { StaffActions } from '../follow-up/staff-actions.js';
import { FollowUpCorruptError, FollowUpUnavailableError } from '../follow-up/ticket-store.js';

export interface StaffFeatureDeps {
  actions: StaffActions;
  /** STAFF_CHAT_ID: the only chat whose messages count as staff actions. */
  staffChatId: number;
  /** The staff chat's language (one chat, one language, whoever writes). */
  staffLanguage: Language;
  translate: Translate;
  now?: () => number;
}

/**
 * Longest answer relayed, in characters as Telegram counts them (what the user sees, not the escaped HTML),
 * leaving room for the frame and the quoted question under 4096.
 */
export const MAX_ANSWER_CHARS = 3500;

/** A file's caption that answers a ticket by number: `/reply 1042 text` (the text is optional). */
const REPLY_CAPTION = /^\/reply(?:@\w+)?\s+#?(\d+)\s*([\s\S]*)$/i;

/**
 * The staff's side: answer by replying to a ticket message (routed by the stored mapping, never by parsing its
 * text) or with `/reply <number> <text>`; in a forum staff chat, any message in a ticket's topic is an answer,
 * and `/note`, `/close`, `/unclaim` and `/ticket` there need no number. Claim and Close buttons; `/queue`;
 * `/close <number>`; `/unclaim <number>` to give a claim back. A reply to one of the bot's messages that is no
 * ticket gets a hint on how to answer. Anything from another chat changes nothing: a stranger replying
 * elsewhere is not staff.
 */
export function createStaffFeature(deps: StaffFeatureDeps): Feature {
  const now = deps.now ?? Date.now;
  const t: BoundTranslate = (key, vars) => deps.translate(deps.staffLanguage, key, vars);

  const isStaff = (ctx: DeskContext) => ctx.sender.chatId === deps.staffChatId;
  const who = (ctx: DeskContext): StaffMember => ({
    id: ctx.sender.userId,
    name: ctx.sender.firstName ?? ctx.sender.username ?? String(ctx.sender.userId),
  });
  const reply = (html: string, to: number): DeskResponse => ({ replies: [{ html, replyTo: to }] });

  /** Runs a staff action with the staff chat's translations; a store outage becomes a clear message. */
  async function staffOnly(
    ctx: DeskContext,
    run: () => Promise<DeskResponse>,
    onUnavailable: (html: string) => DeskResponse,
  ) {
    if (!isStaff(ctx))
      return ctx.sender.chatType === 'private' ? { replies: [{ html: ctx.t('staff:only_staff_chat') }] } : {};
    try {
      return await run();
    } catch (err) {
      if (err instanceof FollowUpCorruptError) {
        ctx.log.error({ err: err.message }, 'follow-up data corrupt');
        return onUnavailable(t('errors:apology'));
      }
      if (!(err instanceof FollowUpUnavailableError)) throw err;
      ctx.log.warn({ err: err.message, operation: err.operation }, 'staff action while tickets unavailable');
      return onUnavailable(t('staff:unavailable'));
    }
  }

  async function answer(
    ctx: DeskContext,
    number: number,
    text: string,
    messageId: number,
    attachment?: AttachmentRef,
  ): Promise<DeskResponse> {
    if (text.length > MAX_ANSWER_CHARS) {
      return reply(t('staff:answer_too_long', { count: text.length, max: MAX_ANSWER_CHARS }), messageId);
    }
    const result = await deps.actions.answer(number, who(ctx), text, ctx.updateId, attachment);
    return result.kind === 'repeated' ? {} : reply(renderStaffResult(t, 'answer', number, result), messageId);
  }

  /**
   * A message in a ticket's topic, or a reply in the staff chat to the ticket it names (by the stored mapping
   * of the replied-to message). A reply to the bot's /queue list or to a notice is meant as an answer but names
   * no ticket: a hint.
   */
  function replyToTicket(
    ctx: DeskContext,
    input: Pick<TextInput, 'messageId' | 'replyToMessageId' | 'replyToBot' | 'topicId'>,
    run: (number: number) => Promise<DeskResponse>,
  ): Promise<DeskResponse> {
    const { replyToMessageId: replyTo, topicId } = input;
    if (replyTo === undefined && topicId === undefined) return Promise.resolve({});
    return staffOnly(
      ctx,
      async () => {
        const inTopic = topicId === undefined ? null : await deps.actions.ticketOfTopic(topicId);
        if (inTopic !== null) return run(inTopic);
        if (replyTo === undefined) return {};
        const target = await deps.actions.targetOf(replyTo);
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

  /**
   * A file from staff: relayed when it replies to a ticket's message or is captioned `/reply <number> [text]`;
   * a kind or size the desk cannot relay is refused, saying why.
   */
  function attachment(input: AttachmentInput, ctx: DeskContext): Promise<DeskResponse> {
    const command = REPLY_CAPTION.exec(input.caption ?? '');
    const viaCommand = command ? parseTicketNumber(command[1]!) : null;
    if (input.replyToMessageId === undefined && viaCommand === null) return Promise.resolve({});
    const send = async (number: number) => {
      const problem = checkAttachment(input.kind, input.fileSize);
      if (problem || input.kind === 'unsupported') {
        const html = renderAttachmentProblem(t, problem ?? 'unsupported', input.fileSize, 'staff');
        return reply(html, input.messageId);
      }
      const file = { kind: input.kind, chatId: ctx.sender.chatId, messageId: input.messageId };
      const caption = command ? (command[2] ?? '') : (input.caption ?? '');
      return answer(ctx, number, caption.trim(), input.messageId, file);
    };
    if (viaCommand !== null)
      return staffOnly(
        ctx,
        () => send(viaCommand),
        (html) => reply(html, input.messageId),
      );
    return replyToTicket(ctx, input, send);
  }

  /** The ticket a command names: its number, else (no number given) the ticket whose topic it was sent in. */
  async function named(input: CommandInput): Promise<number | null> {
    const number = parseTicketNumber(input.args);
    if (number !== null || input.args !== '' || input.topicId === undefined) return number;
    return deps.actions.ticketOfTopic(input.topicId);
  }

  /** `/close` and `/unclaim`: one ticket, the action's result as a reply. */
  const change = (kind: 'close' | 'unclaim', usage: string) => (input: CommandInput, ctx: DeskContext) =>
    staffOnly(
      ctx,
      async () => {
        const number = await named(input);
        if (number === null) return reply(t(usage), input.messageId);
        const result = await deps.actions[kind](number, who(ctx), ctx.updateId);
        return result.kind === 'repeated'
          ? {}
          : reply(renderStaffResult(t, kind, number, result), input.messageId);
      },
      (html) => reply(html, input.messageId),
    );

  /**
   * `/note`'s ticket and text: in a ticket's topic the topic's ticket (a leading number naming it is left
   * out of the note), elsewhere the number in front.
   */
  async function noteOf(input: CommandInput): Promise<{ number: number | null; text: string }> {
    const [first = ''] = input.args.split(/\s+/);
    const inTopic = input.topicId === undefined ? null : await deps.actions.ticketOfTopic(input.topicId);
    const number = parseTicketNumber(first);
    if (inTopic !== null && number !== inTopic) return { number: inTopic, text: input.args };
    return { number, text: input.args.slice(first.length).trim() };
  }

  /** A tap on Claim or Close: a toast for the tapper, and the ticket card brought up to date. */
  async function tap(ctx: DeskContext, kind: 'claim' | 'close', args: string[], messageId: number) {
    const number = parseTicketNumber(args[0] ?? '');
    if (number === null) return { toast: { text: t('staff:missing', { number: args[0] ?? '?' }) } };
    const by = who(ctx);
    const result: StaffActionResult =
      kind === 'claim'
        ? await deps.actions.claim(number, by, ctx.updateId)
        : await deps.actions.close(number, by, ctx.updateId);
    if (result.kind === 'repeated') return {};
    const response: DeskResponse = { toast: { text: renderStaffResult(t, kind, number, result) } };
    const target = await deps.actions.targetOf(messageId);
    if (target?.kind === 'ticket' && target.number === number && 'ticket' in result) {
      response.edit = renderTicket(t, result.ticket, now());
    }
    return response;
  }

  return {
    name: 'staff',
    commands: {
      reply: (input, ctx) =>
        staffOnly(
          ctx,
          async () => {
            const [first = '', ...rest] = input.args.split(/\s+/);
            const number = parseTicketNumber(first);
            const text = input.args.slice(first.length).trim();
            if (number === null || rest.length === 0 || text === '')
              return reply(t('staff:reply_usage'), input.messageId);
            return answer(ctx, number, text, input.messageId);
          },
          (html) => reply(html, input.messageId),
        ),
      close: change('close', 'staff:close_usage'),
      unclaim: change('unclaim', 'staff:unclaim_usage'),
      ticket: (input, ctx) =>
        staffOnly(
          ctx,
          async () => {
            const number = await named(input);
            if (number === null) return reply(t('staff:ticket_usage'), input.messageId);
            const found = await deps.actions.show(number);
            if (!found)
              return reply(t('staff:missing', { number: formatTicketNumber(number) }), input.messageId);
            return reply(renderThread(t, found.ticket, found.thread, now(), 'staff'), input.messageId);
          },
          (html) => reply(html, input.messageId),
        ),
      note: (input, ctx) =>
        staffOnly(
          ctx,
          async () => {
            const { number, text } = await noteOf(input);
            if (number === null || text === '') return reply(t('staff:note_usage'), input.messageId);
            const result = await deps.actions.note(number, who(ctx), text, ctx.updateId);
            if (result.kind === 'repeated') return {};
            const n = formatTicketNumber(number);
            const html =
              result.kind === 'done'
                ? t('staff:note_saved', { number: n })
                : t('staff:missing', { number: n });
            return reply(html, input.messageId);
          },
          (html) => reply(html, input.messageId),
        ),
      queue: (input, ctx) =>
        staffOnly(
          ctx,
          async () => {
            const since = now() - RATINGS_SUMMARY_DAYS * 24 * 3600_000;
            const [open, ratings] = await Promise.all([
              deps.actions.queue(QUEUE_LIMIT),
              deps.actions.ratings(since),
            ]);
            return reply(renderQueue(t, open, now(), ratings), input.messageId);
          },
          (html) => reply(html, input.messageId),
        ),
    },
    callbacks: {
      [STAFF_ACTIONS.claim]: (input, ctx) =>
        staffOnly(
          ctx,
          () => tap(ctx, 'claim', input.args, input.messageId),
          (text) => ({ toast: { text, alert: true } }),
        ),
      [STAFF_ACTIONS.close]: (input, ctx) =>
        staffOnly(
          ctx,
          () => tap(ctx, 'close', input.args, input.messageId),
          (text) => ({ toast: { text, alert: true } }),
        ),
    },
    async text(input, ctx) {
      // Only messages in a ticket's topic and replies inside the staff chat can be answers; everything else
      // there is people talking.
      if (!isStaff(ctx)) return null;
      return replyToTicket(ctx, input, (number) => answer(ctx, number, input.text, input.messageId));
    },
    attachment: async (input, ctx) => (isStaff(ctx) ? attachment(input, ctx) : null),
  };
}
