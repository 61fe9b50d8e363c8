import type { AttachmentKind } from '../core/follow-up/attachment.js';
import type { Logger } from '../logger.js';
import type { Language } from '../core/language/languages.js';
import type { KnowledgeSnapshot } from '../core/knowledge-base/snapshot.js';
import type { CallbackReply, OutMessage, Sender } from './types.js';

/** Translate bound to the language of the current update; interpolated values are HTML-escaped. */
export type BoundTranslate = (key: string, vars?: Record<string, unknown>) => string;

/** Everything a feature handler may use for one update. Built once per update by the desk. */
export interface DeskContext {
  sender: Sender;
  /** Telegram update_id; used for idempotency (a redelivered update must not act twice). */
  updateId: number;
  /** The interface language: /lang choice, else Telegram language_code, else DEFAULT_LANGUAGE. */
  lang: Language;
  /** The user's explicit /lang choice, null when none (or the preference store is unavailable). */
  chosenLanguage: Language | null;
  t: BoundTranslate;
  /** Translate into any language (e.g. a question answered in the language it was asked in). */
  tIn: (lang: Language, key: string, vars?: Record<string, unknown>) => string;
  /** The knowledge-base version for this whole update. */
  snapshot: KnowledgeSnapshot;
  log: Logger;
  /**
   * Adds fields (never user text) to the update's one info line, "update handled": what a feature decided
   * (an answer's outcome and entry, say) is logged with the update rather than as a line of its own.
   */
  note(fields: Record<string, string | number | boolean | null>): void;
}

export interface CommandInput {
  /** Without the slash and without @botname. */
  name: string;
  /** Text after the command, trimmed. */
  args: string;
  messageId: number;
  /** The message this one replies to, if any (staff answer tickets by replying). */
  replyToMessageId?: number;
  /** The forum topic it was written in (a ticket's topic in a forum staff chat). */
  topicId?: number;
  /** The person (not a bot) whose message this one replies to: `/give` hands them a ticket. */
  repliedPerson?: { id: number; name: string };
}

export interface TextInput {
  text: string;
  messageId: number;
  replyToMessageId?: number;
  /** The replied-to message is one of this bot's own (a ticket card, a /queue list, a relayed message). */
  replyToBot?: boolean;
  /** The forum topic it was written in (a ticket's topic in a forum staff chat). */
  topicId?: number;
  /**
   * The user edited a message they had sent: only the knowledge base answers it again. A message already passed
   * on to staff, or taken as a ticket's question, is not sent a second time.
   */
  edited?: true;
}

export interface CallbackInput {
  /** Parsed callback data: action and its arguments (see callback-data.ts). */
  action: string;
  args: string[];
  /** The message carrying the tapped button. */
  messageId: number;
}

/**
 * A message carrying a file (photo, document, video, voice or audio), or something else that is no text
 * (a sticker, a location...: kind 'unsupported'). Sizes and ids are as Telegram reports them.
 */
export interface AttachmentInput {
  kind: AttachmentKind | 'unsupported';
  messageId: number;
  fileId?: string;
  fileUniqueId?: string;
  fileSize?: number;
  fileName?: string;
  mimeType?: string;
  caption?: string;
  replyToMessageId?: number;
  /** The replied-to message is one of this bot's own (a ticket card, a relayed message). */
  replyToBot?: boolean;
  /** The forum topic it was sent in (a ticket's topic in the staff chat). */
  topicId?: number;
}

/** A file sent as a Telegram document (e.g. the `/gaps export` drafts). */
export interface OutDocument {
  fileName: string;
  content: Buffer | string;
  /** HTML, like messages; capped at Telegram's 1024 characters. */
  caption?: string;
}

/** An image sent as a Telegram photo (e.g. the `/stats` chart). */
export interface OutPhoto {
  /** The upload's file name; Telegram shows the image, not the name. */
  fileName: string;
  /** PNG or JPEG bytes. */
  content: Buffer;
  /** HTML, like messages; capped at Telegram's 1024 characters. */
  caption?: string;
}

/** What the adapter must do for an update. Every field is optional; an empty response sends nothing. */
export interface DeskResponse extends CallbackReply {
  /** Messages to the sender's chat, in order. */
  replies?: OutMessage[];
  /** Messages to other chats (e.g. a staff answer relayed to the asker), sent after the replies. */
  deliveries?: { chatId: number; message: OutMessage }[];
  /** Files to the sender's chat, sent after the replies. */
  documents?: OutDocument[];
  /** Images to the sender's chat, sent before the replies (a chart above the text that explains it). */
  photos?: OutPhoto[];
}

type Handler<I> = (input: I, ctx: DeskContext) => Promise<DeskResponse>;

/**
 * A product feature, independent of grammY and telegraf. The desk routes commands and callback actions to the
 * feature that declares them; text and attachments are offered to features in registration order until one
 * returns a response (null means "not mine").
 */
export interface Feature {
  name: string;
  commands?: Record<string, Handler<CommandInput>>;
  callbacks?: Record<string, Handler<CallbackInput>>;
  text?: (input: TextInput, ctx: DeskContext) => Promise<DeskResponse | null>;
  attachment?: (input: AttachmentInput, ctx: DeskContext) => Promise<DeskResponse | null>;
  /**
   * Commands listed in Telegram's "/" menu of private chats, with the translation key of their description
   * (e.g. `{ command: 'lang', descriptionKey: 'language:menu' }`).
   */
  menu?: { command: string; descriptionKey: string }[];
}
