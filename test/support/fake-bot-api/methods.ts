import { FORUM_METHODS, topicOfSend } from './forum.js';
import { readPhoto } from './photo.js';
import type { Params, UploadedFile } from './request-body.js';
import type { BotApiState } from './state.js';
import { parseTelegramHtml, TelegramHtmlError } from './telegram-html.js';
import { BotApiError, COPIED_FIELDS, badRequest, type FakeMessage, type InlineButton } from './types.js';

/** A Bot API method: reads params, changes the state, returns `result` or throws BotApiError. */
export type MethodHandler = (state: BotApiState, params: Params) => unknown;

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

function chatIdOf(state: BotApiState, params: Params): number {
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

const getFile: MethodHandler = (state, params) => {
  const file = state.files.get(String(params.file_id));
  if (!file) throw badRequest('invalid file_id');
  return {
    file_id: file.fileId,
    file_unique_id: `u${file.fileId}`,
    file_size: file.content.length,
    file_path: file.path,
  };
};

const setWebhook: MethodHandler = (state, params) => {
  const url = String(params.url ?? '');
  if (url === '') {
    state.webhook = null;
    return true;
  }
  if (!/^https?:\/\//.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (params.allowed_updates !== undefined) state.askFor(params.allowed_updates);
  state.webhook = {
    url,
    secretToken: params.secret_token as string | undefined,
    allowedUpdates: params.allowed_updates as string[] | undefined,
  };
  return true;
};

const deleteWebhook: MethodHandler = (state, params) => {
  state.webhook = null;
  if (params.drop_pending_updates) state.pending.length = 0;
  return true;
};

const getWebhookInfo: MethodHandler = (state) => ({
  url: state.webhook?.url ?? '',
  has_custom_certificate: false,
  pending_update_count: state.pending.length,
  ...(state.webhook?.allowedUpdates ? { allowed_updates: state.webhook.allowedUpdates } : {}),
});

/** The bot leaves a group, supergroup or channel; Telegram refuses it for private chats. */
const leaveChat: MethodHandler = (state, params) => {
  const chatId = chatIdOf(state, params);
  if (state.chat(chatId).type === 'private') throw badRequest('chat member status is not modifiable');
  state.leftChats.add(chatId);
  return true;
};

const commandsKey = (params: Params): string =>
  `${JSON.stringify(params.scope ?? { type: 'default' })}|${String(params.language_code ?? '')}`;

const setMyCommands: MethodHandler = (state, params) => {
  const commands = params.commands as { command: string; description: string }[];
  if (!Array.isArray(commands)) throw badRequest('commands must be an array');
  for (const { command, description } of commands) {
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  state.commands.set(commandsKey(params), commands);
  return true;
};

/** The methods the fake understands; anything else is recorded and answered with `true`. */
export const METHODS: Record<string, MethodHandler> = {
  getMe: (state) => ({ ...state.botUser, can_join_groups: true, can_read_all_group_messages: false }),
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  answerCallbackQuery,
  sendDocument,
  sendPhoto,
  copyMessage,
  getFile,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  leaveChat,
  setMyCommands,
  getMyCommands: (state, params) => state.commands.get(commandsKey(params)) ?? [],
  ...FORUM_METHODS,
};
