import type { AttachmentRef } from '../../core/follow-up/attachment.js';
import type { StaffMember, Ticket } from '../../core/follow-up/ticket.js';

/** Work that posts into the staff chat; it shares the staff chat's pace (about 20 messages a minute). */
/**
 * Why a staff message did not reach the user: they blocked the bot (403), Telegram refused this one message for
 * good (a file deleted before its copy, say), or it kept failing.
 */
export type UndeliverableReason = 'blocked' | 'refused' | 'gave-up';

export type StaffJob =
  | { name: 'announce'; ticket: number }
  | { name: 'remind'; ticket: number; round: number }
  | { name: 'undeliverable'; ticket: number; by: StaffMember; reason: UndeliverableReason }
  /** The daily list of open tickets. */
  | { name: 'open-digest' }
  /**
   * A user's message in a ticket's conversation, to its thread in the staff chat (in order); `reopened` when
   * it reopened the closed ticket; with an attachment, the user's message is copied and `text` is its caption.
   */
  | {
      name: 'user-message';
      ticket: number;
      text: string;
      ordered: true;
      reopened?: true;
      attachment?: AttachmentRef;
    }
  /** The user rated the ticket 👎: staff hear of it in the ticket's thread. */
  | { name: 'rated-down'; ticket: number }
  /** The ticket's forum topic catches up with it: title marks (✅, 👍 / 👎), closed or open. */
  | { name: 'topic'; ticket: number }
  /** The file sent with the ticket's question, copied under the post that announced it (`under`). */
  | { name: 'question-file'; ticket: number; under: number }
  /** Staff deleted the ticket's topic: they are told once, in the General topic. */
  | { name: 'topic-gone'; ticket: number };

/**
 * Work that writes to one user: a staff message relayed, the news that a ticket was closed without an answer,
 * or the question whether an answered one solved theirs.
 */
export type UserJob =
  | {
      name: 'answer';
      ticket: number;
      text: string;
      by: StaffMember;
      /** 'first' (the ticket's first staff message) quotes the user's question; later ones are plain messages. */
      frame?: 'first' | 'message';
      /** Delivered after the ticket's earlier relays (jobs queued before ordering existed go as they come). */
      ordered?: true;
      /** A staff message with a file: copied from the staff chat, `text` is its caption. */
      attachment?: AttachmentRef;
    }
  | { name: 'closed'; ticket: number; ordered?: true }
  /** Staff closed the answered ticket: did it solve the user's question (👍 / 👎)? */
  | { name: 'rate'; ticket: number; ordered: true };

/**
 * One unit of background work. `id` is derived from the update that caused it (or the ticket, and the round
 * for reminders), so that a redelivered update or a retried dispatch produces the same job, never a second one.
 */
export type WorkItem = { id: string; runAt?: number } & (
  { queue: 'staff'; job: StaffJob } | { queue: 'user'; job: UserJob }
);

/** Job ids: BullMQ refuses ':' in custom ids, so parts are joined with '-'. */
export const workIds = {
  announce: (ticket: number) => `announce-t${ticket}`,
  remind: (ticket: number, round: number) => `remind-t${ticket}-r${round}`,
  answer: (updateId: number) => `answer-u${updateId}`,
  closed: (updateId: number) => `closed-u${updateId}`,
  undeliverable: (answerJobId: string) => `undeliverable-${answerJobId}`,
  userMessage: (updateId: number) => `user-message-u${updateId}`,
  rate: (updateId: number) => `rate-u${updateId}`,
  ratedDown: (updateId: number) => `rated-down-u${updateId}`,
  topic: (updateId: number) => `topic-u${updateId}`,
  questionFile: (ticket: number) => `question-file-t${ticket}`,
  topicGone: (ticket: number) => `topic-gone-t${ticket}`,
};

/** The ticket's topic catches up with a change (closed, rated, reopened); nothing for a ticket without one. */
export function topicWork(ticket: Ticket, updateId: number): WorkItem[] {
  if (ticket.topicId === undefined) return [];
  return [{ id: workIds.topic(updateId), queue: 'staff', job: { name: 'topic', ticket: ticket.number } }];
}

/** Puts work on its queue. Implemented over BullMQ in adapters/queue. */
export interface WorkDispatcher {
  /**
   * Adds the items (an item whose id is already queued is not added again) and clears them from the outbox.
   * `outboxed: false` skips the clearing for work that never went through the outbox (announcements, whose
   * safety net is the ticket backlog).
   */
  dispatch(items: WorkItem[], options?: { outboxed?: boolean }): Promise<void>;
}

/**
 * Told of tickets created, answered, closed and rated: metrics and the daily numbers of `/stats` count them, the
 * knowledge-gap report records their questions and staff answers. Calls must be cheap and never throw.
 */
export interface FollowUpObserver {
  ticketCreated(ticket: Ticket): void;
  /** After each staff message to the user (`ticket.staffMessages` counts them, so 1 is the first reply). */
  staffWrote(ticket: Ticket, text: string): void;
  /** Staff said the ticket is answered, or closed it after writing to the user. */
  ticketAnswered(ticket: Ticket): void;
  ticketClosed(ticket: Ticket): void;
  /** The asker rated the ticket; `rating` is the short label `/stats` lists it under (a score or an emoji). */
  ticketRated(ticket: Ticket, rating: string): void;
}
