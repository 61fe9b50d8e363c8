import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import { visibleToUser, type ThreadEntry } from '../../core/follow-up/thread.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { BoundTranslate } from '../feature.js';
import { capHtml, shorten, visibleLength } from '../render/html.js';
import { renderAge, renderStatus } from './render-staff.js';

/** Room for the thread's lines in one message, below Telegram's 4096 with the title and question. */
const THREAD_ROOM = 3_400;
/** Characters of the question quoted above the thread. */
const QUESTION_QUOTE = 300;

/** A file in the thread: its kind, then its caption (the file itself stays on Telegram). */
const fileLine = (t: BoundTranslate, entry: ThreadEntry): string =>
  [t(`common:attachment_${entry.attachment}`), entry.text].filter((part) => part !== '').join(' · ');

/**
 * A ticket's conversation in one message: its number and state, the question, then the newest entries that fit,
 * oldest of them first ("earlier messages left out" when some do not fit). Staff see notes; the user does not.
 * `prefix` picks the chat's wording (staff or followup).
 */
export function renderThread(
  t: BoundTranslate,
  ticket: Ticket,
  entries: ThreadEntry[],
  now: number,
  prefix: 'staff' | 'followup',
): string {
  const shown = prefix === 'staff' ? entries : visibleToUser(entries);
  const lines: string[] = [];
  let room = THREAD_ROOM;
  for (const entry of [...shown].reverse()) {
    const line = t(`${prefix}:thread_${entry.from}`, {
      name: entry.name,
      age: renderAge(t, entry.at, now, prefix),
      text: entry.attachment ? fileLine(t, entry) : entry.text,
    });
    room -= visibleLength(line) + 2;
    if (room < 0 && lines.length > 0) break;
    lines.unshift(line);
  }
  const number = formatTicketNumber(ticket.number);
  const state = prefix === 'staff' ? renderStatus(t, ticket) : t(`followup:state_${ticket.state}`);
  const question = shorten(ticket.question.replace(/\s+/g, ' '), QUESTION_QUOTE);
  return capHtml(
    [
      t(`${prefix}:thread_title`, { number, state }),
      t(`${prefix}:thread_question`, { question, age: renderAge(t, ticket.createdAt, now, prefix) }),
      ...(lines.length < shown.length ? [t(`${prefix}:thread_earlier`)] : []),
      ...(shown.length === 0 ? [t(`${prefix}:thread_empty`)] : []),
      ...lines,
    ].join('\n\n'),
  );
}
