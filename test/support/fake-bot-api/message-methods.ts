import type { MethodHandler } from './methods.js';
import { topicOfSend } from './forum.js';
import { readPhoto } from './photo.js';
import type { Params, UploadedFile } from './request-body.js';
import type { BotApiState } from './state.js';
import { parseTelegramHtml, TelegramHtmlError } from './telegram-html.js';
import { BotApiError, COPIED_FIELDS, badRequest, type FakeMessage, type InlineButton } from './types.js';

/*
 * The Bot API methods that send, edit and copy messages and answer button taps, with Telegram's checks on
 * text length, HTML entities, inline keyboards and reply targets.
 */

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_TOAST = 200;

/** Telegram's checks on message text: not empty, valid entities for the parse mode, at most `max` characters. */
function checkText(text: unknown, parseMode: unknown, max: number, what = 'message text'): void {
  if (typeof text !== 'string' || text.trim() === '') throw badRequest(`${what} is empty`);
  let visible = text;
  if (parseMode === 'HTML') {
    try {
      visible = parseTelegramHtml(text);
    } catch (error) {
      if (error instanceof TelegramHtmlError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  }
  if (visible.trim() === '') throw badRequest(`${what} is empty`);
  if (visible.length > max)
    throw badRequest(what === 'message text' ? 'message is too long' : `${what} is too long`);
}

/** Inline keyboards: a button needs text and exactly one action; callback data is 1-64 bytes. */
function checkMarkup(markup: unknown): FakeMessage['reply_markup'] {
  if (markup === undefined || markup === null) return undefined;
  const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(keyboard) || !keyboard.every(Array.isArray)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  for (const button of (keyboard as InlineButton[][]).flat()) {
    if (typeof button.text !== 'string' || button.text === '') throw badRequest('text buttons are unallowed');
    if (button.callback_data !== undefined) {
      const bytes = Buffer.byteLength(String(button.callback_data));
      if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
    } else if (button.url === undefined) {
      throw badRequest(
        "can't parse inline keyboard button: InlineKeyboardButton must have exactly one action",
      );
    }
  }
  return { inline_keyboard: keyboard as InlineButton[][] };
}

/** The chat a call targets; a blocked chat or one the bot left answers 403, as in Telegram. */
export function chatIdOf(state: BotApiState, params: Params): number {
  const chatId = Number(params.chat_id);
  if (!Number.isFinite(chatId) || params.chat_id === undefined) throw badRequest('chat_id is empty');
  if (state.blockedChats.has(chatId)) throw new BotApiError(403, 'Forbidden: bot was blocked by the user');
  if (state.leftChats.has(chatId)) throw new BotApiError(403, 'Forbidden: bot is not a member of the chat');
  return chatId;
}

function replyTarget(state: BotApiState, chatId: number, params: Params): FakeMessage | undefined {
  const parameters = params.reply_parameters as {
    message_id?: number;
    allow_sending_without_reply?: boolean;
  };
  const id = parameters?.message_id ?? (params.reply_to_message_id as number | undefined);
  if (id === undefined) return undefined;
  const target = state.message(chatId, Number(id));
  if (!target && !parameters?.allow_sending_without_reply)
    throw badRequest('message to be replied not found');
  return target;
}

function botMessage(state: BotApiState, params: Params): FakeMessage {
  const chatId = chatIdOf(state, params);
  const message = state.message(chatId, Number(params.message_id));
  if (!message) throw badRequest('message to edit not found');
  if (message.from?.id !== state.botUser.id) throw badRequest("message can't be edited");
  return message;
}

const sendMessage: MethodHandler = (state, params) => {
  const chatId = chatIdOf(state, params);
  checkText(params.text, params.parse_mode, MAX_TEXT);
  const replyMarkup = checkMarkup(params.reply_markup);
  const replyTo = replyTarget(state, chatId, params);
  const topic = topicOfSend(state, chatId, params, replyTo);
  const message = state.addBotMessage(
    chatId,
    { text: String(params.text), reply_markup: replyMarkup, reply_to_message: replyTo, ...topic },
    params.parse_mode as string | undefined,
  );
  return state.apiView(message);
};

const editMessageText: MethodHandler = (state, params) => {
  const message = botMessage(state, params);
  checkText(params.text, params.parse_mode, MAX_TEXT);
  // Telegram drops the keyboard of an edited message unless the edit sends one again.
  const replyMarkup = checkMarkup(params.reply_markup);
  if (message.text === params.text && JSON.stringify(message.reply_markup) === JSON.stringify(replyMarkup)) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  const edited = { ...message, text: String(params.text), reply_markup: replyMarkup };
  state.replaceBotMessage(edited, params.parse_mode as string | undefined);
  return state.apiView(edited);
};

const editMessageReplyMarkup: MethodHandler = (state, params) => {
  const message = botMessage(state, params);
  const replyMarkup = checkMarkup(params.reply_markup);
  if (JSON.stringify(message.reply_markup) === JSON.stringify(replyMarkup)) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  const edited = { ...message, reply_markup: replyMarkup };
  state.replaceMarkup(edited);
  return state.apiView(edited);
};

const answerCallbackQuery: MethodHandler = (state, params) => {
  const id = String(params.callback_query_id);
  if (!state.openCallbackQueries.delete(id)) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  if (typeof params.text === 'string' && params.text.length > MAX_TOAST) throw badRequest('MESSAGE_TOO_LONG');
  return true;
};

const sendDocument: MethodHandler = (state, params) => {
  const chatId = chatIdOf(state, params);
  if (params.caption !== undefined)
    checkText(params.caption, params.parse_mode, MAX_CAPTION, 'message caption');
  const upload = params.document as UploadedFile | string | undefined;
  let document;
  if (typeof upload === 'string') {
    const known = state.files.get(upload);
    if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
    document = { file_id: known.fileId, file_unique_id: `u${known.fileId}`, file_name: known.fileName };
  } else if (upload?.content) {
    document = state.addFile(upload.content, upload.fileName, upload.mimeType);
  } else {
    throw badRequest('there is no document in the request');
  }
  const message = state.addBotMessage(
    chatId,
    {
      document,
      caption: params.caption as string | undefined,
      reply_markup: checkMarkup(params.reply_markup),
    },
    params.parse_mode as string | undefined,
  );
  return state.apiView(message);
};

/** An uploaded image (multipart, like sendDocument) that Telegram would accept as a photo; see readPhoto. */
const sendPhoto: MethodHandler = (state, params) => {
  const chatId = chatIdOf(state, params);
  if (params.caption !== undefined)
    checkText(params.caption, params.parse_mode, MAX_CAPTION, 'message caption');
  const upload = params.photo as UploadedFile | string | undefined;
  if (typeof upload !== 'object' || !upload.content) throw badRequest('there is no photo in the request');
  const { width, height } = readPhoto(upload);
  const file = state.addFile(upload.content, upload.fileName, upload.mimeType);
  const photo = [{ ...file, width, height }];
  const message = state.addBotMessage(
    chatId,
    { photo, caption: params.caption as string | undefined, reply_markup: checkMarkup(params.reply_markup) },
    params.parse_mode as string | undefined,
  );
  return state.apiView(message);
};

/**
 * Copies a stored message (text or file) to a chat without a link to the original: its file and caption, or
 * the `caption` given instead; returns only the new message_id, as Telegram does.
 */
const copyMessage: MethodHandler = (state, params) => {
  const chatId = chatIdOf(state, params);
  const fromChatId = Number(params.from_chat_id);
  const original = state.message(fromChatId, Number(params.message_id));
  if (!original) throw badRequest('message to copy not found');
  if (params.caption !== undefined)
    checkText(params.caption, params.parse_mode, MAX_CAPTION, 'message caption');
  const fields: Partial<FakeMessage> = {};
  for (const field of COPIED_FIELDS)
    if (original[field] !== undefined) Object.assign(fields, { [field]: original[field] });
  const newCaption = params.caption !== undefined && original.text === undefined;
  if (newCaption) fields.caption = String(params.caption);
  fields.reply_markup = checkMarkup(params.reply_markup);
  fields.reply_to_message = replyTarget(state, chatId, params);
  Object.assign(fields, topicOfSend(state, chatId, params, fields.reply_to_message));
  const parseMode = newCaption ? (params.parse_mode as string | undefined) : undefined;
  const copy = state.addBotMessage(chatId, fields, parseMode, {
    chatId: fromChatId,
    messageId: original.message_id,
  });
  return { message_id: copy.message_id };
};

export const MESSAGE_METHODS: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  answerCallbackQuery,
  sendDocument,
  sendPhoto,
  copyMessage,
};
