import type { Channel } from '../core/channel.js';
import type { Language } from '../core/language/languages.js';
import type { ForumAccess } from './forum-access.js';

/** An inline button; `data` is callback data made by app/callback-data.ts (always under 64 bytes). */
export interface Button {
  text: string;
  data: string;
}

/** A message ready for Telegram's HTML parse mode: escaped, under 4096 characters. */
export interface OutMessage {
  html: string;
  buttons?: Button[][];
  /** Reply to this message id in the same chat (used in the staff chat). */
  replyTo?: number;
  /** Into this forum topic (message_thread_id) of the chat: a ticket's topic in a forum staff chat. */
  threadId?: number;
}

/** Who sent an update, reduced to what the product needs. */
export interface Sender {
  channel: Channel;
  userId: number;
  chatId: number;
  chatType: 'private' | 'group' | 'supergroup' | 'channel';
  firstName?: string;
  username?: string;
  /** Telegram's language_code. */
  languageCode?: string;
}

/** The app's answer to a button tap: a toast, an edit of the tapped message, and/or new messages. */
export interface CallbackReply {
  toast?: { text: string; alert?: boolean };
  edit?: OutMessage;
  /** New buttons for the tapped message, its text unchanged (e.g. 👍/👎 giving way to a thanks). */
  editButtons?: Button[][];
  send?: OutMessage[];
}

/** Sending to Telegram, as the worker and relays need it; grammY and telegraf each implement it. */
export interface Messenger {
  /** Sends a message and returns its message id. Throws a DeliveryError (see app/delivery-error.ts) on failure. */
  send(chatId: number, message: OutMessage): Promise<number>;
  edit(chatId: number, messageId: number, message: OutMessage): Promise<void>;
  /**
   * Copies a message (a photo, a document...) from one chat to another with Telegram's copyMessage: the file
   * stays on Telegram. `caption` (HTML, under 1024 visible characters) replaces the original's; returns the
   * copy's message id. Throws a DeliveryError on failure.
   */
  copy(fromChatId: number, messageId: number, toChatId: number, options: CopyOptions): Promise<number>;
  /** Whether the chat is a forum supergroup, and whether the bot may manage its topics (getChat, getChatMember). */
  forumAccess(chatId: number): Promise<ForumAccess>;
  /** Creates a forum topic and returns its message_thread_id. */
  createTopic(chatId: number, name: string): Promise<number>;
  /** Renames, closes or reopens a topic; a change it already shows is success. */
  editTopic(chatId: number, threadId: number, change: { name?: string; closed?: boolean }): Promise<void>;
}

/** What a copied message carries besides the file: a caption of ours, buttons, the message it replies to. */
export type CopyOptions = Omit<OutMessage, 'html'> & { caption: string };

export type { Language };
