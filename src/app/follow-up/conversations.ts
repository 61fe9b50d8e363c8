import type { UserRef } from '../../core/channel.js';
import type { AttachmentRef } from '../../core/follow-up/attachment.js';
import { THREAD_LIMITS, type ThreadEntry } from '../../core/follow-up/thread.js';
import { userWrote } from '../../core/follow-up/ticket-transitions.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import { commitTransition, type StaffActionResult } from './commit-transition.js';
import type { DeliveryRecords } from './delivery-records.js';
import type { CommitOptions, TicketStore } from './ticket-store.js';
import { workIds, type StaffJob, type WorkDispatcher } from './work-items.js';

/**
 * What a user's message to a ticket commits besides the transition: its entry in the thread, and its relay to
 * staff behind the ticket's earlier ones (marked `reopened` when it opens the closed ticket).
 */
export function userMessageStep(
  user: ConversationUser,
  ticket: Ticket,
  { text, attachment }: UserMessage,
  { updateId, at, reopened = false }: { updateId: number; at: number; reopened?: boolean },
): Required<Pick<CommitOptions, 'thread' | 'work' | 'relay'>> {
  const id = workIds.userMessage(updateId);
  const job: StaffJob = {
    name: 'user-message',
    ticket: ticket.number,
    text,
    ordered: true,
    ...(attachment ? { attachment } : {}),
    ...(reopened ? { reopened: true } : {}),
  };
  const file = attachment ? { attachment: attachment.kind } : {};
  return {
    thread: { from: 'user', name: user.name, at, text, ...file },
    work: [{ id, queue: 'staff', job }],
    relay: { queue: 'staff', id },
  };
}

/** The user as a conversation knows them: who, and the private chat where relayed messages went. */
export type ConversationUser = UserRef & { chatId: number; name: string };

/** What the user sends to a ticket: text, or a file with its caption as `text`. */
export interface UserMessage {
  text: string;
  attachment?: AttachmentRef;
}

export interface ConversationsDeps {
  store: TicketStore;
  /** Which ticket a message relayed into the user's chat belongs to. */
  delivery: Pick<DeliveryRecords, 'userMessageTicket'>;
  dispatcher: WorkDispatcher;
  log: Logger;
  now?: () => number;
}

const owns = (ticket: Ticket, user: UserRef) =>
  ticket.channel === user.channel && ticket.userId === user.userId;

/**
 * The user's side of a ticket in conversation (a human took over): which ticket a private message belongs
 * to, the message itself (into the thread and relayed to staff, in order, once per update), going back to
 * automatic answers, and the thread for its owner.
 */
export function createConversations(deps: ConversationsDeps) {
  const now = deps.now ?? Date.now;

  return {
    /**
     * The ticket a private message goes to: the ticket of the relayed message it replies to, whatever its
     * state, else the conversation with the newest staff message (none after a week without one).
     */
    async route(user: ConversationUser, replyTo?: number): Promise<Ticket | null> {
      if (replyTo !== undefined) {
        const number = await deps.delivery.userMessageTicket(user.chatId, replyTo);
        const ticket = number === null ? null : await deps.store.get(number);
        if (ticket && owns(ticket, user)) return ticket;
      }
      const latest = await deps.store.latestTalk(user, now() - THREAD_LIMITS.idleMs);
      return latest === null ? null : deps.store.get(latest);
    },

    /**
     * The user's message (a text, or a file with its caption as `text`): into the thread and on its way to
     * staff; the ticket is open again.
     */
    write(
      user: ConversationUser,
      number: number,
      message: UserMessage,
      updateId: number,
    ): Promise<StaffActionResult> {
      return commitTransition(deps, number, { updateId, from: 'user' }, (ticket, at) => ({
        transition: userWrote(ticket, at),
        ...userMessageStep(user, ticket, message, { updateId, at }),
      }));
    },

    /** Back to automatic answers for this ticket (its owner only); false when it was not in conversation. */
    async leave(user: UserRef, number: number): Promise<boolean> {
      const ticket = await deps.store.get(number);
      if (!ticket || !owns(ticket, user)) return false;
      return deps.store.endTalk(user, number);
    },

    /** The ticket and its thread, for its owner; null for anybody else. */
    async thread(user: UserRef, number: number): Promise<{ ticket: Ticket; thread: ThreadEntry[] } | null> {
      const ticket = await deps.store.get(number);
      if (!ticket || !owns(ticket, user)) return null;
      return { ticket, thread: await deps.store.thread(number) };
    },
  };
}

export type Conversations = ReturnType<typeof createConversations>;
