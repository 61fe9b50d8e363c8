import type { UserRef } from '../../core/channel.js';
import type { ThreadEntry } from '../../core/follow-up/thread.js';
import type { Ticket, TicketDraft } from '../../core/follow-up/ticket.js';
import type { WorkItem } from './work-items.js';

export type CreateResult =
  | { kind: 'created'; ticket: Ticket }
  /** The same update was seen before, or the same question came within the duplicate window. */
  | { kind: 'duplicate'; ticket: Ticket }
  | { kind: 'limit'; open: number };

export type CommitResult = 'ok' | 'conflict' | 'duplicate' | 'missing';

/** What goes with a ticket's change, in the same atomic step. */
export interface CommitOptions {
  /** The update that made the change: a redelivery of it is a 'duplicate'. */
  updateId?: number;
  /** Whose update it is: the staff chat's (default) or the ticket's user's, whose channel numbers it. */
  from?: 'staff' | 'user';
  work?: WorkItem[];
  /** A message (or note) added to the ticket's thread. */
  thread?: ThreadEntry;
  /** The user's conversation with the ticket starts (a staff message) or ends (closed). */
  talk?: 'start' | 'end';
  /** A relay that must be delivered after the ticket's earlier relays in its direction. */
  relay?: { queue: 'staff' | 'user'; id: string };
  /** The ticket was rated (`after.rating`): it joins that rating's index, which /queue counts. */
  rated?: true;
}

/** Ratings given within a period. */
export interface RatingCounts {
  up: number;
  down: number;
}

/**
 * The tickets' durable home (Redis): drafts, the tickets and their indexes, their threads and conversations.
 * Every write that must go together is atomic: a ticket never exists without its indexes, and a state change
 * never happens without the work it implies (kept in an outbox until the queue has it, see DeliveryRecords).
 * What the staff chat shows of the tickets is kept in StaffChatRecords.
 */
export interface TicketStore {
  /** Keeps a draft for a while under a short id (fits in callback data). */
  saveDraft(draft: TicketDraft): Promise<string>;
  getDraft(id: string): Promise<TicketDraft | null>;

  /**
   * Creates a ticket unless the update (or the draft) already made one, the same question came within the
   * duplicate window, or the user has too many open tickets. Numbers come from an atomic counter. The new
   * ticket joins the announcement backlog in the same step, so that it reaches staff even if the process
   * dies right after.
   */
  create(draft: TicketDraft, originUpdateId: number, now: number, draftId?: string): Promise<CreateResult>;

  get(number: number): Promise<Ticket | null>;
  /** The user's tickets, newest first. */
  listForUser(user: UserRef, limit: number): Promise<Ticket[]>;
  /** Open tickets (waiting or claimed), oldest first. */
  listOpen(limit: number): Promise<{ tickets: Ticket[]; total: number }>;
  /** How many tickets are open (for metrics). */
  countOpen(): Promise<number>;

  /**
   * Replaces `before` by `after` if nobody changed the ticket meanwhile ('conflict' otherwise), records
   * `updateId` so that a redelivered update is a 'duplicate', and puts `work` in the outbox, all at once.
   */
  commit(before: Ticket, after: Ticket, options: CommitOptions): Promise<CommitResult>;

  /** The ticket's thread, oldest first. */
  thread(number: number): Promise<ThreadEntry[]>;
  /** The ticket in conversation with the user with the newest staff message since `since`, if any. */
  latestTalk(user: UserRef, since: number): Promise<number | null>;
  /** The user goes back to automatic answers for this ticket; false when it was not in conversation. */
  endTalk(user: UserRef, number: number): Promise<boolean>;
  /** Tickets rated since `since`, per rating (the index keeps about a month). */
  ratingCounts(since: number): Promise<RatingCounts>;

  /** "Talk to a person" without a question: the user's next message is the question. */
  expectQuestion(user: UserRef): Promise<void>;
  /** True once if a question was expected from this user (the expectation is consumed). */
  takeExpectedQuestion(user: UserRef): Promise<boolean>;
}

/**
 * Stored follow-up data that cannot be read (a ticket with a bad field, a draft or outbox entry that is not
 * JSON): a bug or a hand edit, not an outage, and retrying will not help. `what` names the record and field,
 * never its content (which may be a user's text).
 */
export class FollowUpCorruptError extends Error {
  readonly code = 'FOLLOW_UP_CORRUPT';
  constructor(readonly what: string) {
    super(`follow-up data corrupt: ${what}`);
    this.name = 'FollowUpCorruptError';
  }
}

/**
 * Redis could not be reached, timed out or answered with an error: follow-ups are unavailable for now and
 * work again once it is back.
 */
export class FollowUpUnavailableError extends Error {
  readonly code = 'FOLLOW_UP_UNAVAILABLE';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(
      `follow-up store unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'FollowUpUnavailableError';
  }
}
