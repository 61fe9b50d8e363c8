import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import { shorten } from '../render/html.js';

/**
 * Characters of a topic's title: Telegram takes 1-128; kept a little under so that the marks in front and
 * characters Telegram may count twice (emoji) never push it over.
 */
const TOPIC_NAME_CHARS = 120;
const NAME_CHARS = 32;

/** The marks in front of a title: ✅ once closed, and the user's 👍 / 👎 once rated. */
function marks(ticket: Ticket): string {
  if (ticket.state !== 'closed') return '';
  const rating = ticket.rating === 'up' ? '👍' : ticket.rating === 'down' ? '👎' : '';
  return `✅${rating} `;
}

/**
 * A ticket's forum topic title, "#1042 · Li · de · laser cutting subsidy…": number, asker, language and the
 * beginning of the question, marked ✅ (and 👍 / 👎) once closed. Plain text: topic titles have no markup.
 */
export function topicName(ticket: Ticket): string {
  const head = `${marks(ticket)}${formatTicketNumber(ticket.number)} · ${shorten(ticket.userName, NAME_CHARS)} · ${ticket.lang}`;
  const question = ticket.question.replace(/\s+/g, ' ').trim();
  const room = TOPIC_NAME_CHARS - [...head].length - 3;
  return question && room > 0 ? `${head} · ${shorten(question, room)}` : head;
}
