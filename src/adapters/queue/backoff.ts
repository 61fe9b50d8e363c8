export interface BackoffOptions {
  /** First retry after this long. */
  baseMs: number;
  /** No retry waits longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 10 * 60_000 };

/**
 * Exponential backoff with a cap and ±20 % jitter (so that many jobs failing together do not retry together):
 * base, 2×base, 4×base... never above the cap. 429s do not come here: the worker reschedules them after
 * Telegram's retry_after without spending an attempt.
 */
export function cappedExponentialBackoff(opts: BackoffOptions = DEFAULT_BACKOFF) {
  return (attemptsMade: number): number => {
    const exponential = opts.baseMs * 2 ** Math.max(0, Math.min(attemptsMade - 1, 30));
    const delay = Math.min(exponential, opts.capMs);
    return Math.round(delay * (0.8 + Math.random() * 0.4));
  };
}
