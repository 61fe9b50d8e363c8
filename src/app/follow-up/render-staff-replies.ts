import { formatTicketNumber } from '../../core/follow-up/ticket-number.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { BoundTranslate } from '../feature.js';
import { capHtml, shorten } from '../render/html.js';
import { displayName, renderAge } from './render-staff.js';
import type { StaffActionResult } from './commit-transition.js';
import type { RatingCounts } from './ticket-store.js';

/** Characters of each question in /queue. */
const QUEUE_PREVIEW = 120;
/** Tickets listed by /queue; the rest are counted. */
export const QUEUE_LIMIT = 20;

/** The staff chat's answer to a claim, a message to the user, "answered" or a close, in one line. */
export function renderStaffResult(
  t: BoundTranslate,
  action: 'claim' | 'unclaim' | 'give' | 'answer' | 'answered' | 'close',
  number: number,
  result: StaffActionResult,
): string {
  const n = formatTicketNumber(number);
  switch (result.kind) {
    case 'missing':
      return t('staff:missing', { number: n });
    case 'repeated':
      return '';
    case 'refused': {
      const refusal = result.refusal;
      if (refusal.reason === 'claimed-by-other')
        return t('staff:claimed_by_other', { number: n, name: refusal.by.name });
      if (refusal.reason === 'already-yours') return t('staff:already_yours', { number: n });
      if (refusal.reason === 'already-theirs')
        return t('staff:already_theirs', { number: n, name: refusal.by.name });
      if (refusal.reason === 'not-claimed') return t('staff:not_claimed', { number: n });
      if (refusal.reason === 'finished')
        return t('staff:finished', { number: n, state: t(`staff:state_${refusal.state}`) });
      return t('staff:is_closed', { number: n });
    }
    case 'done': {
      if (action === 'claim') return t('staff:claimed', { number: n });
      if (action === 'unclaim') return t('staff:unclaimed', { number: n });
      if (action === 'give')
        return t('staff:given', { number: n, name: result.ticket.claimedBy?.name ?? '?' });
      if (action === 'answer') {
        // The first message says how to finish the ticket: a message to the user does not answer it.
        const key = result.before.staffMessages === 0 ? 'staff:message_queued_first' : 'staff:message_queued';
        return t(key, { number: n, raw: number, user: displayName(result.ticket) });
      }
      if (action === 'answered')
        return t('staff:answered_done', { number: n, name: result.ticket.answeredBy?.name ?? '?' });
      const name = result.ticket.closedBy?.name ?? '?';
      if (result.before.staffMessages === 0) return t('staff:closed_done_notified', { number: n, name });
      return result.before.rating === undefined
        ? t('staff:closed_done_asked', { number: n, name })
        : t('staff:closed_done', { number: n, name });
    }
  }
}

/** How far back /queue's summary counts the users' ratings. */
export const RATINGS_SUMMARY_DAYS = 7;

/**
 * /queue: open tickets oldest first, with age and claimer; under them, when given and any were rated, the
 * users' ratings of the last RATINGS_SUMMARY_DAYS days.
 */
export function renderQueue(
  t: BoundTranslate,
  open: { tickets: Ticket[]; total: number },
  now: number,
  ratings?: RatingCounts,
): string {
  const summary =
    ratings && ratings.up + ratings.down > 0
      ? ['', t('staff:queue_ratings', { days: RATINGS_SUMMARY_DAYS, up: ratings.up, down: ratings.down })]
      : [];
  if (open.total === 0) return [t('staff:queue_empty'), ...summary].join('\n');
  const lines = open.tickets.map((ticket) =>
    t('staff:queue_line', {
      number: formatTicketNumber(ticket.number),
      age: renderAge(t, ticket.createdAt, now, 'staff'),
      who: ticket.claimedBy ? ticket.claimedBy.name : t('staff:queue_unclaimed'),
      question: shorten(ticket.question.replace(/\s+/g, ' '), QUEUE_PREVIEW),
    }),
  );
  const more = open.total - open.tickets.length;
  const parts = [t('staff:queue_title', { total: open.total }), '', lines.join('\n\n')];
  if (more > 0) parts.push('', t('staff:queue_more', { count: more }));
  return capHtml([...parts, ...summary].join('\n'));
}

/** The daily post of open tickets: /queue's list under a title of its own. */
export function renderOpenDigest(
  t: BoundTranslate,
  open: { tickets: Ticket[]; total: number },
  now: number,
): string {
  return `${t('staff:open_digest_title')}\n\n${renderQueue(t, open, now)}`;
}
