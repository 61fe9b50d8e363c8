import { isLanguage } from '../../core/language/languages.js';
import { FollowUpCorruptError } from '../../app/follow-up/ticket-store.js';
import { isChannel } from '../../core/channel.js';
import {
  TICKET_STATES,
  type StaffMember,
  type Ticket,
  type TicketRating,
  type TicketState,
} from '../../core/follow-up/ticket.js';

const TICKET_RATINGS: readonly TicketRating[] = ['up', 'down'];

/**
 * A ticket as a flat Redis hash: one field per property so that an operator can read it with HGETALL.
 * Objects are JSON; absent optional properties are absent fields. `v` is the version for compare-and-set.
 */
export type TicketHash = Record<string, string>;

const num = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value);
const staff = (value: string | undefined, what: string): StaffMember | undefined =>
  value === undefined ? undefined : parseStored<StaffMember>(value, what);

/** Fields to write for a ticket (without the version, which the scripts maintain). */
export function encodeTicket(ticket: Ticket): TicketHash {
  const hash: TicketHash = {
    number: String(ticket.number),
    state: ticket.state,
    channel: ticket.channel,
    user_id: String(ticket.userId),
    chat_id: String(ticket.chatId),
    user_name: ticket.userName,
    lang: ticket.lang,
    question: ticket.question,
    considered: JSON.stringify(ticket.considered),
    origin: ticket.origin,
    created_at: String(ticket.createdAt),
    // Stored under `answers`, the field tickets already in Redis carry.
    answers: String(ticket.staffMessages),
  };
  const optional: [string, string | undefined][] = [
    ['username', ticket.username],
    ['attachment', ticket.attachment && JSON.stringify(ticket.attachment)],
    ['claimed_by', ticket.claimedBy && JSON.stringify(ticket.claimedBy)],
    ['claimed_at', ticket.claimedAt?.toString()],
    ['first_reply_at', ticket.firstReplyAt?.toString()],
    ['answered_by', ticket.answeredBy && JSON.stringify(ticket.answeredBy)],
    ['answered_at', ticket.answeredAt?.toString()],
    ['closed_by', ticket.closedBy && JSON.stringify(ticket.closedBy)],
    ['closed_at', ticket.closedAt?.toString()],
    ['staff_message_id', ticket.staffMessageId?.toString()],
    ['announced_at', ticket.announcedAt?.toString()],
    ['undeliverable', ticket.undeliverable ? '1' : undefined],
    ['rating', ticket.rating],
    ['rated_at', ticket.ratedAt?.toString()],
    ['follows_up', ticket.followsUp?.toString()],
    ['topic_id', ticket.topicId?.toString()],
  ];
  for (const [field, value] of optional) if (value !== undefined) hash[field] = value;
  return hash;
}

/** Every optional field, so that a transition can delete what the new ticket no longer has. */
export const OPTIONAL_FIELDS = [
  'username',
  'attachment',
  'claimed_by',
  'claimed_at',
  'answered_by',
  'answered_at',
  'closed_by',
  'closed_at',
  'staff_message_id',
  'announced_at',
  'undeliverable',
  'rating',
  'rated_at',
  'follows_up',
  'topic_id',
] as const;

/** JSON of a stored record; unreadable JSON is corrupt data (the parser's message may quote the text). */
export function parseStored<T>(json: string, what: string): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new FollowUpCorruptError(what);
  }
}

/** A required numeric field; anything else means the hash was written by something other than this store. */
function required(hash: TicketHash, field: string): number {
  const value = Number(hash[field]);
  if (hash[field] === undefined || !Number.isFinite(value))
    throw new FollowUpCorruptError(`ticket ${hash.number}: ${field}`);
  return value;
}

/** Reads a hash back; null for a missing ticket (empty hash). */
export function decodeTicket(hash: TicketHash): { ticket: Ticket; version: number } | null {
  if (!hash.number) return null;
  const state = hash.state as TicketState;
  const what = (field: string) => `ticket ${hash.number}: ${field}`;
  if (!TICKET_STATES.includes(state)) throw new FollowUpCorruptError(what('state'));
  if (!isLanguage(hash.lang)) throw new FollowUpCorruptError(what('lang'));
  // Tickets stored before channels existed are Telegram's.
  const channel = hash.channel ?? 'telegram';
  if (!isChannel(channel)) throw new FollowUpCorruptError(what('channel'));
  const rating = hash.rating as TicketRating | undefined;
  if (rating !== undefined && !TICKET_RATINGS.includes(rating))
    throw new FollowUpCorruptError(what('rating'));
  const ticket: Ticket = {
    number: required(hash, 'number'),
    state,
    channel,
    userId: required(hash, 'user_id'),
    chatId: required(hash, 'chat_id'),
    userName: hash.user_name ?? '',
    username: hash.username,
    lang: hash.lang,
    question: hash.question ?? '',
    considered: hash.considered ? parseStored(hash.considered, what('considered')) : [],
    origin: (hash.origin as Ticket['origin']) ?? 'ask',
    attachment: hash.attachment ? parseStored(hash.attachment, what('attachment')) : undefined,
    createdAt: required(hash, 'created_at'),
    claimedBy: staff(hash.claimed_by, what('claimed_by')),
    claimedAt: num(hash.claimed_at),
    firstReplyAt: num(hash.first_reply_at),
    answeredBy: staff(hash.answered_by, what('answered_by')),
    answeredAt: num(hash.answered_at),
    staffMessages: Number(hash.answers ?? 0),
    closedBy: staff(hash.closed_by, what('closed_by')),
    closedAt: num(hash.closed_at),
    staffMessageId: num(hash.staff_message_id),
    announcedAt: num(hash.announced_at),
    undeliverable: hash.undeliverable === '1' ? true : undefined,
    rating,
    ratedAt: num(hash.rated_at),
    followsUp: num(hash.follows_up),
    topicId: num(hash.topic_id),
  };
  for (const key of Object.keys(ticket) as (keyof Ticket)[])
    if (ticket[key] === undefined) delete ticket[key];
  return { ticket, version: Number(hash.v ?? 0) };
}
