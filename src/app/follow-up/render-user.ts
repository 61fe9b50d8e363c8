import { ATTACHMENT_LIMITS, type AttachmentProblem } from '../../core/follow-up/attachment.js';
import { FOLLOW_UP_LIMITS, type QuestionProblem } from '../../core/follow-up/limits.js';
import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import { encodeCallback } from '../callback-data.js';
import type { BoundTranslate } from '../feature.js';
import { capHtml, shorten } from '../render/html.js';
import type { Button, OutMessage } from '../types.js';
import type { ConfirmResult } from './ticket-requests.js';
import type { UserJob } from './work-items.js';
import { renderAge } from './render-staff.js';

/**
 * Callback actions of the user's side: offer, confirm and cancel take [draft id]; back (to automatic answers)
 * and thread (open a ticket's thread) take [ticket number]; rate takes [ticket number, 'u' 👍 | 'd' 👎].
 */
export const FOLLOW_UP_ACTIONS = {
  offer: 'fo',
  confirm: 'fy',
  cancel: 'fn',
  back: 'fa',
  thread: 'fh',
  rate: 'fr',
} as const;

/** The rating as its button carries it. */
export const RATING_CODES = { up: 'u', down: 'd' } as const;

/** Characters of each question shown in /mytickets. */
const LIST_PREVIEW = 100;
/** Characters of the original question quoted under an answer, to remind the user what it was about. */
const QUESTION_QUOTE = 200;
/** Characters of a staff member's caption kept, so that the frame around it fits in Telegram's caption. */
const CAPTION_KEPT = 700;

/** The "Ask our staff" button under an unknown or "did you mean" answer. */
export function offerButton(t: BoundTranslate, draftId: string): Button {
  return { text: t('followup:offer_button'), data: encodeCallback(FOLLOW_UP_ACTIONS.offer, draftId) };
}

/** The question shown back, with Send / Cancel. */
export function renderConfirmPrompt(t: BoundTranslate, draftId: string, question: string): OutMessage {
  return {
    html: capHtml(t('followup:confirm_prompt', { question })),
    buttons: [
      [
        { text: t('followup:confirm_send'), data: encodeCallback(FOLLOW_UP_ACTIONS.confirm, draftId) },
        { text: t('followup:confirm_cancel'), data: encodeCallback(FOLLOW_UP_ACTIONS.cancel, draftId) },
      ],
    ],
  };
}

export function renderQuestionProblem(t: BoundTranslate, problem: QuestionProblem, question: string): string {
  if (problem === 'empty') return t('followup:ask_usage');
  return t('followup:too_long', { max: FOLLOW_UP_LIMITS.questionChars, count: [...question.trim()].length });
}

const MB = 1024 * 1024;

/**
 * Why a file cannot be relayed (to staff, or from staff with `prefix` 'staff'): its kind (the bot reads text, and passes photos, documents, videos, voice
 * messages and audio on to staff) or its size as Telegram reports it.
 */
export function renderAttachmentProblem(
  t: BoundTranslate,
  problem: AttachmentProblem,
  sizeBytes = 0,
  prefix: 'followup' | 'staff' = 'followup',
): string {
  if (problem === 'unsupported') return t(`${prefix}:attachment_unsupported`);
  const max = ATTACHMENT_LIMITS.maxBytes / MB;
  return t(`${prefix}:attachment_too_big`, { size: Math.ceil(sizeBytes / MB), max });
}

/** What the user reads after confirming. */
export function renderConfirmResult(t: BoundTranslate, result: ConfirmResult): string {
  switch (result.kind) {
    case 'created':
      return t('followup:created', { number: formatTicketNumber(result.ticket.number) });
    case 'duplicate':
      return t('followup:duplicate', { number: formatTicketNumber(result.ticket.number) });
    case 'limit':
      return t('followup:limit', { max: FOLLOW_UP_LIMITS.openPerUser });
    case 'expired':
      return t('followup:expired');
    case 'not-yours':
      return t('followup:not_yours');
  }
}

/** Back to automatic answers, under every message that keeps the user in a ticket's conversation. */
export function backButton(t: BoundTranslate, number: number): Button {
  return { text: t('followup:back_button'), data: encodeCallback(FOLLOW_UP_ACTIONS.back, number) };
}

/**
 * After staff closed an answered ticket: did it solve the question? 👍 / 👎, one tap; a reply to this message
 * within a week reopens the ticket.
 */
function renderRatingQuestion(t: BoundTranslate, ticket: Ticket): OutMessage {
  const number = ticket.number;
  return {
    html: t('followup:rate_question', { number: formatTicketNumber(number) }),
    buttons: [
      [
        {
          text: t('followup:rate_up'),
          data: encodeCallback(FOLLOW_UP_ACTIONS.rate, number, RATING_CODES.up),
        },
        {
          text: t('followup:rate_down'),
          data: encodeCallback(FOLLOW_UP_ACTIONS.rate, number, RATING_CODES.down),
        },
      ],
    ],
  };
}

/**
 * What a relay says to the user, in their language: the closing notice, the rating question, or a staff
 * message (or a file's caption) framed with who writes, that a person is writing, and Back to automatic
 * answers; the ticket's first staff message quotes the question it answers.
 */
export function renderRelay(t: BoundTranslate, job: UserJob, ticket: Ticket): OutMessage {
  const number = formatTicketNumber(ticket.number);
  if (job.name === 'closed') return { html: t('followup:closed_notice', { number }) };
  if (job.name === 'rate') return renderRatingQuestion(t, ticket);
  const question = shorten(ticket.question.replace(/\s+/g, ' '), QUESTION_QUOTE);
  const kind = job.attachment && t(`common:attachment_${job.attachment.kind}`);
  const body = kind
    ? t('followup:staff_attachment', {
        number,
        name: job.by.name,
        kind,
        text: shorten(job.text, CAPTION_KEPT),
      }).trimEnd()
    : job.frame === 'message'
      ? t('followup:staff_message', { number, name: job.by.name, text: job.text })
      : t('followup:staff_first_message', { number, name: job.by.name, text: job.text, question });
  return {
    html: capHtml(`${body}\n\n${t('followup:talking', { number })}`),
    buttons: [[backButton(t, ticket.number)]],
  };
}

/** Under /mytickets: a button per ticket that opens its thread (at most two rows of five). */
export function myTicketButtons(tickets: Ticket[]): Button[][] {
  const buttons = tickets.slice(0, 10).map((ticket) => ({
    text: `📜 ${formatTicketNumber(ticket.number)}`,
    data: encodeCallback(FOLLOW_UP_ACTIONS.thread, ticket.number),
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(buttons.slice(i, i + 5));
  return rows;
}

/** /mytickets: number, state, age and the start of the question, newest first. */
export function renderMyTickets(t: BoundTranslate, tickets: Ticket[], now: number): string {
  if (tickets.length === 0) return t('followup:mine_empty');
  const lines = tickets.map((ticket) =>
    t('followup:mine_line', {
      number: formatTicketNumber(ticket.number),
      state: t(`followup:state_${ticket.state}`),
      age: renderAge(t, ticket.createdAt, now, 'followup'),
      question: shorten(ticket.question.replace(/\s+/g, ' '), LIST_PREVIEW),
    }),
  );
  return capHtml([t('followup:mine_title'), '', lines.join('\n\n')].join('\n'));
}
