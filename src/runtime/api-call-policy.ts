import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createSendPacer, type PacingOptions } from './send-pacer.js';

/** The desk's policy for outgoing Bot API calls, the same knobs for every framework. */
export interface ApiPolicyOptions extends ApiPolicyKnobs {
  log: Logger;
  metrics?: Pick<Metrics, 'telegramApiError'>;
}

/** What a caller may change in the policy; the defaults are what production runs. */
export interface ApiPolicyKnobs {
  /** Retries of one call after a 429 or a 5xx; default 3. */
  maxRetryAttempts?: number;
  /** A 429 asking to wait longer than this fails at once instead; default 30 s. */
  maxDelaySeconds?: number;
  /**
   * Retry 429s and 5xx here; default true. The worker's client turns it off: the queue owns its retries (see
   * messenger.ts).
   */
  retry?: boolean;
  /** Sending pace; default Telegram's limits (TELEGRAM_PACING); `false` turns pacing off. */
  pacing?: Partial<PacingOptions> | false;
}

/** A failed call as Telegram answered it. */
export interface ApiFailure {
  code: number;
  description?: string;
  /** Seconds Telegram asks to wait (429). */
  retryAfter?: number;
}

/** Methods that put a message in a chat, which Telegram rate-limits per chat and overall. */
const PACED_METHOD = /^(send(?!ChatAction)|edit|copyMessage|forwardMessage)/;

/**
 * Returns a function to await before each call: it waits for a free slot within Telegram's limits (per chat
 * and overall) when the method puts a message in a chat, and returns at once for any other method.
 */
export function createCallPacer(
  options: Partial<PacingOptions>,
): (method: string, payload: unknown) => Promise<void> {
  const pacer = createSendPacer(options);
  return async (method, payload) => {
    if (!PACED_METHOD.test(method)) return;
    await pacer.wait((payload as { chat_id?: number | string } | undefined)?.chat_id);
  };
}

/** The wait before retry number `retry` (from 0) of a 5xx: 0.5 s, 1 s, 2 s... */
export function serverErrorDelayMs(retry: number): number {
  return 500 * 2 ** retry;
}

/**
 * How long to wait before retrying a failed call, or null when it must not be retried: a 429 after its
 * `retry_after` (1 s when absent) if that is within `maxDelaySeconds`, a 5xx after serverErrorDelayMs.
 */
export function retryDelayMs(failure: ApiFailure, retry: number, maxDelaySeconds: number): number | null {
  if (failure.code === 429) {
    const seconds = failure.retryAfter ?? 1;
    return seconds <= maxDelaySeconds ? seconds * 1000 : null;
  }
  return failure.code >= 500 ? serverErrorDelayMs(retry) : null;
}

/**
 * Counts a failed attempt and logs it: 429 and 5xx at warn, other codes at info. The payload holds user text,
 * so only the method and Telegram's words are logged.
 */
export function reportApiFailure(opts: ApiPolicyOptions, method: string, failure: ApiFailure): void {
  opts.metrics?.telegramApiError(method, failure.code);
  const level = failure.code === 429 || failure.code >= 500 ? 'warn' : 'info';
  opts.log[level](
    { method, code: failure.code, description: failure.description, retryAfter: failure.retryAfter },
    'Bot API call failed',
  );
}

/** Counts and logs a call that Telegram never answered. */
export function reportApiUnreachable(opts: ApiPolicyOptions, method: string, error: unknown): void {
  opts.metrics?.telegramApiError(method, 'network');
  opts.log.warn(
    { method, err: error instanceof Error ? error.message : String(error) },
    'Bot API unreachable',
  );
}
