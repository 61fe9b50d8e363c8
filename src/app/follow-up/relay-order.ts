import type { Logger } from '../../logger.js';
import type { DeliveryRecords, SentRelay } from './delivery-records.js';
import { FollowUpUnavailableError } from './ticket-store.js';

/**
 * A relay whose ticket has an earlier relay in the same direction still undelivered (retrying after an error,
 * say). The worker puts it back for a moment without spending an attempt, so that messages of a conversation
 * never overtake each other.
 */
export class RelayNotYetError extends Error {
  readonly code = 'RELAY_NOT_YET';
  constructor(readonly ticket: number) {
    super(`an earlier relay of ticket ${ticket} is not delivered yet`);
    this.name = 'RelayNotYetError';
  }
}

/** How long a relay waits before it looks again whether its turn has come. */
export const RELAY_WAIT_MS = 250;

/** How long a relay Telegram accepted keeps trying to record that through a Redis outage. */
export const RECORD_PATIENCE_MS = 60_000;

/**
 * Records a relay Telegram accepted (DeliveryRecords.relaySent), waiting out a Redis outage of up to
 * RECORD_PATIENCE_MS: failing the job instead would make its retry send the message a second time. What stays
 * open is a worker process dying (or an outage outlasting the patience) between Telegram's answer and this
 * record: then the retry sends the message again.
 */
export async function recordSentRelay(
  delivery: Pick<DeliveryRecords, 'relaySent'>,
  sent: SentRelay,
  log: Logger,
  patienceMs = RECORD_PATIENCE_MS,
): Promise<void> {
  const deadline = Date.now() + patienceMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await delivery.relaySent(sent);
    } catch (error) {
      if (!(error instanceof FollowUpUnavailableError) || Date.now() >= deadline) throw error;
      if (attempt === 1) log.warn({ ticket: sent.ticket }, 'relay sent; recording it waits for Redis');
      await new Promise((resolve) => setTimeout(resolve, RELAY_WAIT_MS));
    }
  }
}
