import { GrammyError, HttpError, type Api } from 'grammy';
import {
  deliveryErrorFromFailure,
  deliveryErrorFromNetwork,
  isNotModified,
} from '../../app/bot-api-failure.js';
import { DeliveryError } from '../../app/delivery-error.js';
import type { Messenger } from '../../app/types.js';
import { editOptions, sendOptions } from '../../app/telegram-send-options.js';

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
