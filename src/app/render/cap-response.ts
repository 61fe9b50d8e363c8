import type { DeskResponse } from '../feature.js';
import type { OutMessage } from '../types.js';
import { capHtml } from './html.js';

/** Telegram shows at most 200 characters in a callback toast. */
const MAX_TOAST = 200;
/** Telegram's limit for a document or photo caption. */
const MAX_CAPTION = 1024;

const capMessage = (message: OutMessage): OutMessage => ({ ...message, html: capHtml(message.html) });
const capCaption = <T extends { caption?: string }>(file: T): T =>
  file.caption === undefined ? file : { ...file, caption: capHtml(file.caption, MAX_CAPTION) };

/**
 * The last check before anything leaves the desk: every message under Telegram's length limit (cut cleanly,
 * never inside a tag or entity), every caption within its 1024, and every toast within its 200 characters.
 */
export function capResponse(response: DeskResponse): DeskResponse {
  return {
    ...response,
    ...(response.replies ? { replies: response.replies.map(capMessage) } : {}),
    ...(response.send ? { send: response.send.map(capMessage) } : {}),
    ...(response.edit ? { edit: capMessage(response.edit) } : {}),
    ...(response.deliveries
      ? { deliveries: response.deliveries.map((d) => ({ chatId: d.chatId, message: capMessage(d.message) })) }
      : {}),
    ...(response.documents ? { documents: response.documents.map(capCaption) } : {}),
    ...(response.photos ? { photos: response.photos.map(capCaption) } : {}),
    ...(response.toast
      ? { toast: { ...response.toast, text: [...response.toast.text].slice(0, MAX_TOAST).join('') } }
      : {}),
  };
}
