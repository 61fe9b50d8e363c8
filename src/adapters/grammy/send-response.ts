import { GrammyError, InputFile, type Api } from 'grammy';
import { isNotModified } from '../../app/bot-api-failure.js';
import { deliverResponse, type ResponseChannel } from '../../app/deliver-response.js';
import type { DeskInput } from '../../app/desk-input.js';
import type { DeskResponse } from '../../app/feature.js';
import { editOptions, inlineKeyboard, sendOptions } from '../../app/telegram-send-options.js';
import type { Logger } from '../../logger.js';

/** The Bot API calls a desk response needs, over grammY's Api. */
function channelOver(api: Api): ResponseChannel {
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

/** Carries out the desk's response with grammY (see deliverResponse). Nothing here throws. */
export function sendDeskResponse(
  api: Api,
  input: DeskInput,
  response: DeskResponse,
  log: Logger,
  callbackQueryId?: string,
): Promise<void> {
  return deliverResponse(channelOver(api), input, response, log, callbackQueryId);
}
