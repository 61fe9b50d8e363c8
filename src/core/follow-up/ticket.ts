import type { Channel } from '../channel.js';
import type { AttachmentRef } from './attachment.js';
import type { Language } from '../language/languages.js';

/**
 * waiting: nobody has it yet; claimed: a staff member is on it (claimed, or wrote to the user); answered: staff
 * said so (the conversation may go on); closed: finished, with or without an answer.
 */
export type TicketState = 'waiting' | 'claimed' | 'answered' | 'closed';

export const TICKET_STATES: readonly TicketState[] = ['waiting', 'claimed', 'answered', 'closed'];

/** A person acting in the staff chat. */
export interface StaffMember {
  id: number;
  name: string;
}

/** A knowledge-base entry the bot looked at before giving up, shown to staff as a hint. */
export interface ConsideredEntry {
  id: string;
  title: string;
}

/**
 * How the user came to ask: the bot's offer after a miss, /ask, a "talk to a person" message, or a reply to a
 * ticket closed too long ago to reopen.
 */
export type TicketOrigin = 'offer' | 'ask' | 'person' | 'follow-up';

/** The asker's verdict on a closed ticket: did it solve their question (👍 up, 👎 down). */
export type TicketRating = 'up' | 'down';

/** A follow-up question handed to human staff. */
export interface Ticket {
  /** Short, readable, unique: shown as #1042. */
  number: number;
  state: TicketState;
  /** The channel the user wrote from; `userId` and `chatId` are that channel's. */
  channel: Channel;
  userId: number;
  /** The private chat where answers go. */
  chatId: number;
  userName: string;
  username?: string;
  /** The language the user reads; answers are framed in it. */
  lang: Language;
  question: string;
  considered: ConsideredEntry[];
  origin: TicketOrigin;
  /** A file the user sent with the question (its caption is the question), copied under the ticket's card. */
  attachment?: AttachmentRef;
  createdAt: number;
  claimedBy?: StaffMember;
  claimedAt?: number;
  /** When a staff member first wrote to the user. */
  firstReplyAt?: number;
  /** Who said the ticket is answered, and when. */
  answeredBy?: StaffMember;
  answeredAt?: number;
  /** How many staff messages were sent to the user (each one is relayed). */
  staffMessages: number;
  closedBy?: StaffMember;
  closedAt?: number;
  /** The staff-chat message that announced the ticket on its own (replies to it answer the ticket). */
  staffMessageId?: number;
  /** Set when the ticket was announced; until then it waits in the announcement backlog. */
  announcedAt?: number;
  /** Set when an answer could not reach the user (blocked the bot, chat gone). */
  undeliverable?: boolean;
  /** The asker's rating, given once after the ticket was closed with an answer. */
  rating?: TicketRating;
  ratedAt?: number;
  /** The earlier ticket this one follows up (a reply to it came after it could be reopened). */
  followsUp?: number;
  /** The ticket's own topic in a forum staff chat (its message_thread_id); absent without topics. */
  topicId?: number;
}

/** What a user confirmed: everything a ticket needs except what the store assigns (number, time, state). */
export type TicketDraft = Pick<
  Ticket,
  | 'channel'
  | 'userId'
  | 'chatId'
  | 'userName'
  | 'username'
  | 'lang'
  | 'question'
  | 'considered'
  | 'origin'
  | 'followsUp'
  | 'attachment'
>;

/** Open tickets count against the per-user limit and appear in /queue. */
export function isOpen(state: TicketState): boolean {
  return state === 'waiting' || state === 'claimed';
}

/** Builds a new ticket from a confirmed draft. */
export function openTicket(draft: TicketDraft, number: number, now: number): Ticket {
  return { ...draft, number, state: 'waiting', createdAt: now, staffMessages: 0 };
}
