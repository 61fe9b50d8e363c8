import { TelegramError, type Telegram } from 'telegraf';
import {
  deliveryErrorFromFailure,
  deliveryErrorFromNetwork,
  isNotModified,
} from '../../app/bot-api-failure.js';
import { DeliveryError } from '../../app/delivery-error.js';
import type { Messenger } from '../../app/types.js';
import { editOptions, sendOptions } from '../../app/telegram-send-options.js';

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
