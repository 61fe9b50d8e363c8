import type { WorkItem } from './work-items.js';

/** Where a relay stands in its ticket's line (see DeliveryRecords.relayTurn). */
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

/**
 * What delivering the follow-ups' work keeps (Redis): the outbox, where work waits until its queue has it
 * (the sweeper's), each ticket's line of relays in either direction, so that a conversation's messages never
 * overtake each other, and where each relay landed, so that a reply to it finds its ticket.
 */
export interface DeliveryRecords {
  /**
   * Records a relay Telegram accepted, in one step: replies to its message go to the ticket, and the relay
   * leaves the ticket's line (the next may go). A retry that finds it out of the line never sends it again.
   */
  relaySent(sent: SentRelay): Promise<void>;
  /** The ticket of a message relayed into the user's chat `chatId`, if it is one. */
  userMessageTicket(chatId: number, messageId: number): Promise<number | null>;
  /** Whether a relay may go now: only once every relay committed before it in its direction is done. */
  relayTurn(number: number, queue: 'staff' | 'user', id: string): Promise<RelayTurn>;
  /** A relay was given up: the next in line may go. */
  relayDone(number: number, queue: 'staff' | 'user', id: string): Promise<void>;
  /** Records that an answer could not reach the user; true when it is news (the ticket was not marked yet). */
  markUndeliverable(number: number): Promise<boolean>;

  /** Outbox entries older than `ageMs`, for the sweeper to dispatch again. */
  pendingWork(ageMs: number, now: number, limit: number): Promise<WorkItem[]>;
  /** Tickets still in the announcement backlog after `ageMs`, for the sweeper. */
  staleBacklog(ageMs: number, now: number, limit: number): Promise<number[]>;
  /** Removes dispatched work from the outbox. */
  clearWork(ids: string[]): Promise<void>;
}
