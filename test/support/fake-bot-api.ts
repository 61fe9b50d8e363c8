import { BotApiServer } from './fake-bot-api/server.js';
import { BotApiState } from './fake-bot-api/state.js';
import type { FakeTopic } from './fake-bot-api/forum.js';
import { WebhookPoster } from './fake-bot-api/webhook-poster.js';
import type {
  FakeChat,
  FakeMediaKind,
  FakeMemberStatus,
  FakeMessage,
  FakeUpdate,
  FakeUser,
  InjectedFailure,
  RecordedCall,
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

export const FAKE_BOT_TOKEN = '123456789:AAFakeTokenForTestsOnly-0123456789ab';

export interface FakeBotApiOptions {
  token?: string;
  /** The bot's own account as getMe returns it. */
  botUsername?: string;
}

export interface WaitOptions {
  /** Only calls with a higher seq count; defaults to the seq at the last pushUpdate (0 = whole history). */
  since?: number;
  /** Also match calls that failed (injected failures, broken rules). Off by default. */
  includeFailed?: boolean;
}

/**
 * A loopback Telegram Bot API for end-to-end tests, framework-neutral (grammY and telegraf both talk to it).
 * Point the bot's API root at `apiRoot`, push updates with the helpers, and read what the bot did with
 * `calls`, `waitForCall` and `sentTo`. It enforces Telegram's rules (4096-character texts, 64-byte callback
 * data, valid HTML, one poller at a time, answered-once callback queries, "message is not modified").
 */
export class FakeBotApi {
  private readonly state: BotApiState;
  private readonly server: BotApiServer;
  private nextUserId = 10_001;
  private nextGroupId = 1;
  private lastPushSeq = 0;
  private port = 0;
  readonly token: string;
  private readonly webhookPoster: WebhookPoster;

  constructor(options: FakeBotApiOptions = {}) {
    this.token = options.token ?? FAKE_BOT_TOKEN;
    const botId = Number(this.token.split(':')[0]);
    this.state = new BotApiState({
      id: botId,
      is_bot: true,
      first_name: 'Community Desk',
      username: options.botUsername ?? 'community_desk_test_bot',
    });
    this.server = new BotApiServer(this.state, this.token);
    this.webhookPoster = new WebhookPoster(this.state, this.server);
  }

  /** Webhook POSTs made by pushUpdate while a webhook is set: the update and the HTTP status the bot gave. */
  get webhookDeliveries(): readonly { updateId: number; status: number }[] {
    return this.webhookPoster.deliveries;
  }

  async start(): Promise<this> {
    this.port = await this.server.listen();
    return this;
  }

  /** The value for TELEGRAM_API_ROOT: `http://127.0.0.1:<port>`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get botUser(): FakeUser {
    return this.state.botUser;
  }

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

  /** Chats the bot left with leaveChat (and was not added to again). */
  get leftChats(): ReadonlySet<number> {
    return this.state.leftChats;
  }

  /** Queues an update for getUpdates (or POSTs it to the webhook when one is set). Returns it with its update_id. */
  pushUpdate(update: Omit<FakeUpdate, 'update_id'> & { update_id?: number }): FakeUpdate {
    const full = this.state.enqueue(update);
    this.lastPushSeq = this.server.calls.length;
    if (this.state.webhook) this.webhookPoster.deliver(full);
    else this.server.updatesArrived();
    return full;
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

  /** A forum topic as it stands (name, closed), or undefined. */
  forumTopic(chatId: number, threadId: number): FakeTopic | undefined {
    const topic = this.state.forums.get(chatId)?.topics.get(threadId);
    return topic && { ...topic };
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

  /** Answers the next `count` calls of `method` with a failure instead of running them. */
  failNext(method: string, failure: InjectedFailure, count = 1): void {
    this.server.failNext(method, failure, count);
  }

  /** Every later send to this chat gets 403 "bot was blocked by the user" (until unblockChat). */
  blockChat(chatId: number): void {
    this.state.blockedChats.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.state.blockedChats.delete(chatId);
  }

  /** Recorded calls, oldest first, optionally of one method. */
  calls(method?: string): RecordedCall[] {
    return this.server.calls.filter((c) => method === undefined || c.method === method);
  }

  /** The seq of the latest call; pass it as `since` to wait only for later calls. */
  mark(): number {
    return this.server.calls.length;
  }

  /**
   * Resolves with the first successful call of `method` matching `predicate` recorded after the last
   * pushUpdate (see WaitOptions). Rejects after `timeoutMs` listing the calls of that method it saw.
   */
  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
    options: WaitOptions = {},
  ): Promise<RecordedCall> {
    const since = options.since ?? this.lastPushSeq;
    const matches = (c: RecordedCall) =>
      c.seq > since && c.method === method && (c.ok || options.includeFailed === true) && predicate(c);
    const found = this.server.calls.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const stop = this.server.onCall((call) => {
        if (!matches(call)) return;
        clearTimeout(timer);
        stop();
        resolve(call);
      });
      const timer = setTimeout(() => {
        stop();
        const seen = this.calls(method)
          .filter((c) => c.seq > since)
          .map(
            (c) =>
              `${c.ok ? 'ok' : `${c.status} ${c.description}`} ${JSON.stringify(c.params).slice(0, 200)}`,
          );
        reject(
          new Error(`no matching ${method} within ${timeoutMs} ms; saw ${seen.length}:\n${seen.join('\n')}`),
        );
      }, timeoutMs);
    });
  }

  /** The bot's messages in a chat as they stand now (edits applied), oldest first. */
  sentTo(chatId: number): SentMessage[] {
    return this.state.sentTo(chatId);
  }

  /** The message as Telegram would show it in a later update (reply_to_message, callback message). */
  messageInChat(chatId: number, messageId: number): FakeMessage | undefined {
    const message = this.state.message(chatId, messageId);
    return message && this.state.apiView(message);
  }

  /** Commands registered with setMyCommands for a language ('' = default). */
  commandsFor(languageCode = ''): unknown {
    return this.state.commands.get(`${JSON.stringify({ type: 'default' })}|${languageCode}`);
  }

  get webhook(): { url: string; secretToken?: string } | null {
    return this.state.webhook;
  }

  /** Updates not yet confirmed by the bot (getUpdates offset) or not yet delivered to the webhook. */
  get pendingUpdates(): readonly FakeUpdate[] {
    return this.state.pending;
  }

  async close(): Promise<void> {
    await this.webhookPoster.idle();
    await this.server.close();
  }
}

/** Starts a fake Bot API on a free loopback port. Close it in afterEach/afterAll. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  return new FakeBotApi(options).start();
}

export type { FakeChat };
