import type { DeskInput } from './desk-input.js';
import type { AttachmentInput, TextInput } from './feature.js';
import type { Sender } from './types.js';

/*
 * The parts of a Bot API update the desk reads, as plain JSON shapes. grammY's and telegraf's update types
 * both fit them, so that the mapping below is written once for both adapters.
 */
interface UpdateUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}
interface UpdateChat {
  id: number;
  type: Sender['chatType'];
}
interface UpdateEntity {
  type: string;
  offset: number;
  length: number;
}
interface UpdateFile {
  file_id: string;
  file_unique_id?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}
interface UpdateMessage {
  message_id: number;
  chat: UpdateChat;
  from?: UpdateUser;
  text?: string;
  entities?: UpdateEntity[];
  caption?: string;
  document?: UpdateFile;
  /** Sizes of one photo, smallest first. */
  photo?: UpdateFile[];
  video?: UpdateFile;
  voice?: UpdateFile;
  audio?: UpdateFile;
  /** Present on messages the desk does not read (an animation also carries a `document`). */
  sticker?: unknown;
  animation?: unknown;
  video_note?: unknown;
  location?: unknown;
  contact?: unknown;
  poll?: unknown;
  dice?: unknown;
  reply_to_message?: { message_id: number; from?: UpdateUser };
  message_thread_id?: number;
  is_topic_message?: boolean;
}
export interface TelegramUpdate {
  update_id: number;
  message?: UpdateMessage;
  edited_message?: UpdateMessage;
  callback_query?: {
    from: UpdateUser;
    data?: string;
    message?: { message_id: number; chat: UpdateChat };
  };
}

function senderOf(from: UpdateUser, chat: UpdateChat): Sender {
  return {
    channel: 'telegram',
    userId: from.id,
    chatId: chat.id,
    chatType: chat.type,
    firstName: from.first_name,
    ...(from.username ? { username: from.username } : {}),
    ...(from.language_code ? { languageCode: from.language_code } : {}),
  };
}

/** `/name@bot args` at the start of a text; null when it is not a command or is addressed to another bot. */
function parseCommand(message: UpdateMessage, botUsername: string) {
  const entity = message.entities?.[0];
  const text = message.text ?? '';
  if (entity?.type !== 'bot_command' || entity.offset !== 0) return null;
  const [name = '', addressee] = text.slice(1, entity.length).split('@');
  if (addressee && addressee.toLowerCase() !== botUsername.toLowerCase()) return null;
  return { name: name.toLowerCase(), args: text.slice(entity.length).trim() };
}

/**
 * The forum topic a message was written in. Telegram sets message_thread_id on replies in any supergroup
 * (a reply thread); only with is_topic_message is it a topic of a forum.
 */
function topicOf(message: UpdateMessage): { topicId?: number } {
  return message.is_topic_message === true && message.message_thread_id !== undefined
    ? { topicId: message.message_thread_id }
    : {};
}

/**
 * The person whose message a command replies to (staff hand a ticket to a colleague so). Not a bot, and not
 * the start of a forum topic, which every message in the topic replies to.
 */
function repliedPerson(message: UpdateMessage): { repliedPerson?: { id: number; name: string } } {
  const replied = message.reply_to_message;
  const author = replied?.from;
  if (!replied || !author || author.is_bot) return {};
  if (message.is_topic_message && replied.message_id === message.message_thread_id) return {};
  return {
    repliedPerson: { id: author.id, name: author.first_name || author.username || String(author.id) },
  };
}

/**
 * An edited message is asked again when it is a question in a private chat (the user corrected a typo). Edits
 * elsewhere are left alone: a staff member who edits an answer already relayed must not send it twice.
 */
function editedQuestion(update: TelegramUpdate): DeskInput | null {
  const message = update.edited_message;
  if (!message?.from || message.chat.type !== 'private' || message.text === undefined) return null;
  if (message.entities?.[0]?.type === 'bot_command' && message.entities[0].offset === 0) return null;
  return {
    kind: 'text',
    updateId: update.update_id,
    sender: senderOf(message.from, message.chat),
    text: { text: message.text, messageId: message.message_id, edited: true },
  };
}

/** Message fields that are no text and no file the desk relays: answered as "text only". */
const UNSUPPORTED = ['sticker', 'animation', 'video_note', 'location', 'contact', 'poll', 'dice'] as const;

/** The file a message carries (its largest photo size), or 'unsupported', or null for none at all. */
function attachmentOf(message: UpdateMessage): { kind: AttachmentInput['kind']; file?: UpdateFile } | null {
  if (UNSUPPORTED.some((field) => message[field] !== undefined)) return { kind: 'unsupported' };
  if (message.photo && message.photo.length > 0) return { kind: 'photo', file: message.photo.at(-1) };
  for (const kind of ['document', 'video', 'voice', 'audio'] as const)
    if (message[kind]) return { kind, file: message[kind] };
  return null;
}

/**
 * Turns a Bot API update into the desk's input: a command, text, callback or attachment, with the sender; an
 * edited question is a text again. Returns null for everything the desk does not handle (other edits,
 * service messages, commands for other bots, inline queries), which the adapters then ignore.
 */
export function deskInputFromUpdate(update: TelegramUpdate, botUsername: string): DeskInput | null {
  if (update.callback_query) return callbackInput(update.update_id, update.callback_query);
  if (update.edited_message) return editedQuestion(update);
  const updateId = update.update_id;
  const message = update.message;
  if (!message?.from) return null;
  const sender = senderOf(message.from, message.chat);
  const place = placeOf(message, botUsername);
  if (message.text !== undefined) {
    const command = parseCommand(message, botUsername);
    if (command)
      return {
        kind: 'command',
        updateId,
        sender,
        command: { ...command, ...place, ...repliedPerson(message) },
      };
    if (message.text.startsWith('/') && message.entities?.[0]?.type === 'bot_command') return null;
    return { kind: 'text', updateId, sender, text: { text: message.text, ...place } };
  }
  const attachment = attachmentInput(message, place);
  return attachment && { kind: 'attachment', updateId, sender, attachment };
}

/** A button tapped; null when Telegram gives no message with it (one sent inline) or no data (a game's). */
function callbackInput(
  updateId: number,
  query: NonNullable<TelegramUpdate['callback_query']>,
): DeskInput | null {
  const message = query.message;
  if (!message || query.data === undefined) return null;
  return {
    kind: 'callback',
    updateId,
    sender: senderOf(query.from, message.chat),
    callback: { data: query.data, messageId: message.message_id },
  };
}

/** Where a message sits, common to commands, texts and attachments. */
type MessagePlace = Pick<TextInput, 'messageId' | 'replyToMessageId' | 'replyToBot' | 'topicId'>;

/** The message's id, the message it replies to (and whether that one is the bot's), and its forum topic. */
function placeOf(message: UpdateMessage, botUsername: string): MessagePlace {
  const replyTo = message.reply_to_message?.message_id;
  const repliedAuthor = message.reply_to_message?.from?.username?.toLowerCase();
  return {
    messageId: message.message_id,
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
    ...(replyTo !== undefined && repliedAuthor === botUsername.toLowerCase() ? { replyToBot: true } : {}),
    ...topicOf(message),
  };
}

/** The attachment a message carries, with its file's details and caption; null when it carries none. */
function attachmentInput(message: UpdateMessage, place: MessagePlace): AttachmentInput | null {
  const found = attachmentOf(message);
  if (!found) return null;
  const f = found.file;
  return {
    kind: found.kind,
    ...place,
    ...(f ? { fileId: f.file_id } : {}),
    ...(f?.file_unique_id ? { fileUniqueId: f.file_unique_id } : {}),
    ...(f?.file_name ? { fileName: f.file_name } : {}),
    ...(f?.mime_type ? { mimeType: f.mime_type } : {}),
    ...(f?.file_size !== undefined ? { fileSize: f.file_size } : {}),
    ...(message.caption ? { caption: message.caption } : {}),
  };
}
