import type { Channel, UserRef } from '../../core/channel.js';
import type { TicketRating } from '../../core/follow-up/ticket.js';

/**
 * Redis keys of the follow-up store. What is about a user or an update is scoped by its channel, which numbers
 * users and updates on its own. The default prefix carries a hash tag ({fu}) so that every key lands in
 * one Redis Cluster slot: the Lua scripts touch several keys at once, which Cluster allows only within a slot.
 */
export const DEFAULT_TICKET_PREFIX = 'desk:{fu}:';

/** How long a message keeps leading to its ticket (staffMessage, userMessage) and a topic record is kept. */
export const MESSAGE_RECORD_TTL_SECONDS = 180 * 24 * 3600;

export interface TicketKeys {
  /** INCR counter behind ticket numbers. */
  counter: string;
  ticket(number: number): string;
  /** Prefix for ticket hashes, for scripts that build the key from a number. */
  ticketPrefix: string;
  /** Open tickets, score = creation time. */
  open: string;
  /** All tickets of a user, score = creation time. */
  userAll(user: UserRef): string;
  /** Open tickets of a user. */
  userOpen(user: UserRef): string;
  /** Tickets not yet announced to staff, score = creation time. */
  backlog: string;
  /** Same question within the window: fingerprint hash -> ticket number. */
  duplicate(user: UserRef, fingerprintHash: string): string;
  /** An update already handled (idempotency). */
  update(channel: Channel, updateId: number): string;
  staffMessage(chatId: number, messageId: number): string;
  draft(id: string): string;
  /** The ticket a draft became (a draft becomes at most one ticket). */
  draftTicket(id: string): string;
  expectQuestion(user: UserRef): string;
  /** The ticket's conversation: a list of JSON entries, oldest first (see core/follow-up/thread.ts). */
  thread(number: number): string;
  /** Tickets in conversation with a user: number, score = time of the latest staff message. */
  talk(user: UserRef): string;
  /** Relays of a ticket still to deliver in one direction, in order: job ids, oldest first. */
  relayOrder(number: number, queue: 'staff' | 'user'): string;
  /** A message relayed into a user's chat -> its ticket (a reply to it goes to that ticket). */
  userMessage(chatId: number, messageId: number): string;
  /** Rated tickets per rating: number, score = time of the rating (for /queue's summary). */
  ratings(rating: TicketRating): string;
  /** A ticket's forum topic (hash): its ticket `number`, and the `name` and `closed` state last applied. */
  topic(threadId: number): string;
  /** A notice to the staff chat already given (one key per kind), so that it is given once. */
  notice(name: string): string;
  /** Outbox: work id -> JSON, and work id -> time written. */
  outbox: string;
  outboxDue: string;
}

export function ticketKeys(prefix: string = DEFAULT_TICKET_PREFIX): TicketKeys {
  return {
    counter: `${prefix}counter`,
    ticket: (n) => `${prefix}ticket:${n}`,
    ticketPrefix: `${prefix}ticket:`,
    open: `${prefix}open`,
    userAll: (u) => `${prefix}${u.channel}:user:${u.userId}:all`,
    userOpen: (u) => `${prefix}${u.channel}:user:${u.userId}:open`,
    backlog: `${prefix}backlog`,
    duplicate: (u, hash) => `${prefix}${u.channel}:dup:${u.userId}:${hash}`,
    update: (channel, id) => `${prefix}${channel}:update:${id}`,
    staffMessage: (chat, msg) => `${prefix}staff-msg:${chat}:${msg}`,
    draft: (id) => `${prefix}draft:${id}`,
    draftTicket: (id) => `${prefix}draft:${id}:ticket`,
    expectQuestion: (u) => `${prefix}${u.channel}:expect:${u.userId}`,
    thread: (n) => `${prefix}ticket:${n}:thread`,
    talk: (u) => `${prefix}${u.channel}:user:${u.userId}:talk`,
    relayOrder: (n, queue) => `${prefix}ticket:${n}:order:${queue}`,
    userMessage: (chat, msg) => `${prefix}user-msg:${chat}:${msg}`,
    ratings: (rating) => `${prefix}ratings:${rating}`,
    topic: (thread) => `${prefix}topic:${thread}`,
    notice: (name) => `${prefix}notice:${name}`,
    outbox: `${prefix}outbox`,
    outboxDue: `${prefix}outbox:due`,
  };
}
