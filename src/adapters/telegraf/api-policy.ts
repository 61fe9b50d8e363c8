import { TelegramError, type Telegram } from 'telegraf';
import {
  createCallPacer,
  reportApiFailure,
  reportApiUnreachable,
  retryDelayMs,
  type ApiFailure,
  type ApiPolicyOptions,
} from '../../runtime/api-call-policy.js';
import type { PacingOptions } from '../../runtime/send-pacer.js';

export type { ApiPolicyOptions };

export interface RetryOptions {
  maxRetryAttempts: number;
  maxDelaySeconds: number;
}

/** telegraf's callApi, loosely typed so that layers can wrap it whatever the method. */
type CallApi = (method: string, payload: object, opts?: { signal?: AbortSignal }) => Promise<unknown>;
type Layer = (prev: CallApi) => CallApi;

/**
 * Wraps `telegram.callApi` with a layer; later layers wrap earlier ones (like grammY's transformers). Only
 * calls made through this Telegram instance pass the layers: telegraf gives each update's context a Telegram
 * of its own, so the adapter sends everything through the bot's `bot.telegram`.
 */
export function useLayer(telegram: Telegram, layer: Layer): void {
  const prev = telegram.callApi.bind(telegram) as unknown as CallApi;
  telegram.callApi = layer(prev) as unknown as Telegram['callApi'];
}

/**
 * Installs the desk's policy for outgoing calls on a telegraf Telegram (the bot's `bot.telegram`, or one of
 * its own for the worker), as applyApiPolicy does for grammY. Innermost to outermost: count and log every
 * failed attempt by error code; pace message sends within Telegram's limits; retry 5xx with a short backoff
 * and 429s after their `retry_after`, both capped. Network errors are not retried: a sendMessage whose answer
 * was lost may have been delivered, and a retry would send it twice; the caller (the queue) decides.
 */
export function applyTelegrafApiPolicy(telegram: Telegram, opts: ApiPolicyOptions): void {
  useLayer(telegram, countFailures(opts));
  if (opts.pacing !== false) useLayer(telegram, pace(opts.pacing ?? {}));
  if (opts.retry === false) return;
  useLayer(
    telegram,
    retryLayer({ maxRetryAttempts: opts.maxRetryAttempts ?? 3, maxDelaySeconds: opts.maxDelaySeconds ?? 30 }),
  );
}

/** The code of a failed call: Telegram's error_code, or 'network' when Telegram never answered. */
export function failureCode(error: unknown): number | 'network' {
  return error instanceof TelegramError ? error.code : 'network';
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** Calls `onFailure` for every failed attempt (a stopped long poll is not a failure). */
export function observeFailures(
  onFailure: (method: string, code: number | 'network', error: unknown) => void,
): Layer {
  return (prev) => async (method, payload, callOpts) => {
    try {
      return await prev(method, payload, callOpts);
    } catch (error) {
      if (!isAbort(error)) onFailure(method, failureCode(error), error);
      throw error;
    }
  };
}

/** Telegram's answer to a failed call, as the shared policy rules read it. */
const telegramFailure = (error: TelegramError): ApiFailure => ({
  code: error.code,
  description: error.description,
  retryAfter: error.parameters?.retry_after,
});

function countFailures(opts: ApiPolicyOptions): Layer {
  return observeFailures((method, _code, error) => {
    if (error instanceof TelegramError) reportApiFailure(opts, method, telegramFailure(error));
    else reportApiUnreachable(opts, method, error);
  });
}

function pace(options: Partial<PacingOptions>): Layer {
  const waitForSlot = createCallPacer(options);
  return (prev) => async (method, payload, callOpts) => {
    await waitForSlot(method, payload);
    return prev(method, payload, callOpts);
  };
}

/**
 * Retries a 429 after its `retry_after` (when that is within `maxDelaySeconds`) and a 5xx after 0.5 s, 1 s,
 * 2 s..., at most `maxRetryAttempts` times in all; never after the last attempt, never once the call is
 * aborted.
 */
export function retryLayer(opts: RetryOptions): Layer {
  return (prev) => async (method, payload, callOpts) => {
    for (let retry = 0; ; retry++) {
      try {
        return await prev(method, payload, callOpts);
      } catch (error) {
        const waitMs =
          retry < opts.maxRetryAttempts && error instanceof TelegramError
            ? retryDelayMs(telegramFailure(error), retry, opts.maxDelaySeconds)
            : null;
        if (waitMs === null || callOpts?.signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  };
}
