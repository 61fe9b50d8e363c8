/**
 * A failed send to Telegram, reduced to what callers decide on: retry later, or give up because the
 * recipient can never receive it (blocked the bot, chat gone).
 */
export class DeliveryError extends Error {
  readonly code = 'DELIVERY_FAILED';
  constructor(
    message: string,
    /** HTTP-like error code from the Bot API (403, 429, 500...) or 0 for network errors. */
    readonly status: number,
    /** True when retrying can never help (403 blocked, 400 chat not found). */
    readonly permanent: boolean,
    /** Seconds Telegram asked us to wait (429), when given. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** True when `error` is a send that can never succeed (blocked, chat gone): the caller records it and goes on. */
export function isPermanentDeliveryError(error: unknown): error is DeliveryError {
  return error instanceof DeliveryError && error.permanent;
}
