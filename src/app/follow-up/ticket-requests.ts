import type { UserRef } from '../../core/channel.js';
import { checkQuestion, cleanQuestion, type QuestionProblem } from '../../core/follow-up/limits.js';
import type { Ticket, TicketDraft } from '../../core/follow-up/ticket.js';
import type { Language } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import type { CreateResult, TicketStore } from './ticket-store.js';
import { workIds, type FollowUpObserver, type WorkDispatcher } from './work-items.js';
import type { UserMessage } from './conversations.js';

export type DraftResult =
  { kind: 'draft'; id: string; draft: TicketDraft } | { kind: 'problem'; problem: QuestionProblem };

export type ConfirmResult =
  | Exclude<CreateResult, { kind: 'limit' }>
  /** Too many open tickets; `lang` is the question's, for the message. */
  | { kind: 'limit'; open: number; lang: Language }
  | { kind: 'expired' }
  | { kind: 'not-yours' };

export type PendingDraft =
  { kind: 'draft'; draft: TicketDraft } | { kind: 'expired' } | { kind: 'not-yours' };

export interface TicketRequests {
  /** Checks the question against the limits and keeps it as a draft awaiting the user's confirmation. */
  draft(draft: TicketDraft): Promise<DraftResult>;
  /** A kept draft, if it still exists and belongs to this user. */
  pending(draftId: string, user: UserRef): Promise<PendingDraft>;
  /**
   * Turns a confirmed draft into a ticket. The ticket is stored (with its number) before this resolves, so
   * the number shown to the user always exists; announcing it to staff is queued afterwards, and if that
   * fails the backlog sweeper does it. `updateId` makes a redelivered confirmation the same ticket.
   */
  confirm(draftId: string, user: UserRef, updateId: number): Promise<ConfirmResult>;
  /**
   * A ticket straight from a message, no confirmation: the user replied to `earlier`, closed too long ago to
   * reopen; the new ticket names it. Same limits and duplicate rules as a confirmed one.
   */
  follow(earlier: Ticket, userName: string, message: UserMessage, updateId: number): Promise<ConfirmResult>;
  /** The user's tickets, newest first. */
  mine(user: UserRef, limit?: number): Promise<Ticket[]>;
  /** "Talk to a person" without a question: the user's next message becomes the question. */
  awaitQuestion(user: UserRef): Promise<void>;
  /** True once after awaitQuestion (for a while); false otherwise. */
  takeAwaitedQuestion(user: UserRef): Promise<boolean>;
}

export interface TicketRequestsDeps {
  store: TicketStore;
  dispatcher: WorkDispatcher;
  log: Logger;
  observer?: FollowUpObserver;
  now?: () => number;
}

const isAuthor = (draft: TicketDraft, user: UserRef): boolean =>
  draft.channel === user.channel && draft.userId === user.userId;

/**
 * Queues the ticket's announcement to staff; should that fail, the backlog sweeper announces it (the ticket
 * is in the backlog from its creation, so the announcement never goes through the outbox).
 */
async function queueAnnouncement(
  deps: Pick<TicketRequestsDeps, 'dispatcher' | 'log'>,
  number: number,
): Promise<void> {
  const item = { id: workIds.announce(number), queue: 'staff' as const };
  await deps.dispatcher
    .dispatch([{ ...item, job: { name: 'announce', ticket: number } }], { outboxed: false })
    .catch((err: unknown) =>
      deps.log.warn({ err, ticket: number }, 'announcement not queued yet; the sweeper will'),
    );
}

/** The draft of a ticket that follows up `earlier`: the same user and language, the message as its question. */
function followUpDraft(earlier: Ticket, userName: string, { text, attachment }: UserMessage): TicketDraft {
  return {
    channel: earlier.channel,
    userId: earlier.userId,
    chatId: earlier.chatId,
    userName,
    ...(earlier.username ? { username: earlier.username } : {}),
    lang: earlier.lang,
    question: cleanQuestion(text),
    considered: [],
    origin: 'follow-up',
    followsUp: earlier.number,
    ...(attachment ? { attachment } : {}),
  };
}

/** The user's side of follow-ups: draft, confirm, list. Store failures propagate as FollowUpUnavailableError. */
export function createTicketRequests(deps: TicketRequestsDeps): TicketRequests {
  const now = deps.now ?? Date.now;

  /**
   * Stores the ticket (with its number) before resolving, so that the number shown to the user always exists;
   * announcing it to staff is queued afterwards, and if that fails the backlog sweeper does it.
   */
  async function create(draft: TicketDraft, updateId: number, draftId?: string): Promise<ConfirmResult> {
    const created = await deps.store.create(draft, updateId, now(), draftId);
    const result: ConfirmResult = created.kind === 'limit' ? { ...created, lang: draft.lang } : created;
    if (result.kind !== 'created') return result;
    deps.observer?.ticketCreated(result.ticket);
    await queueAnnouncement(deps, result.ticket.number);
    return result;
  }

  return {
    async draft(input) {
      const question = cleanQuestion(input.question);
      const problem = checkQuestion(question);
      if (problem) return { kind: 'problem', problem };
      const draft = { ...input, question };
      return { kind: 'draft', id: await deps.store.saveDraft(draft), draft };
    },

    async pending(draftId, user) {
      const draft = await deps.store.getDraft(draftId);
      if (!draft) return { kind: 'expired' };
      return isAuthor(draft, user) ? { kind: 'draft', draft } : { kind: 'not-yours' };
    },

    async confirm(draftId, user, updateId) {
      const draft = await deps.store.getDraft(draftId);
      if (!draft) return { kind: 'expired' };
      if (!isAuthor(draft, user)) return { kind: 'not-yours' };
      return create(draft, updateId, draftId);
    },

    async follow(earlier, userName, message, updateId) {
      return create(followUpDraft(earlier, userName, message), updateId);
    },

    mine(user, limit = 10) {
      return deps.store.listForUser(user, limit);
    },

    awaitQuestion: (user) => deps.store.expectQuestion(user),
    takeAwaitedQuestion: (user) => deps.store.takeExpectedQuestion(user),
  };
}
