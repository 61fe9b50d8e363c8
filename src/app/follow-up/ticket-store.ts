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

/** Where a relay stands in its ticket's line (see TicketStore.relayTurn). */
export type RelayTurn = 'now' | 'later' | 'done';

/** A relay Telegram accepted: which ticket, where it went, and its place in the ticket's line if it had one. */
export interface SentRelay {
  ticket: number;
  /** Into the staff chat, or into the user's private chat `chatId`. */
  to: { queue: 'staff' } | { queue: 'user'; chatId: number };
  messageId: number;
  /** The relay's job id when it waited in the ticket's line (ordered relays). */
  lineId?: string;
}

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

/** What a staff-chat message stands for: one ticket, or a digest listing several. */
export type StaffMessageTarget = { kind: 'ticket'; number: number } | { kind: 'digest'; numbers: number[] };

/** A ticket's forum topic: its ticket, and the title and closed state last applied in Telegram. */
export interface TicketTopic {
  number: number;
  name: string;
  closed: boolean;
}

/**
 * The tickets' durable home (Redis). Every write that must go together is atomic: a ticket never exists
 * without its indexes, and a state change never happens without the work it implies (kept in an outbox until
 * the queue has it).
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
  /**
   * Records a relay Telegram accepted, in one step: replies to its message go to the ticket, and the relay
   * leaves the ticket's line (the next may go). A retry that finds it out of the line never sends it again.
   */
  relaySent(sent: SentRelay): Promise<void>;
  userMessageTicket(chatId: number, messageId: number): Promise<number | null>;
  /** Whether a relay may go now: only once every relay committed before it in its direction is done. */
  relayTurn(number: number, queue: 'staff' | 'user', id: string): Promise<RelayTurn>;
  /** A relay was given up: the next in line may go. */
  relayDone(number: number, queue: 'staff' | 'user', id: string): Promise<void>;

  /** Tickets waiting to be announced, oldest first, and how many there are. */
  backlog(limit: number): Promise<{ numbers: number[]; total: number }>;
  /**
   * Records that a staff message announced these tickets: they leave the backlog, replies to the message
   * route to them, and `work` (the reminders) enters the outbox.
   */
  markAnnounced(numbers: number[], messageId: number, now: number, work: WorkItem[]): Promise<void>;
  /** Lets replies to a later message (a reminder) route to the ticket too. */
  mapStaffMessage(messageId: number, target: StaffMessageTarget): Promise<void>;
  staffMessageTarget(messageId: number): Promise<StaffMessageTarget | null>;
  /** Records that an answer could not reach the user; true when it is news (the ticket was not marked yet). */
  markUndeliverable(number: number): Promise<boolean>;

  /** The ticket's forum topic was created: the ticket names it, and the topic its ticket. */
  setTopic(topic: TicketTopic & { threadId: number }): Promise<void>;
  /** The ticket a forum topic of the staff chat belongs to, and what its title shows; null for other topics. */
  topic(threadId: number): Promise<TicketTopic | null>;
  /** The topic's title and closed state as now applied in Telegram. */
  markTopic(threadId: number, shown: Pick<TicketTopic, 'name' | 'closed'>): Promise<void>;
  /**
   * The ticket's topic `threadId` is gone (staff deleted it): the ticket forgets it and `work` (the notice to
   * staff) enters the outbox, in one step. False, and nothing written, when the ticket no longer names that
   * topic (another post found it gone first).
   */
  forgetTopic(number: number, threadId: number, work: WorkItem[]): Promise<boolean>;
  /**
   * True the first time a notice of this kind is to be given to the staff chat (the mark is taken), false
   * while it stands; `forgetNotice` lifts it so that a later occasion is told again.
   */
  firstNotice(name: string): Promise<boolean>;
  forgetNotice(name: string): Promise<void>;

  /** "Talk to a person" without a question: the user's next message is the question. */
  expectQuestion(user: UserRef): Promise<void>;
  /** True once if a question was expected from this user (the expectation is consumed). */
  takeExpectedQuestion(user: UserRef): Promise<boolean>;

  /** Outbox entries older than `ageMs`, for the sweeper to dispatch again. */
  pendingWork(ageMs: number, now: number, limit: number): Promise<WorkItem[]>;
  /** Tickets still in the backlog after `ageMs`, for the sweeper. */
  staleBacklog(ageMs: number, now: number, limit: number): Promise<number[]>;
  clearWork(ids: string[]): Promise<void>;
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
