import {
  answer,
  claim,
  close,
  unclaim,
  closingNeedsNotice,
} from '../../core/follow-up/ticket-transitions.js';
import type { AttachmentRef } from '../../core/follow-up/attachment.js';
import type { ThreadEntry } from '../../core/follow-up/thread.js';
import type { StaffMember, Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import { commitTransition, type StaffActionResult, type Step } from './commit-transition.js';
import type { StaffMessageTarget, TicketStore } from './ticket-store.js';
import { workIds, type FollowUpObserver, type WorkDispatcher } from './work-items.js';

export interface StaffActions {
  claim(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** Gives a claim back: the ticket waits again for anyone to claim it. */
  unclaim(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /**
   * A staff message to the user: recorded in the thread, its relay queued behind the ticket's earlier ones,
   * and the user's conversation with the ticket started, in one step. The first is the ticket's answer. With
   * an attachment, `text` is its caption and the staff member's message is copied to the user.
   */
  answer(
    number: number,
    by: StaffMember,
    text: string,
    updateId: number,
    attachment?: AttachmentRef,
  ): Promise<StaffActionResult>;
  /** Closes and ends the conversation; when nobody answered, the user is told (queued in the same step). */
  close(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** An internal note in the ticket's thread; the user never sees it. */
  note(number: number, by: StaffMember, text: string, updateId: number): Promise<StaffActionResult>;
  /** The ticket and its thread, for /ticket. */
  show(number: number): Promise<{ ticket: Ticket; thread: ThreadEntry[] } | null>;
  /** Open tickets, oldest first. */
  queue(limit?: number): Promise<{ tickets: Ticket[]; total: number }>;
  /** What a staff-chat message stands for, from the stored mapping (never from its text). */
  targetOf(messageId: number): Promise<StaffMessageTarget | null>;
}

export interface StaffActionsDeps {
  store: TicketStore;
  dispatcher: WorkDispatcher;
  log: Logger;
  observer?: FollowUpObserver;
  now?: () => number;
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

    answer: async (number, by, text, updateId, attachment) => {
      const id = workIds.answer(updateId);
      const result = await apply(number, updateId, (t, at) => {
        const frame = t.answers === 0 ? ('answer' as const) : ('message' as const);
        const job = { name: 'answer' as const, ticket: number, text, by, frame, ordered: true as const };
        const file = attachment ? { attachment: attachment.kind } : {};
        return {
          transition: answer(t, by, at),
          work: [{ id, queue: 'user', job: attachment ? { ...job, attachment } : job }],
          thread: { from: 'staff', name: by.name, at, text, ...file },
          talk: 'start',
          relay: { queue: 'user', id },
        };
      });
      if (result.kind === 'done') deps.observer?.ticketAnswered(result.ticket, text);
      return result;
    },

    close: async (number, by, updateId) => {
      const result = await apply(number, updateId, (t, at) => {
        const id = workIds.closed(updateId);
        const notice = closingNeedsNotice(t);
        return {
          transition: close(t, by, at),
          work: notice ? [{ id, queue: 'user', job: { name: 'closed', ticket: number, ordered: true } }] : [],
          talk: 'end',
          ...(notice ? { relay: { queue: 'user' as const, id } } : {}),
        };
      });
      if (result.kind === 'done') deps.observer?.ticketClosed(result.ticket);
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
    targetOf: (messageId) => deps.store.staffMessageTarget(messageId),
  };
}
