import {
  claim,
  close,
  closingAnswers,
  closingAsksRating,
  closingNeedsNotice,
  handOver,
  markAnswered,
  staffWrote,
  unclaim,
} from '../../core/follow-up/ticket-transitions.js';
import type { AttachmentRef } from '../../core/follow-up/attachment.js';
import type { ThreadEntry } from '../../core/follow-up/thread.js';
import type { StaffMember, Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import { commitTransition, type StaffActionResult, type Step } from './commit-transition.js';
import type { StaffChatRecords, StaffMessageTarget } from './staff-chat-records.js';
import type { RatingCounts, TicketStore } from './ticket-store.js';
import {
  topicWork,
  workIds,
  type FollowUpObserver,
  type UserJob,
  type WorkDispatcher,
  type WorkItem,
} from './work-items.js';

export interface StaffActions {
  claim(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** Gives a claim back: the ticket waits again for anyone to claim it. */
  unclaim(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** Hands the ticket to a colleague: their claim from now on. */
  handOver(number: number, by: StaffMember, to: StaffMember, updateId: number): Promise<StaffActionResult>;
  /**
   * A staff message to the user: recorded in the thread, its relay queued behind the ticket's earlier ones,
   * and the user's conversation with the ticket started, in one step. It does not answer the ticket (see
   * `markAnswered`). With an attachment, `text` is its caption and the staff member's message is copied.
   */
  write(
    number: number,
    by: StaffMember,
    text: string,
    updateId: number,
    attachment?: AttachmentRef,
  ): Promise<StaffActionResult>;
  /** Staff say the ticket is answered: it leaves /queue; the conversation goes on until it is closed. */
  markAnswered(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /**
   * Closes and ends the conversation; the user is told when nobody answered, else asked whether the answer
   * solved their question (queued in the same step).
   */
  close(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** An internal note in the ticket's thread; the user never sees it. */
  note(number: number, by: StaffMember, text: string, updateId: number): Promise<StaffActionResult>;
  /** The ticket and its thread, for /ticket. */
  show(number: number): Promise<{ ticket: Ticket; thread: ThreadEntry[] } | null>;
  /** Open tickets, oldest first. */
  queue(limit?: number): Promise<{ tickets: Ticket[]; total: number }>;
  /** The users' ratings of tickets since `since`. */
  ratings(since: number): Promise<RatingCounts>;
  /** What a staff-chat message stands for, from the stored mapping (never from its text). */
  targetOf(messageId: number): Promise<StaffMessageTarget | null>;
  /** The ticket whose forum topic this is; null for any other topic. */
  ticketOfTopic(threadId: number): Promise<number | null>;
}

export interface StaffActionsDeps {
  store: TicketStore;
  /** Which tickets a staff-chat message or forum topic stands for. */
  staffChat: Pick<StaffChatRecords, 'staffMessageTarget' | 'topic'>;
  dispatcher: WorkDispatcher;
  log: Logger;
  observer?: FollowUpObserver;
  now?: () => number;
}

/** What the user hears when staff close the ticket: a notice (no answer), the rating question, or nothing. */
function closingTells(ticket: Ticket, updateId: number): WorkItem | null {
  const user = (id: string, job: UserJob): WorkItem => ({ id, queue: 'user', job });
  if (closingNeedsNotice(ticket))
    return user(workIds.closed(updateId), { name: 'closed', ticket: ticket.number, ordered: true });
  if (closingAsksRating(ticket))
    return user(workIds.rate(updateId), { name: 'rate', ticket: ticket.number, ordered: true });
  return null;
}

/**
 * A staff message: the relay to the user (a file copied with it), queued behind the ticket's earlier ones, the
 * entry in the thread, and the conversation started. The ticket's first staff message quotes the question.
 */
function writeStep(
  number: number,
  by: StaffMember,
  text: string,
  updateId: number,
  attachment?: AttachmentRef,
): Step {
  const id = workIds.answer(updateId);
  return (t, at) => {
    const frame = t.staffMessages === 0 ? ('first' as const) : ('message' as const);
    const job = { name: 'answer' as const, ticket: number, text, by, frame, ordered: true as const };
    const file = attachment ? { attachment: attachment.kind } : {};
    return {
      transition: staffWrote(t, by, at),
      work: [{ id, queue: 'user', job: attachment ? { ...job, attachment } : job }],
      thread: { from: 'staff', name: by.name, at, text, ...file },
      talk: 'start',
      relay: { queue: 'user', id },
    };
  };
}

/**
 * A close: what the user hears (in line behind the ticket's earlier relays), the topic's update, and the end of
 * the conversation.
 */
function closeStep(by: StaffMember, updateId: number): Step {
  return (t, at) => {
    const tell = closingTells(t, updateId);
    return {
      transition: close(t, by, at),
      work: [...(tell ? [tell] : []), ...topicWork(t, updateId)],
      talk: 'end',
      ...(tell ? { relay: { queue: 'user' as const, id: tell.id } } : {}),
    };
  };
}

/**
 * The staff's side of follow-ups. Each action is a pure transition (core) committed with compare-and-set, so
 * two staff members tapping Claim at once get one claim and one polite refusal.
 */
export function createStaffActions(deps: StaffActionsDeps): StaffActions {
  const apply = (number: number, updateId: number, step: Step) =>
    commitTransition(deps, number, { updateId }, step);

  return {
    claim: (number, by, updateId) =>
      apply(number, updateId, (t, at) => ({ transition: claim(t, by, at), work: [] })),

    unclaim: (number, by, updateId) =>
      apply(number, updateId, (t) => ({ transition: unclaim(t, by), work: [] })),

    handOver: (number, by, to, updateId) =>
      apply(number, updateId, (t, at) => ({ transition: handOver(t, by, to, at) })),

    write: async (number, by, text, updateId, attachment) => {
      const result = await apply(number, updateId, writeStep(number, by, text, updateId, attachment));
      if (result.kind === 'done') deps.observer?.staffWrote(result.ticket, text);
      return result;
    },

    markAnswered: async (number, by, updateId) => {
      const result = await apply(number, updateId, (t, at) => ({ transition: markAnswered(t, by, at) }));
      // Counted once a ticket: marked again after the user wrote more, it was answered already.
      if (result.kind === 'done' && result.before.answeredAt === undefined)
        deps.observer?.ticketAnswered(result.ticket);
      return result;
    },

    close: async (number, by, updateId) => {
      const result = await apply(number, updateId, closeStep(by, updateId));
      if (result.kind === 'done') {
        if (closingAnswers(result.before)) deps.observer?.ticketAnswered(result.ticket);
        deps.observer?.ticketClosed(result.ticket);
      }
      return result;
    },

    note: (number, by, text, updateId) =>
      apply(number, updateId, (t, at) => ({
        transition: { ok: true, ticket: t },
        thread: { from: 'note', name: by.name, at, text },
      })),

    async show(number) {
      const ticket = await deps.store.get(number);
      return ticket ? { ticket, thread: await deps.store.thread(number) } : null;
    },

    queue: (limit = 20) => deps.store.listOpen(limit),
    ratings: (since) => deps.store.ratingCounts(since),
    targetOf: (messageId) => deps.staffChat.staffMessageTarget(messageId),
    ticketOfTopic: async (threadId) => (await deps.staffChat.topic(threadId))?.number ?? null,
  };
}
