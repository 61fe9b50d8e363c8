/** The Telegram objects the fake Bot API reads and writes, reduced to the fields the project uses. */

export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  /** Telegram's IETF tag of the client, e.g. "de", "zh-hans", "pt-BR". */
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
  username?: string;
  /** A supergroup with topics. */
  is_forum?: boolean;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface FakeDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/** One size of a photo; the fake keeps the upload as its only size. */
export interface FakePhotoSize extends FakeDocument {
  width: number;
  height: number;
}

export interface FakeMessage {
  message_id: number;
  date: number;
  chat: FakeChat;
  from?: FakeUser;
  text?: string;
  entities?: { type: string; offset: number; length: number }[];
  caption?: string;
  document?: FakeDocument;
  photo?: FakePhotoSize[];
  video?: FakeDocument;
  voice?: FakeDocument;
  audio?: FakeDocument;
  sticker?: FakeDocument;
  reply_markup?: { inline_keyboard: InlineButton[][] };
  reply_to_message?: FakeMessage;
  /** The forum topic of the message (with is_topic_message), or a reply thread in a plain supergroup. */
  message_thread_id?: number;
  is_topic_message?: boolean;
  /** The service message that opened a forum topic (its id is the topic's thread id). */
  forum_topic_created?: { name: string; icon_color: number };
}

/** The message fields that carry a file besides `document` and `photo`, as a fake user sends them. */
export type FakeMediaKind = 'photo' | 'video' | 'voice' | 'audio' | 'sticker';

/** Fields copyMessage carries over from the original (its caption unless a new one is given). */
export const COPIED_FIELDS = [
  'text',
  'entities',
  'caption',
  'document',
  'photo',
  'video',
  'voice',
  'audio',
  'sticker',
] as const;

export interface FakeCallbackQuery {
  id: string;
  from: FakeUser;
  message?: FakeMessage;
  chat_instance: string;
  data?: string;
}

/** A change of the bot's own membership in a chat (added to a group, made admin, removed, blocked). */
export interface FakeChatMemberUpdated {
  chat: FakeChat;
  /** Who made the change (who added or removed the bot). */
  from: FakeUser;
  date: number;
  old_chat_member: { user: FakeUser; status: FakeMemberStatus };
  new_chat_member: { user: FakeUser; status: FakeMemberStatus };
}

export type FakeMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface FakeUpdate {
  update_id: number;
  message?: FakeMessage;
  edited_message?: FakeMessage;
  callback_query?: FakeCallbackQuery;
  my_chat_member?: FakeChatMemberUpdated;
  [other: string]: unknown;
}

/** A message the bot sent, as it stands now (after any edits). */
export interface SentMessage {
  messageId: number;
  chatId: number;
  /** The text exactly as the bot sent it (HTML source when parse_mode is HTML). */
  text: string;
  /** What the user sees: tags removed, entities decoded. */
  visibleText: string;
  parseMode?: string;
  /** Inline keyboard, row by row; `data` is the callback data. */
  buttons: { text: string; data?: string; url?: string }[][];
  replyTo?: number;
  document?: FakeDocument;
  photo?: FakePhotoSize[];
  video?: FakeDocument;
  voice?: FakeDocument;
  audio?: FakeDocument;
  /** The chat and message this one is a copy of (copyMessage). */
  copiedFrom?: { chatId: number; messageId: number };
  /** How many times editMessageText changed it. */
  edits: number;
  /** The forum topic it was posted in; absent in the General topic and outside forums. */
  threadId?: number;
}

/** One call the bot made, whatever its outcome. `seq` orders all calls of one fake server. */
export interface RecordedCall {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  at: number;
  ok: boolean;
  /** The `result` returned when ok. */
  result?: unknown;
  /** HTTP status and Telegram's description when not ok (an injected failure or a broken rule). */
  status?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  /** True when the call came back in a webhook response instead of over HTTP. */
  viaWebhookReply?: boolean;
}

/**
 * A failure to inject with failNext. `network` drops the connection without an answer. `when` limits it to
 * calls whose parameters match (one chat, one message's text); other calls pass it by.
 */
export type InjectedFailure = (
  | { status: 429; retryAfter: number; description?: string }
  | { status: number; description?: string }
  | { network: true }
) & { when?: (params: Record<string, unknown>) => boolean };

/** An error answer of the Bot API: `{ ok: false, error_code, description, parameters }`. */
export class BotApiError extends Error {
  readonly code = 'BOT_API_ERROR';
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = 'BotApiError';
  }
}

export const badRequest = (what: string): BotApiError => new BotApiError(400, `Bad Request: ${what}`);
