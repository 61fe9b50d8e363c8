import { GrammyError, HttpError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { DeliveryError } from '../../app/delivery-error.js';
import type { Messenger, OutMessage } from '../../app/types.js';

/**
 * Messenger over grammY's Api, for the worker and relays. Give it an Api without the auto-retry transformer:
 * the queue owns retries (it waits `retry_after` as a delayed job instead of blocking a worker slot).
 */
export function createGrammyMessenger(api: Api): Messenger {
  return {
    async send(chatId, message) {
      try {
        const sent = await api.sendMessage(chatId, message.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...markup(message),
          ...(message.replyTo
            ? { reply_parameters: { message_id: message.replyTo, allow_sending_without_reply: true } }
            : {}),
        });
        return sent.message_id;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async edit(chatId, messageId, message) {
      try {
        await api.editMessageText(chatId, messageId, message.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...markup(message),
        });
      } catch (error) {
        // An edit that changes nothing (a repeated tap) is success, not failure.
        if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return;
        throw toDeliveryError(error);
      }
    },
  };
}

function markup(message: OutMessage): { reply_markup?: InlineKeyboardMarkup } {
  if (!message.buttons?.length) return {};
  return {
    reply_markup: {
      inline_keyboard: message.buttons.map((row) =>
        row.map((b) => ({ text: b.text, callback_data: b.data })),
      ),
    },
  };
}

/** Descriptions of 400 answers that mean the chat can never be reached, as opposed to a malformed request. */
const UNREACHABLE =
  /chat not found|user is deactivated|peer_id_invalid|bot was kicked|not enough rights|chat_write_forbidden/i;

/**
 * Maps grammY's errors to DeliveryError: 403 and an unreachable chat are permanent; any other 400 is permanent
 * too (the same request would fail again); 429 carries retry_after; 5xx, other codes and network errors are
 * transient.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const description = `${error.method}: ${error.description}`;
    if (code === 429) return new DeliveryError(description, 429, false, error.parameters.retry_after ?? 1);
    if (code === 403 || (code === 400 && UNREACHABLE.test(error.description))) {
      return new DeliveryError(description, code, true);
    }
    return new DeliveryError(description, code, code === 400);
  }
  if (error instanceof HttpError) return new DeliveryError(error.message, 0, false);
  return new DeliveryError(error instanceof Error ? error.message : String(error), 0, false);
}
