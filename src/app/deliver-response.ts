import type { DeskInput } from './desk-input.js';
import type { DeskResponse, OutDocument, OutPhoto } from './feature.js';
import type { Button, OutMessage } from './types.js';
import type { Logger } from '../logger.js';

/** The Bot API calls a response needs, implemented by each adapter over its framework's client. */
export interface ResponseChannel {
  answerCallbackQuery(queryId: string, toast: DeskResponse['toast']): Promise<unknown>;
  sendMessage(chatId: number, message: OutMessage): Promise<unknown>;
  /** Edits the message; resolves 'not-modified' when Telegram says it already shows this content. */
  editMessage(chatId: number, messageId: number, message: OutMessage): Promise<'edited' | 'not-modified'>;
  /** Replaces the message's buttons, its text unchanged. */
  editButtons(chatId: number, messageId: number, buttons: Button[][]): Promise<unknown>;
  /** Uploads a file as a document; its caption is HTML. */
  sendDocument(chatId: number, document: OutDocument): Promise<unknown>;
  /** Uploads an image as a photo; its caption is HTML. */
  sendPhoto(chatId: number, photo: OutPhoto): Promise<unknown>;
}

/**
 * Carries out the desk's response, in order: the callback answer (always, so that the button's spinner
 * stops), the edit (text or buttons), photos, new messages and documents to the sender's chat, then deliveries
 * to other chats. An edit that fails for another reason than "not modified" (the message is too old, say) is
 * sent as a new message instead. One failed call is logged and does not stop the others; nothing here throws.
 */
export async function deliverResponse(
  channel: ResponseChannel,
  input: DeskInput,
  response: DeskResponse,
  log: Logger,
  callbackQueryId?: string,
): Promise<void> {
  const chatId = input.sender.chatId;
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (err) {
      log.error({ err, what }, 'Bot API call failed');
    }
  };

  if (callbackQueryId !== undefined) {
    await attempt('answerCallbackQuery', () => channel.answerCallbackQuery(callbackQueryId, response.toast));
  }
  const newMessages: OutMessage[] = [...(response.replies ?? []), ...(response.send ?? [])];
  if (response.edit && input.kind === 'callback') {
    const edit = response.edit;
    try {
      await channel.editMessage(chatId, input.callback.messageId, edit);
    } catch (err) {
      log.warn({ err }, 'edit failed; sending the content as a new message');
      newMessages.unshift(edit);
    }
  }
  if (response.editButtons && input.kind === 'callback') {
    const buttons = response.editButtons;
    await attempt('editButtons', () => channel.editButtons(chatId, input.callback.messageId, buttons));
  }
  for (const photo of response.photos ?? []) {
    await attempt('sendPhoto', () => channel.sendPhoto(chatId, photo));
  }
  for (const message of newMessages) {
    await attempt('sendMessage', () => channel.sendMessage(chatId, message));
  }
  for (const document of response.documents ?? []) {
    await attempt('sendDocument', () => channel.sendDocument(chatId, document));
  }
  for (const delivery of response.deliveries ?? []) {
    await attempt('delivery', () => channel.sendMessage(delivery.chatId, delivery.message));
  }
}
