import type { WorkItem } from './work-items.js';

/** What a staff-chat message stands for: one ticket, or a digest listing several. */
export type StaffMessageTarget = { kind: 'ticket'; number: number } | { kind: 'digest'; numbers: number[] };

/** A ticket's forum topic: its ticket, and the title and closed state last applied in Telegram. */
export interface TicketTopic {
  number: number;
  name: string;
  closed: boolean;
}

/**
 * What the staff chat shows of the tickets, kept beside them (Redis): the backlog of tickets not yet
 * announced, the staff-chat messages that stand for tickets (cards, digests, reminders, posts in a ticket's
 * thread), the tickets' forum topics and the notices given to the staff chat once. A record that changes a
 * ticket too (announced, its topic opened or forgotten) changes both, with its work, in one atomic step.
 */
export interface StaffChatRecords {
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
}
