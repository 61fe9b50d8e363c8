import { Telegram, TelegramError } from 'telegraf';
import {
  deliveryErrorFromFailure,
  deliveryErrorFromNetwork,
  isNotModified,
  isTopicNotModified,
} from '../../app/bot-api-failure.js';
import type { ResponseChannel } from '../../app/deliver-response.js';
import { DeliveryError } from '../../app/delivery-error.js';
import { forumAccessOf } from '../../app/forum-access.js';
import type { Messenger } from '../../app/types.js';
import { copyOptions, editOptions, inlineKeyboard, sendOptions } from '../../app/telegram-send-options.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import {
  createCallPacer,
  reportApiFailure,
  reportApiUnreachable,
  retryDelayMs,
  type ApiFailure,
  type ApiPolicyOptions,
} from '../../runtime/api-call-policy.js';
import type { PacingOptions } from '../../runtime/send-pacer.js';

/*
 * Everything the desk sends over telegraf: the outgoing-call policy every Telegram client carries, the calls
 * a desk response needs (for the bot), and the Messenger of the follow-up worker.
 */

/** telegraf's callApi, loosely typed so that layers can wrap it whatever the method. */
type CallApi = (method: string, payload: object, opts?: { signal?: AbortSignal }) => Promise<unknown>;
type Layer = (prev: CallApi) => CallApi;

/**
 * Wraps `telegram.callApi` with a layer; later layers wrap earlier ones (like grammY's transformers). Only
 * calls made through this Telegram instance pass the layers: telegraf gives each update's context a Telegram
 * of its own, so the adapter sends everything through the bot's `bot.telegram`.
 */
function useLayer(telegram: Telegram, layer: Layer): void {
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

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** Telegram's answer to a failed call, as the shared policy rules read it. */
const telegramFailure = (error: TelegramError): ApiFailure => ({
  code: error.code,
  description: error.description,
  retryAfter: error.parameters?.retry_after,
});

/** Counts and logs every failed attempt (a stopped long poll is not a failure). */
function countFailures(opts: ApiPolicyOptions): Layer {
  return (prev) => async (method, payload, callOpts) => {
    try {
      return await prev(method, payload, callOpts);
    } catch (error) {
      if (error instanceof TelegramError) reportApiFailure(opts, method, telegramFailure(error));
      else if (!isAbort(error)) reportApiUnreachable(opts, method, error);
      throw error;
    }
  };
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
function retryLayer(opts: { maxRetryAttempts: number; maxDelaySeconds: number }): Layer {
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

/**
 * The Bot API calls a desk response needs, over telegraf's Telegram client. Give it the bot's own
 * `bot.telegram`, which carries the outgoing-call policy, not `ctx.telegram`.
 */
export function responseChannel(telegram: Telegram): ResponseChannel {
  return {
    answerCallbackQuery: (queryId, toast) =>
      telegram.answerCbQuery(queryId, toast?.text, toast ? { show_alert: toast.alert } : {}),
    sendMessage: (chatId, message) => telegram.sendMessage(chatId, message.html, sendOptions(message)),
    sendDocument: (chatId, doc) =>
      telegram.sendDocument(
        chatId,
        { source: Buffer.from(doc.content), filename: doc.fileName },
        doc.caption ? { caption: doc.caption, parse_mode: 'HTML' } : {},
      ),
    sendPhoto: (chatId, photo) =>
      telegram.sendPhoto(
        chatId,
        { source: photo.content, filename: photo.fileName },
        photo.caption ? { caption: photo.caption, parse_mode: 'HTML' } : {},
      ),
    editButtons: (chatId, messageId, buttons) =>
      telegram.editMessageReplyMarkup(chatId, messageId, undefined, inlineKeyboard(buttons)),
    async editMessage(chatId, messageId, message) {
      try {
        await telegram.editMessageText(chatId, messageId, undefined, message.html, editOptions(message));
        return 'edited';
      } catch (err) {
        if (err instanceof TelegramError && isNotModified(err.description)) return 'not-modified';
        throw err;
      }
    },
  };
}

/**
 * Messenger over telegraf's Telegram client, for the worker and relays. Give it a Telegram without the retry
 * policy: the queue owns retries (it waits `retry_after` as a delayed job instead of blocking a worker slot).
 */
export function createTelegrafMessenger(telegram: Telegram): Messenger {
  return {
    async send(chatId, message) {
      try {
        const sent = await telegram.sendMessage(chatId, message.html, sendOptions(message));
        return sent.message_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async edit(chatId, messageId, message) {
      try {
        await telegram.editMessageText(chatId, messageId, undefined, message.html, editOptions(message));
      } catch (error) {
        // An edit that changes nothing (a repeated tap) is success, not failure.
        if (error instanceof TelegramError && isNotModified(error.description)) return;
        throw toDeliveryError(error);
      }
    },

    async copy(fromChatId, messageId, toChatId, options) {
      try {
        const copied = await telegram.copyMessage(toChatId, fromChatId, messageId, copyOptions(options));
        return copied.message_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    ...telegrafForumTopics(telegram),
  };
}

/** The Messenger's forum calls: the bot's standing in a chat, and a ticket's topic. */
function telegrafForumTopics(
  telegram: Telegram,
): Pick<Messenger, 'forumAccess' | 'createTopic' | 'editTopic'> {
  /** A change the topic already shows is success. */
  const unlessShown = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      if (error instanceof TelegramError && isTopicNotModified(error.description)) return;
      throw toDeliveryError(error);
    }
  };
  return {
    async forumAccess(chatId) {
      try {
        const [chat, me] = await Promise.all([telegram.getChat(chatId), telegram.getMe()]);
        return forumAccessOf(chat as { is_forum?: boolean }, await telegram.getChatMember(chatId, me.id));
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async createTopic(chatId, name) {
      try {
        return (await telegram.createForumTopic(chatId, name)).message_thread_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async editTopic(chatId, threadId, change) {
      if (change.name !== undefined) {
        const name = change.name;
        await unlessShown(() => telegram.editForumTopic(chatId, threadId, { name }));
      }
      if (change.closed === true) await unlessShown(() => telegram.closeForumTopic(chatId, threadId));
      if (change.closed === false) await unlessShown(() => telegram.reopenForumTopic(chatId, threadId));
    },
  };
}

/**
 * Maps telegraf's errors to DeliveryError with the rules the grammY adapter uses (deliveryErrorFromFailure):
 * a TelegramError by its code and description (telegraf reports a 5xx as a TelegramError too), anything else
 * (node-fetch's FetchError: no answer) as a transient network failure.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof TelegramError) {
    const method = (error.on as { method?: string }).method ?? 'callApi';
    return deliveryErrorFromFailure({
      method,
      code: error.code,
      description: error.description,
      ...(error.parameters?.retry_after !== undefined ? { retryAfter: error.parameters.retry_after } : {}),
    });
  }
  return deliveryErrorFromNetwork(error instanceof Error ? error.message : String(error));
}

/** A Messenger for the follow-up worker: counted and paced, but not retried (the queue retries). */
export function createTelegrafWorkerMessenger(
  token: string,
  apiRoot: string,
  deps: { logger: Logger; metrics: Metrics },
): Messenger {
  const telegram = new Telegram(token, { apiRoot, webhookReply: false });
  // The staff chat (the worker's only group) is paced by the staff queue's limiter, not a second time here.
  const pacing = { groupPerMinute: Infinity };
  applyTelegrafApiPolicy(telegram, { log: deps.logger, metrics: deps.metrics, retry: false, pacing });
  return createTelegrafMessenger(telegram);
}
