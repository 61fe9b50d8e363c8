import type { UserRef } from '../../core/channel.js';
import { canReopen, rate, reopen } from '../../core/follow-up/ticket-transitions.js';
import type { Ticket, TicketRating } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import { commitTransition, type StaffActionResult, type Step } from './commit-transition.js';
import { userMessageStep, type ConversationUser, type UserMessage } from './conversations.js';
import type { ConfirmResult, TicketRequests } from './ticket-requests.js';
import type { TicketStore } from './ticket-store.js';
import {
  topicWork,
  workIds,
  type FollowUpObserver,
  type WorkDispatcher,
  type WorkItem,
} from './work-items.js';

export interface ClosedTicketsDeps {
  store: TicketStore;
  dispatcher: WorkDispatcher;
  requests: TicketRequests;
  log: Logger;
  observer?: FollowUpObserver;
  now?: () => number;
}

/** What became of a message to a closed ticket: the ticket reopened with it, or a new ticket naming it. */
export type ClosedTicketWrite =
  { kind: 'reopened'; result: StaffActionResult } | { kind: 'followed'; result: ConfirmResult };

/** How `/stats` lists ticket ratings. */
const RATING_LABELS: Record<TicketRating, string> = { up: '👍', down: '👎' };

const owns = (ticket: Ticket, user: UserRef) =>
  ticket.channel === user.channel && ticket.userId === user.userId;

/** A rating: the topic's marks updated; a 👎 tells staff and makes the user's next message go to the ticket. */
function rateStep(rating: TicketRating, updateId: number): Step {
  return (t, at) => {
    const down = rating === 'down';
    const work: WorkItem[] = down
      ? [{ id: workIds.ratedDown(updateId), queue: 'staff', job: { name: 'rated-down', ticket: t.number } }]
      : [];
    return {
      transition: rate(t, rating, at),
      work: [...work, ...topicWork(t, updateId)],
      rated: true,
      // What is missing goes to the ticket: the user's next message reopens it.
      ...(down ? { talk: 'start' as const } : {}),
    };
  };
}

/**
 * The user's message reopening the ticket: into the thread and relayed to staff as a reopening, the
 * conversation on again, the topic reopened.
 */
function reopenStep(user: ConversationUser, message: UserMessage, updateId: number): Step {
  return (t, at) => {
    const step = userMessageStep(user, t, message, { updateId, at, reopened: t.state === 'closed' });
    return {
      transition: reopen(t, at),
      ...step,
      work: [...step.work, ...topicWork(t, updateId)],
      talk: 'start',
    };
  };
}

/**
 * The user's side of a ticket after staff closed it: the rating (👍 / 👎, once; a 👎 tells staff and makes the
 * user's next message go to the ticket), and a message to it, which reopens it within a week of the close
 * and later starts a new ticket that names it.
 */
export function createClosedTickets(deps: ClosedTicketsDeps) {
  const now = deps.now ?? Date.now;

  return {
    /** 'missing' for a ticket that is not the user's (a forged button), as for one that does not exist. */
    async rate(
      user: UserRef,
      number: number,
      rating: TicketRating,
      updateId: number,
    ): Promise<StaffActionResult> {
      const ticket = await deps.store.get(number);
      if (!ticket || !owns(ticket, user)) return { kind: 'missing' };
      const step = rateStep(rating, updateId);
      const result = await commitTransition(deps, number, { updateId, from: 'user' }, step);
      if (result.kind === 'done') deps.observer?.ticketRated(result.ticket, RATING_LABELS[rating]);
      return result;
    },

    /**
     * The user's message to their closed ticket: within the window the ticket is open again with it (into the
     * thread, relayed to staff as a reopening, the conversation on again); later, a new ticket that names it.
     */
    async write(
      user: ConversationUser,
      ticket: Ticket,
      message: UserMessage,
      updateId: number,
    ): Promise<ClosedTicketWrite> {
      if (!canReopen(ticket, now()))
        return { kind: 'followed', result: await deps.requests.follow(ticket, user.name, message, updateId) };
      const step = reopenStep(user, message, updateId);
      const result = await commitTransition(deps, ticket.number, { updateId, from: 'user' }, step);
      return { kind: 'reopened', result };
    },
  };
}

export type ClosedTickets = ReturnType<typeof createClosedTickets>;
