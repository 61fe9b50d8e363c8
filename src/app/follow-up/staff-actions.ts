import {
  answer,
  claim,
  close,
  unclaim,
  closingNeedsNotice,
  type Refusal,
  type Transition,
} from '../../core/follow-up/ticket-transitions.js';
import type { StaffMember, Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import type { StaffMessageTarget, TicketStore } from './ticket-store.js';
import { workIds, type FollowUpObserver, type WorkDispatcher, type WorkItem } from './work-items.js';

export type StaffActionResult =
  | { kind: 'done'; before: Ticket; ticket: Ticket }
  | { kind: 'refused'; ticket: Ticket; refusal: Refusal }
  | { kind: 'missing' }
  /** The same update was handled before (Telegram redelivered it): nothing happened again. */
  | { kind: 'repeated'; ticket: Ticket };

export interface StaffActions {
  claim(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** Gives a claim back: the ticket waits again for anyone to claim it. */
  unclaim(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
  /** Records the answer and queues its relay to the user, in one step. */
  answer(number: number, by: StaffMember, text: string, updateId: number): Promise<StaffActionResult>;
  /** Closes; when nobody answered, the user is told (queued in the same step). */
  close(number: number, by: StaffMember, updateId: number): Promise<StaffActionResult>;
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

type Step = (ticket: Ticket, now: number) => { transition: Transition; work: WorkItem[] };

/**
 * The staff's side of follow-ups. Each action is a pure transition (core) committed with compare-and-set, so
 * two staff members tapping Claim at once get one claim and one polite refusal.
 */
export function createStaffActions(deps: StaffActionsDeps): StaffActions {
  const now = deps.now ?? Date.now;

  async function apply(number: number, updateId: number, step: Step): Promise<StaffActionResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await deps.store.get(number);
      if (!before) return { kind: 'missing' };
      const { transition, work } = step(before, now());
      if (!transition.ok) return { kind: 'refused', ticket: before, refusal: transition.refusal };
      const outcome = await deps.store.commit(before, transition.ticket, { updateId, work });
      if (outcome === 'missing') return { kind: 'missing' };
      if (outcome === 'duplicate') return { kind: 'repeated', ticket: before };
      if (outcome === 'ok') {
        await dispatchSoon(work);
        return { kind: 'done', before, ticket: transition.ticket };
      }
    }
    throw new Error(`ticket ${number} kept changing under a staff action`);
  }

  /** The work is in the outbox already; this only saves the sweeper's delay. */
  async function dispatchSoon(work: WorkItem[]): Promise<void> {
    if (work.length === 0) return;
    await deps.dispatcher
      .dispatch(work)
      .catch((err: unknown) => deps.log.warn({ err }, 'work left to the sweeper'));
  }

  return {
    claim: (number, by, updateId) =>
      apply(number, updateId, (t, at) => ({ transition: claim(t, by, at), work: [] })),

    unclaim: (number, by, updateId) =>
      apply(number, updateId, (t) => ({ transition: unclaim(t, by), work: [] })),

    answer: async (number, by, text, updateId) => {
      const result = await apply(number, updateId, (t, at) => ({
        transition: answer(t, by, at),
        work: [
          { id: workIds.answer(updateId), queue: 'user', job: { name: 'answer', ticket: number, text, by } },
        ],
      }));
      if (result.kind === 'done') deps.observer?.ticketAnswered(result.ticket, text);
      return result;
    },

    close: (number, by, updateId) =>
      apply(number, updateId, (t, at) => ({
        transition: close(t, by, at),
        work: closingNeedsNotice(t)
          ? [{ id: workIds.closed(updateId), queue: 'user', job: { name: 'closed', ticket: number } }]
          : [],
      })),

    queue: (limit = 20) => deps.store.listOpen(limit),
    targetOf: (messageId) => deps.store.staffMessageTarget(messageId),
  };
}
