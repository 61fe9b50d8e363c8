import { TelegramError, type Telegram } from 'telegraf';
import { isNotModified } from '../../app/bot-api-failure.js';
import { deliverResponse, type ResponseChannel } from '../../app/deliver-response.js';
import type { DeskInput } from '../../app/desk-input.js';
import type { DeskResponse } from '../../app/feature.js';
import { editOptions, inlineKeyboard, sendOptions } from '../../app/telegram-send-options.js';
import type { Logger } from '../../logger.js';

/** The Bot API calls a desk response needs, over telegraf's Telegram client. */
function channelOver(telegram: Telegram): ResponseChannel {
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
 * Carries out the desk's response with telegraf (see deliverResponse for the order and what happens when a
 * call fails). Give it the bot's own `bot.telegram`, which carries the retry policy, not `ctx.telegram`.
 * Nothing here throws.
 */
export function sendDeskResponse(
  telegram: Telegram,
  input: DeskInput,
  response: DeskResponse,
  log: Logger,
  callbackQueryId?: string,
): Promise<void> {
  return deliverResponse(channelOver(telegram), input, response, log, callbackQueryId);
}
