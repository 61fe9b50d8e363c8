import { checkAttachment } from '../../core/follow-up/attachment.js';
import { detectPersonRequest } from '../../core/follow-up/person-request.js';
import type { TicketDraft, TicketOrigin } from '../../core/follow-up/ticket.js';
import { chooseReplyLanguage } from '../../core/language/choose-language.js';
import type { Language } from '../../core/language/languages.js';
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
import {
  FOLLOW_UP_ACTIONS,
  offerButton,
  renderConfirmPrompt,
  renderConfirmResult,
  myTicketButtons,
  renderMyTickets,
  renderAttachmentProblem,
  renderQuestionProblem,
} from '../follow-up/render-user.js';
import type { TicketRequests } from '../follow-up/ticket-requests.js';
import { FollowUpCorruptError, FollowUpUnavailableError } from '../follow-up/ticket-store.js';
import type { OfferFollowUp } from './question.js';

export interface FollowUpFeatureDeps {
  requests: TicketRequests;
  /** Entry titles shown to staff are in the staff chat's language. */
  staffLanguage: Language;
  now?: () => number;
}

/** Every private text asks the store whether a question is awaited; it must never hold up an answer. */
const AWAITED_CHECK_MS = 300;

const say = (html: string): DeskResponse => ({ replies: [{ html }] });

/** The language a question is written in, by the desk's rule, so that the ticket and its answer use it. */
function questionLanguage(ctx: DeskContext, question: string): Language {
  return chooseReplyLanguage({
    chosen: ctx.chosenLanguage,
    text: question,
    clientLanguageCode: ctx.sender.languageCode,
    defaultLanguage: ctx.lang,
  }).lang;
}

function draftOf(
  ctx: DeskContext,
  question: string,
  origin: TicketOrigin,
  considered: string[],
  staffLanguage: Language,
): TicketDraft {
  const { sender } = ctx;
  return {
    channel: sender.channel,
    userId: sender.userId,
    chatId: sender.chatId,
    userName: sender.firstName ?? sender.username ?? `user ${sender.userId}`,
    ...(sender.username ? { username: sender.username } : {}),
    lang: questionLanguage(ctx, question),
    question,
    considered: considered.flatMap((id) => {
      const entry = ctx.snapshot.byId(id);
      return entry ? [{ id, title: entry.title[staffLanguage] }] : [];
    }),
    origin,
  };
}

/** A store outage or unreadable data: the user hears that requests can't be taken right now. */
async function unavailableAware(ctx: DeskContext, run: () => Promise<DeskResponse>): Promise<DeskResponse> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof FollowUpCorruptError) {
      ctx.log.error({ err: err.message }, 'follow-up data corrupt');
      return say(ctx.t('errors:apology'));
    }
    if (!(err instanceof FollowUpUnavailableError)) throw err;
    ctx.log.warn({ err: err.message, operation: err.operation }, 'follow-up unavailable');
    return say(ctx.t('followup:unavailable'));
  }
}

/** Requests are made in private chats only; elsewhere the user is told so. */
const privateOnly = (ctx: DeskContext, run: () => Promise<DeskResponse>) =>
  ctx.sender.chatType === 'private'
    ? unavailableAware(ctx, run)
    : Promise.resolve(say(ctx.t('followup:private_only')));

/**
 * Checks and keeps the question (and a file sent with it), then shows it back with Send / Cancel, in the
 * question's language.
 */
async function propose(
  deps: FollowUpFeatureDeps,
  ctx: DeskContext,
  question: string,
  origin: TicketOrigin,
  considered: string[] = [],
  attachment?: TicketDraft['attachment'],
) {
  const draft = draftOf(ctx, question, origin, considered, deps.staffLanguage);
  const result = await deps.requests.draft(attachment ? { ...draft, attachment } : draft);
  if (result.kind === 'problem') return say(renderQuestionProblem(ctx.t, result.problem, question));
  const t: BoundTranslate = (key, vars) => ctx.tIn(result.draft.lang, key, vars);
  return { replies: [renderConfirmPrompt(t, result.id, result.draft.question)] };
}

/** Whether this text is the question the user was asked for after "talk to a person" (true once). */
async function awaited(requests: TicketRequests, ctx: DeskContext): Promise<boolean> {
  try {
    return await withTimeout(requests.takeAwaitedQuestion(ctx.sender), AWAITED_CHECK_MS, 'awaited question');
  } catch (err) {
    // The store is down or slow: the text is simply a question for the knowledge base.
    ctx.log.debug({ err }, 'awaited question not checked');
    return false;
  }
}

/**
 * A private text that asks for a person: the awaited question, "I want to talk to a person" with a question
 * (a ticket proposed) or without one (the question asked for). Any other text is not this feature's.
 */
async function personRequest(deps: FollowUpFeatureDeps, input: TextInput, ctx: DeskContext) {
  if (ctx.sender.chatType !== 'private' || input.edited || input.text.trim() === '') return null;
  if (await awaited(deps.requests, ctx))
    return unavailableAware(ctx, () => propose(deps, ctx, input.text, 'person'));
  const request = detectPersonRequest(input.text);
  if (!request.wantsPerson) return null;
  if (request.hasQuestion) return unavailableAware(ctx, () => propose(deps, ctx, input.text, 'person'));
  return unavailableAware(ctx, async () => {
    await deps.requests.awaitQuestion(ctx.sender);
    return say(ctx.t('followup:ask_person'));
  });
}

/**
 * A file outside any conversation: the bot reads text only, so it offers to send the file to staff as a new
 * ticket, its caption the question (without a caption the user is asked to send it again with one). Kinds
 * it cannot relay are left to the desk's "text only" answer.
 */
async function attachmentOutsideTickets(deps: FollowUpFeatureDeps, input: AttachmentInput, ctx: DeskContext) {
  if (ctx.sender.chatType !== 'private' || input.kind === 'unsupported') return null;
  const problem = checkAttachment(input.kind, input.fileSize);
  if (problem) return say(renderAttachmentProblem(ctx.t, problem, input.fileSize));
  const caption = input.caption?.trim() ?? '';
  if (caption === '')
    return say(`${ctx.t('errors:document_not_understood')}\n\n${ctx.t('followup:attachment_no_caption')}`);
  const attachment = { kind: input.kind, chatId: ctx.sender.chatId, messageId: input.messageId };
  return unavailableAware(ctx, async () => {
    const proposed = await propose(deps, ctx, caption, 'offer', [], attachment);
    return { replies: [{ html: ctx.t('followup:attachment_offer') }, ...(proposed.replies ?? [])] };
  });
}

/** The "Ask our staff" button tapped: the kept question shown back with Send / Cancel, in its language. */
async function showOffer(requests: TicketRequests, input: CallbackInput, ctx: DeskContext) {
  const pending = await requests.pending(input.args[0] ?? '', ctx.sender);
  if (pending.kind !== 'draft') return { toast: { text: renderConfirmResult(ctx.t, pending), alert: true } };
  const t: BoundTranslate = (key, vars) => ctx.tIn(pending.draft.lang, key, vars);
  return {
    toast: { text: '' },
    send: [renderConfirmPrompt(t, input.args[0]!, pending.draft.question)],
  };
}

/** Send tapped: the ticket opened, and the user told so in the question's language. */
async function confirmDraft(
  requests: TicketRequests,
  input: CallbackInput,
  ctx: DeskContext,
): Promise<DeskResponse> {
  // The ticket is stored (number assigned) before confirm resolves; only then is the user told.
  const result = await requests.confirm(input.args[0] ?? '', ctx.sender, ctx.updateId);
  const lang = 'ticket' in result ? result.ticket.lang : 'lang' in result ? result.lang : ctx.lang;
  const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
  if (result.kind === 'not-yours') return { toast: { text: t('followup:not_yours'), alert: true } };
  return { edit: { html: renderConfirmResult(t, result) } };
}

/**
 * The user's side of follow-ups: the offer under unknown answers, `/ask <text>`, "I want to talk to a person",
 * the confirmation, and `/mytickets`. Only private chats. When the ticket store is down the user is told
 * "can't take requests right now"; nothing is half-written because each write is one atomic step.
 */
export function createFollowUpFeature(deps: FollowUpFeatureDeps): Feature {
  const now = deps.now ?? Date.now;
  return {
    name: 'follow-up',
    attachment: (input, ctx) => attachmentOutsideTickets(deps, input, ctx),
    menu: [
      { command: 'ask', descriptionKey: 'followup:menu_ask' },
      { command: 'mytickets', descriptionKey: 'followup:menu_mytickets' },
    ],
    commands: {
      ask: (input, ctx) =>
        privateOnly(ctx, async () =>
          input.args ? propose(deps, ctx, input.args, 'ask') : say(ctx.t('followup:ask_usage')),
        ),
      mytickets: (_input, ctx) =>
        privateOnly(ctx, async () => {
          const tickets = await deps.requests.mine(ctx.sender);
          const html = renderMyTickets(ctx.t, tickets, now());
          return { replies: [{ html, buttons: myTicketButtons(tickets) }] };
        }),
    },
    callbacks: {
      [FOLLOW_UP_ACTIONS.offer]: (input, ctx) =>
        unavailableAware(ctx, () => showOffer(deps.requests, input, ctx)),
      [FOLLOW_UP_ACTIONS.confirm]: (input, ctx) =>
        unavailableAware(ctx, () => confirmDraft(deps.requests, input, ctx)),
      [FOLLOW_UP_ACTIONS.cancel]: async (_input, ctx) => ({ edit: { html: ctx.t('followup:cancelled') } }),
    },
    text: (input, ctx) => personRequest(deps, input, ctx),
  };
}

/**
 * The "Ask our staff" button for the question feature: keeps the question as a draft under a short id (the
 * question itself never goes into callback data) and returns the button, or null when the store is down, so
 * that the answer still goes out without it.
 */
export function createOfferFollowUp(
  deps: Pick<FollowUpFeatureDeps, 'requests' | 'staffLanguage'>,
): OfferFollowUp {
  return async (ctx, question, considered) => {
    if (ctx.sender.chatType !== 'private') return null;
    try {
      const result = await deps.requests.draft(
        draftOf(ctx, question, 'offer', considered, deps.staffLanguage),
      );
      if (result.kind !== 'draft') return null;
      return offerButton((key, vars) => ctx.tIn(result.draft.lang, key, vars), result.id);
    } catch (err) {
      ctx.log.warn({ err }, 'follow-up offer left out');
      return null;
    }
  };
}
