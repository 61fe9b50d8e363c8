import type { Refusal, Transition } from '../../core/follow-up/ticket-transitions.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import type { CommitOptions, TicketStore } from './ticket-store.js';
import type { WorkDispatcher } from './work-items.js';

export type StaffActionResult =
  | { kind: 'done'; before: Ticket; ticket: Ticket }
  | { kind: 'refused'; ticket: Ticket; refusal: Refusal }
  | { kind: 'missing' }
  /** The same update was handled before (Telegram redelivered it): nothing happened again. */
  | { kind: 'repeated'; ticket: Ticket };

/** A change of one ticket: the pure transition (core) and what goes with it in the same atomic step. */
export type Step = (ticket: Ticket, now: number) => { transition: Transition } & CommitOptions;

/**
 * Reads the ticket, applies the step and commits it with compare-and-set, again when somebody changed the
 * ticket meanwhile (two staff members tapping Claim at once get one claim and one polite refusal). The work
 * is in the outbox once committed; it is dispatched at once to save the sweeper's delay.
 */
export async function commitTransition(
  deps: { store: TicketStore; dispatcher: WorkDispatcher; log: Logger; now?: () => number },
  number: number,
  options: CommitOptions,
  step: Step,
): Promise<StaffActionResult> {
  const now = deps.now ?? Date.now;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await deps.store.get(number);
    if (!before) return { kind: 'missing' };
    const { transition, ...consequences } = step(before, now());
    if (!transition.ok) return { kind: 'refused', ticket: before, refusal: transition.refusal };
    const outcome = await deps.store.commit(before, transition.ticket, { ...consequences, ...options });
    if (outcome === 'missing') return { kind: 'missing' };
    if (outcome === 'duplicate') return { kind: 'repeated', ticket: before };
    if (outcome === 'ok') {
      const work = consequences.work ?? [];
      if (work.length > 0)
        await deps.dispatcher
          .dispatch(work)
          .catch((err: unknown) => deps.log.warn({ err }, 'work left to the sweeper'));
      return { kind: 'done', before, ticket: transition.ticket };
    }
  }
  throw new Error(`ticket ${number} kept changing under a follow-up action`);
}
