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
