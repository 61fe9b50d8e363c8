import type { DeskContext, DeskResponse } from '../feature.js';
import { FollowUpCorruptError, FollowUpUnavailableError } from '../follow-up/ticket-store.js';

/**
 * Runs a user's step on a ticket; a store outage or unreadable data becomes "follow-ups are unavailable for
 * now" (as a message, or as an alert for a tapped button), logged with `what` was not reached.
 */
export async function whenFollowUpsAway(
  ctx: DeskContext,
  what: string,
  run: () => Promise<DeskResponse>,
  toast = false,
): Promise<DeskResponse> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof FollowUpUnavailableError) && !(err instanceof FollowUpCorruptError)) throw err;
    ctx.log.warn({ err: err.message }, what);
    const text = ctx.t('followup:unavailable');
    return toast ? { toast: { text, alert: true } } : { replies: [{ html: text }] };
  }
}
