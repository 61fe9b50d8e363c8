import { ageOf } from '../../core/follow-up/ticket-age.js';
import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import { escapeHtml } from '../../i18n/escape-html.js';
import { encodeCallback } from '../callback-data.js';
import type { BoundTranslate } from '../feature.js';
import { capHtml, shorten, splitText } from '../render/html.js';
import type { Button, OutMessage } from '../types.js';

/** Callback actions of the staff chat's buttons: args [ticket number]. */
export const STAFF_ACTIONS = { claim: 'sc', answered: 'sa', close: 'sx' } as const;

/** Characters of a question shown per ticket in digests and /queue (the full text is in the ticket message). */
const QUESTION_PREVIEW = 100;

/**
 * The most of a question a ticket card quotes (Telegram counts 4096 visible characters a message; the rest of
 * the card takes about a thousand at most). A longer question goes on in a second message. Fixed, so that a
 * card edited on Claim or Close splits the question where the posted one did.
 */
const CARD_QUESTION_CHARS = 3000;

/** "Anna (@anna)". */
export function displayName(ticket: Pick<Ticket, 'userName' | 'username'>): string {
  return ticket.username ? `${ticket.userName} (@${ticket.username})` : ticket.userName;
}

/** "5 min", "3 h": how long ago, in the chat's language. */
export function renderAge(
  t: BoundTranslate,
  since: number,
  now: number,
  prefix: 'staff' | 'followup',
): string {
  const age = ageOf(since, now);
  if (age.unit === 'minutes' && age.count === 0) return t(`${prefix}:age_now`);
  return t(`${prefix}:age_${age.unit}`, { count: age.count });
}

/** The ticket's state as staff see it: who has it, who answered, who closed (and the user's rating). */
export function renderStatus(t: BoundTranslate, ticket: Ticket): string {
  switch (ticket.state) {
    case 'waiting':
      return t('staff:status_waiting');
    case 'claimed':
      return t('staff:status_claimed', { name: ticket.claimedBy?.name ?? '?' });
    case 'answered':
      return t('staff:status_answered', { name: ticket.answeredBy?.name ?? '?' });
    case 'closed': {
      const closed = t('staff:status_closed', { name: ticket.closedBy?.name ?? '?' });
      return ticket.rating ? `${closed} · ${ticket.rating === 'up' ? '👍' : '👎'}` : closed;
    }
  }
}

/**
 * What can happen next: Claim while waiting, Answered until it is answered, Close until it is closed. A waiting
 * card offers Answered too: a staff message takes the ticket without redrawing its card (each edit would spend
 * the staff chat's few messages a minute), and a tap brings the card up to date.
 */
export function ticketButtons(t: BoundTranslate, ticket: Ticket): Button[][] {
  if (ticket.state === 'closed') return [];
  const button = (action: keyof typeof STAFF_ACTIONS) => ({
    text: t(`staff:button_${action}`),
    data: encodeCallback(STAFF_ACTIONS[action], ticket.number),
  });
  if (ticket.state === 'waiting') return [[button('claim'), button('answered'), button('close')]];
  if (ticket.state === 'claimed') return [[button('answered'), button('close')]];
  return [[button('close')]];
}

/**
 * The ticket as posted in the staff chat: number and state, who asked in which language, the question in full
 * (escaped), the entries the bot considered, and how to answer, with Claim and Close. A question longer than
 * CARD_QUESTION_CHARS is split: the card holds its beginning, and a second message, to be sent as a reply to
 * the card, the rest. Used for the first post and reminders.
 */
export function renderTicketPosts(
  t: BoundTranslate,
  ticket: Ticket,
  now: number,
  title?: string,
): [OutMessage] | [OutMessage, OutMessage] {
  const number = formatTicketNumber(ticket.number);
  const considered = ticket.considered.length
    ? t('staff:considered', { entries: ticket.considered.map((e) => `${e.title} (${e.id})`).join(', ') })
    : t('staff:considered_none');
  const head = [
    title ?? t('staff:ticket_title', { number, status: renderStatus(t, ticket) }),
    t('staff:ticket_from', {
      user: displayName(ticket),
      language: t(`staff:lang_${ticket.lang}`),
      age: renderAge(t, ticket.createdAt, now, 'staff'),
    }),
    ...(ticket.followsUp ? [t('staff:follows_up', { number: formatTicketNumber(ticket.followsUp) })] : []),
    '',
  ];
  const tail = [considered, '', t('staff:ticket_help', { number: ticket.number })];
  const [first, rest] = splitText(ticket.question, CARD_QUESTION_CHARS);
  const note = rest ? [t('staff:question_continues')] : [];
  const quote = `<blockquote>${escapeHtml(first)}</blockquote>`;
  const card = {
    html: capHtml([...head, quote, ...note, ...tail].join('\n')),
    buttons: ticketButtons(t, ticket),
  };
  if (!rest) return [card];
  const more = `${t('staff:question_continued', { number })}\n\n<blockquote>${escapeHtml(rest)}</blockquote>`;
  return [card, { html: capHtml(more) }];
}

/** The ticket's card alone (see renderTicketPosts), as a Claim or Close edits it. */
export function renderTicket(t: BoundTranslate, ticket: Ticket, now: number, title?: string): OutMessage {
  return renderTicketPosts(t, ticket, now, title)[0];
}

/**
 * A reminder: the ticket again, under a title saying how long it has waited, its card a reply to the first
 * post (and the rest of a long question a reply to that card, as for the first post). The last reminder says
 * that the ticket now waits in /queue and the daily digest of open tickets.
 */
export function renderReminderPosts(
  t: BoundTranslate,
  ticket: Ticket,
  now: number,
  last: boolean,
): OutMessage[] {
  const number = formatTicketNumber(ticket.number);
  const age = renderAge(t, ticket.createdAt, now, 'staff');
  const title = [
    t('staff:reminder_title', { number, age }),
    ...(last ? [t('staff:reminder_last', { number })] : []),
  ].join('\n');
  const [card, ...more] = renderTicketPosts(t, ticket, now, title);
  return [{ ...card, replyTo: ticket.staffMessageId }, ...more];
}

/** Digests stay under this much HTML, below capHtml's limit, so that no listed ticket is ever cut off. */
const DIGEST_HTML_BUDGET = 3_800;

/**
 * Several tickets in one message, each with a short question and its own Claim button. Tickets are added in
 * order while the message stays within Telegram's size; `included` says which made it (only those count as
 * announced; the rest wait for the next message).
 */
export function renderDigest(
  t: BoundTranslate,
  tickets: Ticket[],
): { message: OutMessage; included: Ticket[] } {
  const line = (ticket: Ticket) =>
    t('staff:digest_line', {
      number: formatTicketNumber(ticket.number),
      user: displayName(ticket),
      language: t(`staff:lang_${ticket.lang}`),
      question: shorten(ticket.question.replace(/\s+/g, ' '), QUESTION_PREVIEW),
    });
  const compose = (chosen: Ticket[], lines: string[]) =>
    [
      t('staff:digest_title', { count: chosen.length }),
      '',
      lines.join('\n\n'),
      '',
      t('staff:digest_help', { number: chosen[0]?.number ?? '' }),
    ].join('\n');
  const included: Ticket[] = [];
  const lines: string[] = [];
  for (const ticket of tickets) {
    const next = line(ticket);
    if (included.length > 0 && compose([...included, ticket], [...lines, next]).length > DIGEST_HTML_BUDGET)
      break;
    included.push(ticket);
    lines.push(next);
  }
  const claims = included.map((ticket) => ({
    text: t('staff:button_claim_number', { number: formatTicketNumber(ticket.number) }),
    data: encodeCallback(STAFF_ACTIONS.claim, ticket.number),
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < claims.length; i += 5) rows.push(claims.slice(i, i + 5));
  return { message: { html: capHtml(compose(included, lines)), buttons: rows }, included };
}

/** A first post: one ticket as its card (and the rest of a long question), or several as a digest. */
export function renderAnnouncement(
  t: BoundTranslate,
  candidates: Ticket[],
  now: number,
): { messages: OutMessage[]; included: Ticket[] } {
  if (candidates.length === 1)
    return { messages: renderTicketPosts(t, candidates[0]!, now), included: candidates };
  const digest = renderDigest(t, candidates);
  return { messages: [digest.message], included: digest.included };
}
