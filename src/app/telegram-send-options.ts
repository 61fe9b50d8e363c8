import type { Button, CopyOptions, OutMessage } from './types.js';

/** An inline keyboard as the Bot API takes it (grammY's and telegraf's types both accept this shape). */
export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/**
 * Bot API options for sending an OutMessage: HTML parse mode, its inline keyboard, no link previews, and
 * the reply it asks for (sent even if that message is gone).
 */
export function sendOptions(message: OutMessage) {
  return {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(message.buttons && message.buttons.length > 0
      ? { reply_markup: inlineKeyboard(message.buttons) }
      : {}),
    ...(message.replyTo !== undefined
      ? { reply_parameters: { message_id: message.replyTo, allow_sending_without_reply: true } }
      : {}),
    ...(message.threadId !== undefined ? { message_thread_id: message.threadId } : {}),
  };
}

/** copyMessage options: our caption in HTML, with buttons and reply as for sending. */
export function copyOptions(options: CopyOptions) {
  const { link_preview_options: _none, ...rest } = sendOptions({ ...options, html: '' });
  return { ...rest, caption: options.caption };
}

/** Edit options: as for sending, except that a message without buttons loses its keyboard. */
export function editOptions(message: OutMessage) {
  return {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(message.buttons && message.buttons.length > 0
      ? { reply_markup: inlineKeyboard(message.buttons) }
      : {}),
  };
}

/** Buttons as the Bot API's inline keyboard (an empty one removes the keyboard). */
export function inlineKeyboard(buttons: Button[][]): InlineKeyboard {
  return {
    inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))),
  };
}
