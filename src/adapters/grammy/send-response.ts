import { GrammyError, InputFile, type Api } from 'grammy';
import type { DeskInput } from '../../app/desk-input.js';
import type { DeskResponse } from '../../app/feature.js';
import type { OutMessage } from '../../app/types.js';
import type { Logger } from '../../logger.js';
import { editOptions, sendOptions } from './out-message.js';

const isNotModified = (err: unknown) =>
  err instanceof GrammyError && /message is not modified/.test(err.description);

/**
 * Carries out the desk's response with the Bot API, in order: the callback answer (always, so that the
 * button's spinner stops), the edit, new messages and documents to the sender's chat, then deliveries to other chats. One
 * failed send is logged and does not stop the others; nothing here throws.
 */
export async function sendDeskResponse(
  api: Api,
  input: DeskInput,
  response: DeskResponse,
  log: Logger,
  callbackQueryId?: string,
): Promise<void> {
  const chatId = input.sender.chatId;
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      return true;
    } catch (err) {
      log.error({ err, what }, 'Bot API call failed');
      return false;
    }
  };

  if (callbackQueryId !== undefined) {
    await attempt('answerCallbackQuery', () =>
      api.answerCallbackQuery(
        callbackQueryId,
        response.toast ? { text: response.toast.text, show_alert: response.toast.alert } : {},
      ),
    );
  }
  const newMessages: OutMessage[] = [...(response.replies ?? []), ...(response.send ?? [])];
  if (response.edit && input.kind === 'callback') {
    const edit = response.edit;
    try {
      await api.editMessageText(chatId, input.callback.messageId, edit.html, editOptions(edit));
    } catch (err) {
      // A double tap asks for the same content twice; anything else (too old to edit) gets a new message.
      if (!isNotModified(err)) {
        log.warn({ err }, 'edit failed; sending the content as a new message');
        newMessages.unshift(edit);
      }
    }
  }
  for (const message of newMessages) {
    await attempt('sendMessage', () => api.sendMessage(chatId, message.html, sendOptions(message)));
  }
  for (const doc of response.documents ?? []) {
    const file = new InputFile(Buffer.from(doc.content), doc.fileName);
    await attempt('sendDocument', () =>
      api.sendDocument(chatId, file, doc.caption ? { caption: doc.caption, parse_mode: 'HTML' } : {}),
    );
  }
  for (const delivery of response.deliveries ?? []) {
    await attempt('delivery', () =>
      api.sendMessage(delivery.chatId, delivery.message.html, sendOptions(delivery.message)),
    );
  }
}
