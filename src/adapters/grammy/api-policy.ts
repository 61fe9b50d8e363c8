import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type Api, type Transformer } from 'grammy';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { createSendPacer, type PacingOptions } from '../../runtime/send-pacer.js';

export interface ApiPolicyOptions {
  log: Logger;
  metrics?: Pick<Metrics, 'telegramApiError'>;
  /** Retries of one call after a 429 or a 5xx; default 3. */
  maxRetryAttempts?: number;
  /** A 429 asking to wait longer than this fails at once instead; default 30 s. */
  maxDelaySeconds?: number;
  /**
   * Retry 429s and 5xx here; default true. The worker's Api turns it off: the queue owns its retries (see
   * messenger.ts).
   */
  retry?: boolean;
  /** Sending pace; default Telegram's limits (TELEGRAM_PACING); `false` turns pacing off. */
  pacing?: Partial<PacingOptions> | false;
}

/** Methods that put a message in a chat, which Telegram rate-limits per chat and overall. */
const PACED_METHOD = /^(send(?!ChatAction)|edit|copyMessage|forwardMessage)/;

/**
 * Installs the desk's policy for outgoing calls on a grammY Api (the bot's `bot.api`, or an Api of its own
 * for the worker). Innermost to outermost: count and log every failed attempt by error code; pace message
 * sends within Telegram's limits; retry 5xx with a short backoff; retry 429s after their `retry_after`; both
 * capped. Network errors are not retried: a sendMessage whose answer was lost may have been delivered, and a
 * retry would send it twice; the caller (the queue) decides.
 */
export function applyApiPolicy(api: Api, opts: ApiPolicyOptions): void {
  api.config.use(countFailures(opts));
  if (opts.pacing !== false) api.config.use(pace(opts.pacing ?? {}));
  if (opts.retry === false) return;
  const attempts = opts.maxRetryAttempts ?? 3;
  api.config.use(retryServerErrors(attempts));
  // auto-retry's own 5xx backoff starts at 3 s and also waits after the last attempt (45 s for 3 retries),
  // far
  // past Telegram's webhook timeout and our 10 s shutdown; it keeps the 429 handling, 5xx are retried above.
  api.config.use(
    autoRetry({
      maxRetryAttempts: attempts,
      maxDelaySeconds: opts.maxDelaySeconds ?? 30,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
}

/**
 * Retries a 5xx answer up to `attempts` times, waiting 0.5 s, 1 s, 2 s... between tries (never after the
 * last).
 */
function retryServerErrors(attempts: number): Transformer {
  return async (prev, method, payload, signal) => {
    let result = await prev(method, payload, signal);
    for (let retry = 0; retry < attempts && !result.ok && result.error_code >= 500; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** retry));
      if (signal?.aborted) break;
      result = await prev(method, payload, signal);
    }
    return result;
  };
}

function countFailures(opts: ApiPolicyOptions): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        opts.metrics?.telegramApiError(method, result.error_code);
        // The payload holds user text: log the method and Telegram's words only.
        const level = result.error_code === 429 || result.error_code >= 500 ? 'warn' : 'info';
        opts.log[level](
          {
            method,
            code: result.error_code,
            description: result.description,
            retryAfter: result.parameters?.retry_after,
          },
          'Bot API call failed',
        );
      }
      return result;
    } catch (error) {
      if (error instanceof HttpError) {
        opts.metrics?.telegramApiError(method, 'network');
        opts.log.warn({ method, err: error.message }, 'Bot API unreachable');
      }
      throw error;
    }
  };
}

function pace(options: Partial<PacingOptions>): Transformer {
  const pacer = createSendPacer(options);
  return async (prev, method, payload, signal) => {
    if (PACED_METHOD.test(method)) {
      const chatId = (payload as { chat_id?: number | string } | undefined)?.chat_id;
      await pacer.wait(chatId);
    }
    return prev(method, payload, signal);
  };
}
