import { BotApiControl, type FakeBotApiOptions } from './fake-bot-api/control.js';
import type {
  FakeChat,
  FakeMediaKind,
  FakeMemberStatus,
  FakeMessage,
  FakeUpdate,
  FakeUser,
  SentMessage,
} from './fake-bot-api/types.js';
import {
  callbackQuery,
  documentMessage,
  fakeUser,
  mediaMessage,
  membershipChange,
  textMessage,
  type MessageOptions,
} from './fake-bot-api/updates.js';

export type * from './fake-bot-api/types.js';
export { FAKE_BOT_TOKEN } from './fake-bot-api/control.js';
export type { FakeBotApiOptions, WaitOptions } from './fake-bot-api/control.js';
export { parseTelegramHtml, TelegramHtmlError } from './fake-bot-api/telegram-html.js';
export {
  fakeUser,
  privateChatOf,
  textMessage,
  callbackQuery,
  documentMessage,
  mediaMessage,
  membershipChange,
} from './fake-bot-api/updates.js';
export type { MessageOptions } from './fake-bot-api/updates.js';

/**
 * A loopback Telegram Bot API for end-to-end tests, framework-neutral (grammY and telegraf both talk to it).
 * Point the bot's API root at `apiRoot`, push updates with the helpers, and read what the bot did with
 * `calls`, `waitForCall` and `sentTo`. It enforces Telegram's rules (4096-character texts, 64-byte callback
 * data, valid HTML, one poller at a time, answered-once callback queries, "message is not modified").
 *
 * This class holds what the users do (write, tap, upload, join, post in topics); BotApiControl holds the
 * lifecycle, failure injection and inspection.
 */
export class FakeBotApi extends BotApiControl {
  private nextUserId = 10_001;
  private nextGroupId = 1;

  /** A fresh user with a unique id (its private chat has the same id). */
  user(opts: { languageCode?: string; firstName?: string; username?: string } = {}): FakeUser {
    return fakeUser(this.nextUserId++, opts);
  }

  /** A fresh group chat with a unique id (supergroup ids start with -100, as Telegram's do). */
  group(type: 'group' | 'supergroup' | 'channel' = 'supergroup', title = 'Group'): FakeChat {
    const n = this.nextGroupId++;
    return { id: type === 'group' ? -n : -1_000_000_000_000 - n, type, title };
  }

  /** `by` adds the bot to `chat` (or changes its status there): a my_chat_member update. */
  changeMembership(by: FakeUser, chat: FakeChat, status?: FakeMemberStatus): FakeUpdate {
    return this.pushUpdate({ my_chat_member: membershipChange(this.botUser, chat, by, status) });
  }

  /** The user writes `text` (private chat unless `opts.chat`); "/cmd args" texts are commands. */
  sendText(from: FakeUser, text: string, opts: MessageOptions = {}): FakeUpdate {
    return this.pushUpdate({ message: textMessage(from, text, this.state.messageId(), opts) });
  }

  /** The user edits a message they sent (an update from sendText) to read `text` now: an edited_message. */
  editText(sent: FakeUpdate, text: string): FakeUpdate {
    const original = sent.message;
    if (!original) throw new Error('editText: the update carries no message');
    const edited = { ...original, text, entities: undefined, edit_date: Math.floor(Date.now() / 1000) };
    return this.pushUpdate({ edited_message: edited });
  }

  /** The user sends `/name args`. */
  sendCommand(from: FakeUser, name: string, args = '', opts: MessageOptions = {}): FakeUpdate {
    return this.sendText(from, `/${name}${args ? ` ${args}` : ''}`, opts);
  }

  /** The user taps a button carrying `data` on one of the bot's messages (by message or its id). */
  tapButton(from: FakeUser, message: SentMessage | number, data: string, chatId = from.id): FakeUpdate {
    const messageId = typeof message === 'number' ? message : message.messageId;
    const target = this.state.message(typeof message === 'number' ? chatId : message.chatId, messageId);
    if (!target) throw new Error(`tapButton: no message ${messageId} in chat ${chatId}`);
    const query = callbackQuery(from, this.state.apiView(target), data, this.state.callbackQueryId());
    return this.pushUpdate({ callback_query: query });
  }

  /** The user uploads a file; the bot can fetch it with getFile and the file download URL. */
  sendDocument(
    from: FakeUser,
    file: { content: string | Buffer; fileName?: string; mimeType?: string },
    opts: MessageOptions & { caption?: string } = {},
  ): FakeUpdate {
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    const document = this.state.addFile(content, file.fileName, file.mimeType);
    return this.pushUpdate({ message: documentMessage(from, document, this.state.messageId(), opts) });
  }

  /**
   * The user sends a photo, video, voice message, audio or sticker; `size` is the file_size Telegram reports
   * (default: the content's), so that a limit can be tried without a large upload.
   */
  sendMedia(
    from: FakeUser,
    kind: FakeMediaKind,
    file: { content?: string | Buffer; size?: number } = {},
    opts: MessageOptions & { caption?: string } = {},
  ): FakeUpdate {
    const content = Buffer.from(file.content ?? `${kind} bytes`);
    const stored = this.state.addFile(content, undefined, undefined);
    const reported = { ...stored, file_size: file.size ?? content.length };
    const message = mediaMessage(from, kind, reported, this.state.messageId(), opts);
    return this.pushUpdate({ message });
  }

  /**
   * Makes `chatId` a forum supergroup (getChat says is_forum) in which the bot is an admin, allowed to manage
   * topics or not.
   */
  makeForum(chatId: number, opts: { canManageTopics?: boolean } = {}): void {
    this.state.forums.set(chatId, { canManageTopics: opts.canManageTopics ?? true, topics: new Map() });
  }

  /**
   * Staff delete a forum topic: it and every message in it are gone, as in Telegram, and a later send into it
   * (message_thread_id) gets 400 "message thread not found".
   */
  deleteTopic(chatId: number, threadId: number): void {
    const forum = this.state.forums.get(chatId);
    if (!forum?.topics.delete(threadId))
      throw new Error(`deleteTopic: no topic ${threadId} in chat ${chatId}`);
    this.state.forgetTopicMessages(chatId, threadId);
  }

  /**
   * `from` writes `text` in a forum topic. As in Telegram, a message in a topic that replies to nothing in
   * particular carries the topic's "created" service message as its reply_to_message.
   */
  sendInTopic(
    from: FakeUser,
    text: string,
    chat: FakeChat,
    threadId: number,
    opts: { replyTo?: FakeMessage } = {},
  ): FakeUpdate {
    const root = this.state.message(chat.id, threadId);
    if (!root?.forum_topic_created) throw new Error(`sendInTopic: no topic ${threadId} in chat ${chat.id}`);
    const replyTo = opts.replyTo ?? root;
    const message = textMessage(from, text, this.state.messageId(), {
      chat: { ...chat, is_forum: true },
      replyTo,
    });
    return this.pushUpdate({ message: { ...message, message_thread_id: threadId, is_topic_message: true } });
  }
}

/** Starts a fake Bot API on a free loopback port. Close it in afterEach/afterAll. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  return new FakeBotApi(options).start();
}
