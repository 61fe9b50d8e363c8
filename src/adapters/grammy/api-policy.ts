import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type Api, type Transformer } from 'grammy';
import {
  createCallPacer,
  reportApiFailure,
  reportApiUnreachable,
  serverErrorDelayMs,
  type ApiPolicyOptions,
} from '../../runtime/api-call-policy.js';
import type { PacingOptions } from '../../runtime/send-pacer.js';

export type { ApiPolicyOptions };

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
  // auto-retry's own 5xx backoff starts at 3 s and also waits after the last attempt (45 s for 3 retries), far
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
      await new Promise((resolve) => setTimeout(resolve, serverErrorDelayMs(retry)));
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
        reportApiFailure(opts, method, {
          code: result.error_code,
          description: result.description,
          retryAfter: result.parameters?.retry_after,
        });
      }
      return result;
    } catch (error) {
      if (error instanceof HttpError) reportApiUnreachable(opts, method, error);
      throw error;
    }
  };
}

function pace(options: Partial<PacingOptions>): Transformer {
  const waitForSlot = createCallPacer(options);
  return async (prev, method, payload, signal) => {
    await waitForSlot(method, payload);
    return prev(method, payload, signal);
  };
}
