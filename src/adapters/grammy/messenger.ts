import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError, HttpError, InputFile, type Transformer } from 'grammy';
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
  serverErrorDelayMs,
  type ApiPolicyOptions,
} from '../../runtime/api-call-policy.js';
import type { PacingOptions } from '../../runtime/send-pacer.js';

/*
 * Everything the desk sends over grammY: the outgoing-call policy every Api carries, the calls a desk
 * response needs (for the bot), and the Messenger of the follow-up worker.
 */

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

/** The Bot API calls a desk response needs, over grammY's Api. */
export function responseChannel(api: Api): ResponseChannel {
  return {
    answerCallbackQuery: (queryId, toast) =>
      api.answerCallbackQuery(queryId, toast ? { text: toast.text, show_alert: toast.alert } : {}),
    sendMessage: (chatId, message) => api.sendMessage(chatId, message.html, sendOptions(message)),
    sendDocument: (chatId, doc) =>
      api.sendDocument(
        chatId,
        new InputFile(Buffer.from(doc.content), doc.fileName),
        doc.caption ? { caption: doc.caption, parse_mode: 'HTML' } : {},
      ),
    sendPhoto: (chatId, photo) =>
      api.sendPhoto(
        chatId,
        new InputFile(photo.content, photo.fileName),
        photo.caption ? { caption: photo.caption, parse_mode: 'HTML' } : {},
      ),
    editButtons: (chatId, messageId, buttons) =>
      api.editMessageReplyMarkup(chatId, messageId, { reply_markup: inlineKeyboard(buttons) }),
    async editMessage(chatId, messageId, message) {
      try {
        await api.editMessageText(chatId, messageId, message.html, editOptions(message));
        return 'edited';
      } catch (err) {
        if (err instanceof GrammyError && isNotModified(err.description)) return 'not-modified';
        throw err;
      }
    },
  };
}

/**
 * Messenger over grammY's Api, for the worker and relays. Give it an Api without the auto-retry transformer:
 * the queue owns retries (it waits `retry_after` as a delayed job instead of blocking a worker slot).
 */
export function createGrammyMessenger(api: Api): Messenger {
  return {
    async send(chatId, message) {
      try {
        const sent = await api.sendMessage(chatId, message.html, sendOptions(message));
        return sent.message_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async edit(chatId, messageId, message) {
      try {
        await api.editMessageText(chatId, messageId, message.html, editOptions(message));
      } catch (error) {
        // An edit that changes nothing (a repeated tap) is success, not failure.
        if (error instanceof GrammyError && isNotModified(error.description)) return;
        throw toDeliveryError(error);
      }
    },

    async copy(fromChatId, messageId, toChatId, options) {
      try {
        const copied = await api.copyMessage(toChatId, fromChatId, messageId, copyOptions(options));
        return copied.message_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    ...grammyForumTopics(api),
  };
}

/** The Messenger's forum calls: the bot's standing in a chat, and a ticket's topic. */
function grammyForumTopics(api: Api): Pick<Messenger, 'forumAccess' | 'createTopic' | 'editTopic'> {
  /** A change the topic already shows is success. */
  const unlessShown = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      if (error instanceof GrammyError && isTopicNotModified(error.description)) return;
      throw toDeliveryError(error);
    }
  };
  return {
    async forumAccess(chatId) {
      try {
        const [chat, me] = await Promise.all([api.getChat(chatId), api.getMe()]);
        return forumAccessOf(chat, await api.getChatMember(chatId, me.id));
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async createTopic(chatId, name) {
      try {
        return (await api.createForumTopic(chatId, name)).message_thread_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async editTopic(chatId, threadId, change) {
      if (change.name !== undefined) {
        const name = change.name;
        await unlessShown(() => api.editForumTopic(chatId, threadId, { name }));
      }
      if (change.closed === true) await unlessShown(() => api.closeForumTopic(chatId, threadId));
      if (change.closed === false) await unlessShown(() => api.reopenForumTopic(chatId, threadId));
    },
  };
}

/** Maps grammY's errors to DeliveryError with the shared rules (deliveryErrorFromFailure). */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    return deliveryErrorFromFailure({
      method: error.method,
      code: error.error_code,
      description: error.description,
      ...(error.parameters.retry_after !== undefined ? { retryAfter: error.parameters.retry_after } : {}),
    });
  }
  if (error instanceof HttpError) return deliveryErrorFromNetwork(error.message);
  return deliveryErrorFromNetwork(error instanceof Error ? error.message : String(error));
}

/** A Messenger for the follow-up worker: counted and paced, but not retried (the queue retries). */
export function createGrammyWorkerMessenger(
  token: string,
  apiRoot: string,
  deps: { logger: Logger; metrics: Metrics },
): Messenger {
  const api = new Api(token, { apiRoot });
  // The staff chat (the worker's only group) is paced by the staff queue's limiter, not a second time here.
  const pacing = { groupPerMinute: Infinity };
  applyApiPolicy(api, { log: deps.logger, metrics: deps.metrics, retry: false, pacing });
  return createGrammyMessenger(api);
}
